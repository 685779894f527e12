package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario file whose machine is given in rcutorture's form: kconfig { } and boot "...";. */
class KconfigHeaderCommandTest {
    @TempDir
    Path dir;

    private static final String TASKS = """
            int x;
            task updater cpu 0 {
                WRITE_ONCE(x, 1);
                synchronize_rcu();
            }
            task reader cpu 3 {
                rcu_read_lock();
                int r = READ_ONCE(x);
                rcu_read_unlock();
            }
            must pass;
            """;

    private static final String KCONFIG = """
            kconfig {
                CONFIG_NR_CPUS=4
                CONFIG_PREEMPT_NONE=y
                CONFIG_PREEMPT=n
                CONFIG_HZ_250=y
                CONFIG_RCU_FANOUT=2
                CONFIG_RCU_FANOUT_LEAF=2
                CONFIG_RCU_NOCB_CPU=y
                CONFIG_RCU_CPU_STALL_TIMEOUT=10
            }
            boot "rcu_nocbs=1,3 rcutree.blimit=5";
            """;

    private Path write(String text) throws IOException {
        Path p = dir.resolve("kc.scn");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aKconfigHeaderGivesTheMappedMachineAndTreeRcu() throws IOException {
        Path f = write(KCONFIG + TASKS);
        Outcome o = Outcome.rcusim("check", f.toString());
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("  machine       4 CPUs, memory model weak, HZ 250, preemption none,"), o.out());
        assertTrue(o.out().contains("  rcu           non-preemptible, fanout 2, fanout_leaf 2, rcu_nocbs=1,3, stall"
                + " timeout 2500 jiffies, blimit 5\n"), o.out());
        assertTrue(o.out().contains("  header        rcutorture's form (kconfig { } / boot), 0 options not modelled"),
                o.out());
        Outcome run = Outcome.rcusim("run", f.toString(), "--runs", "2");
        assertEquals(ExitCodes.PASS, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("  machine  4 CPUs, memory model weak, HZ 250, preemption none"), run.out());
        assertTrue(run.out().endsWith("expectation: must pass: met\n"), run.out());
    }

    @Test
    void aDebugOptionAndAnRcutortureKnobWarnAtTheirLineAndTheFileRuns() throws IOException {
        Path f = write(KCONFIG.replace("CONFIG_RCU_FANOUT=2", "CONFIG_RCU_FANOUT=2\n    CONFIG_PROVE_RCU=y")
                .replace("rcutree.blimit=5", "rcutree.blimit=5 rcutorture.nreaders=4") + TASKS);
        Outcome o = Outcome.rcusim("check", f.toString());
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("  warning       " + f + ":7: CONFIG_PROVE_RCU=y: not modelled; a debugging aid"),
                o.out());
        assertTrue(o.out().contains("  warning       " + f + ":12: rcutorture.nreaders=4: an rcutorture parameter,"),
                o.out());
        assertTrue(o.out().contains("2 options not modelled"), o.out());
        Outcome run = Outcome.rcusim("run", f.toString(), "--runs", "1");
        assertEquals(ExitCodes.PASS, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("rcusim: warning: " + f + ":7: CONFIG_PROVE_RCU=y: not modelled"), run.err());
    }

    @Test
    void anOptionThatWouldChangeRcuIsRefusedAtItsLineAndColumnInTheFile() throws IOException {
        Path f = write(KCONFIG.replace("CONFIG_RCU_FANOUT=2", "CONFIG_RCU_FANOUT=2\n      CONFIG_RCU_BOOST=y") + TASKS);
        for (String command : new String[] {"check", "run"}) {
            Outcome o = Outcome.rcusim(command, f.toString());
            assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
            assertTrue(o.err().startsWith(f + ":7:7: CONFIG_RCU_BOOST=y: RCU priority boosting"), o.err());
            assertEquals("", o.out(), command + " ran nothing");
        }
        Path b = write(KCONFIG.replace("rcutree.blimit=5", "rcutree.blimit=5 rcutree.kthread_prio=2") + TASKS);
        Outcome boot = Outcome.rcusim("check", b.toString());
        assertEquals(ExitCodes.BAD_INPUT, boot.code(), boot.out() + boot.err());
        assertTrue(boot.err().startsWith(b + ":11:38: rcutree.kthread_prio=2: real-time priority"), boot.err());
    }

    @Test
    void aMalformedKconfigLineIsNamedAtItsColumn() throws IOException {
        Path f = write("kconfig { CONFIG_NR_CPUS=4\n    NR_CPUS=4\n}\n" + TASKS);
        Outcome o = Outcome.rcusim("check", f.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().startsWith(f + ":2:5: expected CONFIG_NAME=VALUE"), o.err());
        Path g = write("kconfig { CONFIG_NR_CPUS=x }\n" + TASKS);
        Outcome first = Outcome.rcusim("check", g.toString());
        assertEquals(ExitCodes.BAD_INPUT, first.code(), first.out() + first.err());
        assertTrue(first.err().startsWith(g + ":1:26: CONFIG_NR_CPUS=x: expected a number"), first.err());
    }

    @Test
    void bothFormsAreRefused() throws IOException {
        Path f = write("machine { cpus = 4; }\n" + KCONFIG + TASKS);
        Outcome o = Outcome.rcusim("check", f.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().startsWith(f + ":2:1: a file gives its machine in one form"), o.err());
        Path g = write(KCONFIG + "machine { cpus = 4; }\n" + TASKS);
        Outcome o2 = Outcome.rcusim("run", g.toString());
        assertEquals(ExitCodes.BAD_INPUT, o2.code(), o2.out() + o2.err());
        assertTrue(o2.err().startsWith(g + ":12:1: a file gives its machine in one form"), o2.err());
        assertFalse(o2.err().contains("Exception"), o2.err());
    }

    @Test
    void aTaskOnACpuTheKconfigLacksNamesConfigNrCpus() throws IOException {
        Path f = write(KCONFIG.replace("CONFIG_NR_CPUS=4", "CONFIG_NR_CPUS=2").replace("rcu_nocbs=1,3", "rcu_nocbs=1")
                + TASKS);
        Outcome o = Outcome.rcusim("check", f.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("CPU 3 is out of range: the machine has 2 CPUs (0-1); see CONFIG_NR_CPUS"), o.err());
    }
}
