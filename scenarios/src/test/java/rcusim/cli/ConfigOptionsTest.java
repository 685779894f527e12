package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.WorkloadKnob;

/** --cpus, --fanout, --fanout-leaf and --nocb of run and explore; bad configurations exit 3. */
class ConfigOptionsTest {
    @TempDir
    Path dir;



    private static void badConfiguration(String reason, String... args) {
        Outcome o = Outcome.rcusim(args);
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertEquals("rcusim: bad configuration: " + reason + "\n", o.err());
        assertEquals("", o.out());
    }

    @Test
    void aConfigurationTheKernelWouldRejectExits3WithTheReason() {
        badConfiguration("rcu_nocbs= names absent CPU 8 (the machine has CPUs 0-7)", "run", "nocb", "--nocb", "0-8");
        badConfiguration("rcu_nocbs= names absent CPUs 4-5 (the machine has CPUs 0-3)",
                "explore", "torture", "--runs", "1", "--nocb", "1,4-5");
        badConfiguration("RCU_FANOUT must be between 2 and 64, got 65", "run", "tree02", "--fanout", "65");
        badConfiguration("RCU_FANOUT_LEAF must be between 2 and 64, got 1", "explore", "tree02", "--fanout-leaf", "1");
        badConfiguration("--cpus 5000: the simulator (NR_CPUS) has between 1 and 4096 CPUs",
                "run", "torture", "--cpus", "5000");
        badConfiguration("CONFIG_RCU_FANOUT insufficient for NR_CPUS: 17 CPUs need more than 4 rcu_node levels with"
                + " RCU_FANOUT=2 and RCU_FANOUT_LEAF=2 (capacity 16)", "run", "tree07", "--cpus", "17");
        badConfiguration("bad cpulist '1-x': '1-x' is not a CPU number or a range a-b", "run", "nocb", "--nocb", "1-x");
    }

    @Test
    void aScenarioWithoutConfigurationIsAUsageError() {
        Outcome o = Outcome.rcusim("run", "lockdep-abba", "--cpus", "4");
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
        assertTrue(o.err().startsWith("scenario lockdep-abba takes no configuration options (--cpus 4)"), o.err());
    }

    @Test
    void optionsReachTheRunAndItsReproduceCommand() {
        Outcome o = Outcome.rcusim("run", "torture", "--cpus", "3", "--nocb", "1-2", "--inject", "nocb-enqueue-without-lock");
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("with --cpus 3 --nocb 1-2: 3 CPUs, fanout 2/2, rcu_nocbs=1-2"), o.out());
        assertTrue(o.out().contains("rule: rcu_data["), o.out());
        assertTrue(o.out().contains("\nreproduce: ./rcusim run torture --seed 1 --inject nocb-enqueue-without-lock"
                + " --cpus 3 --nocb 1-2\n"), o.out());
        Outcome plain = Outcome.rcusim("run", "nocb", "--nocb", "", "--cpus", "4", "--runs", "1");
        assertEquals(ExitCodes.PASS, plain.code(), plain.out() + plain.err());
        assertTrue(plain.out().contains("rcu_nocbs=(none)"), plain.out());
    }

    @Test
    void replayFilesCarryTheOptions() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = Outcome.rcusim("explore", "torture", "--runs", "1", "--jobs", "1", "--fanout", "3", "--nocb", "0,3",
                "--inject", "nocb-enqueue-without-lock", "--out", out.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("failure-")).toList();
        }
        assertEquals(1, files.size(), files.toString());
        ReplayFile f = ReplayFile.read(files.get(0), Catalog.builtin());
        assertEquals("--fanout 3 --nocb 0,3", f.options());
        Outcome replay = Outcome.rcusim("replay", files.get(0).toString());
        assertEquals(ExitCodes.FAILURE_FOUND, replay.code(), replay.out() + replay.err());
        assertTrue(replay.out().contains("reproduced: the same failure"), replay.out());
    }

    @Test
    void overridesPrintAndParseBack() {
        ConfigOverrides o = new ConfigOverrides(8, 3, 2, "");
        assertEquals("--cpus 8 --fanout 3 --fanout-leaf 2 --nocb ''", o.commandLine());
        assertEquals(o, ConfigOverrides.parse(o.commandLine()));
        assertEquals(ConfigOverrides.NONE, ConfigOverrides.parse(""));
        // workload knobs (what rcusim shrink turns down) print in a fixed order, whatever the order given
        ConfigOverrides w = ConfigOverrides.parse("--cpus 2 --hog 0 --readers 1 --stall-timeout 250");
        assertEquals("--cpus 2 --stall-timeout 250 --readers 1 --hog 0", w.commandLine());
        assertEquals(w, ConfigOverrides.parse(w.commandLine()));
    }

    @Test
    void everyWorkloadKnobIsAnOptionWithItsOwnHelp() {
        CommandSpec spec = CommandSpec.forAnnotatedObject(new ConfigOptions());
        for (WorkloadKnob k : WorkloadKnob.values()) {
            OptionSpec o = spec.findOption(k.option());
            assertNotNull(o, k.option());
            assertEquals(k.paramLabel(), o.paramLabel(), k.option());
            assertEquals(List.of(k.description()), List.of(o.description()), k.option());
        }
        List<String> knobs = Stream.of(WorkloadKnob.values()).map(WorkloadKnob::option).toList();
        List<String> machine = List.of("--cpus", "--fanout", "--fanout-leaf", "--nocb");
        for (OptionSpec o : spec.options()) {
            assertTrue(knobs.contains(o.longestName()) || machine.contains(o.longestName()),
                    o.longestName() + " is neither a machine option nor a workload knob");
        }
    }
}
