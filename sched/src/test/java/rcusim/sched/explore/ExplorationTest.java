package rcusim.sched.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.Strategies;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.replay.ReplayOutcome;
import rcusim.sched.replay.Replayer;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioCatalog;

/**
 * The engine without the command line: a campaign and a bounded exhaustive search of the same
 * scenario report the same failure, keyed by the same signature, through one report and one
 * writer of replay files, and the replay file reproduces it.
 */
class ExplorationTest {
    @TempDir
    Path dir;

    /** Two CPUs increment a counter twice each with a plain read and write: some schedules lose an update. */
    static final class LostUpdate implements Scenario {
        @Override
        public String name() {
            return "lost-update";
        }

        @Override
        public String description() {
            return "two CPUs increment one counter without an atomic";
        }

        @Override
        public MachineConfig config() {
            return MachineConfig.of(2, MemoryModel.SC);
        }

        @Override
        public void load(Simulation m, long seed) {
            long x = m.kernel().alloc(1);
            long done = m.kernel().alloc(1);
            for (int cpu = 0; cpu < 2; cpu++) {
                m.spawn(cpu, "inc" + cpu, k -> {
                    for (int i = 0; i < 2; i++) {
                        k.writeOnce(x, k.readOnce(x) + 1);
                    }
                    if (k.atomicAddReturn(done, 1) == 2) {
                        long v = k.readOnce(x);
                        k.bugOn(v != 4, "counter " + v + " != 4");
                    }
                });
            }
        }
    }

    private static final Scenario LOST_UPDATE = new LostUpdate();
    private static final ScenarioCatalog CATALOG = new ScenarioCatalog() {
        @Override
        public Optional<Scenario> find(String name) {
            return Optional.of(LOST_UPDATE).filter(s -> s.name().equals(name));
        }

        @Override
        public List<String> names() {
            return List.of(LOST_UPDATE.name());
        }
    };

    private record Explored(CampaignResult result, String report) {
    }

    private Explored explore(Search search, Path out) throws IOException {
        StringWriter text = new StringWriter();
        CampaignResult r = new Exploration(search, new PrintWriter(text), out, "rcusim test").run(StatusLine.NONE);
        return new Explored(r, text.toString());
    }

    private static void assertReplays(Path file) {
        ReplayFile f = ReplayFile.read(file, CATALOG);
        ReplayOutcome o = Replayer.replay(f, f.scenarioIn(CATALOG), false);
        assertEquals(ReplayOutcome.Verdict.SAME_FAILURE, o.verdict(), String.valueOf(o.divergence()));
    }

    @Test
    void anExhaustiveSearchReportsAndArchivesItsFirstFailure() throws IOException {
        Path out = dir.resolve("exhaustive");
        Explored e = explore(new ExhaustiveSearch(LOST_UPDATE, "exhaustive:1", Strategies.exhaustive("exhaustive:1"),
                1, Long.MAX_VALUE, -1, true), out);
        Signature lost = new Signature(SimFailure.Kind.BUG, "kernel BUG at counter N != N! CPU: N PID: N");
        assertEquals(List.of(lost), List.copyOf(e.result().failures.keySet()), e.report());
        Path file = FailureArchive.fileFor(out, lost);
        assertTrue(e.report().contains("FAILURE " + lost + "\n  first of 1 failing execution (lowest level first)\n"),
                e.report());
        assertTrue(e.report().contains("  replay: ./rcusim replay " + file + "\n"), e.report());
        assertTrue(e.report().contains("incomplete: stopped at the first failure"), e.report());
        assertEquals("exhaustive:1", ReplayFile.read(file, CATALOG).strategy());
        assertReplays(file);
    }

    @Test
    void aCampaignFindsTheSameSignatureAndWritesItsSummary() throws IOException {
        Path out = dir.resolve("campaign");
        Explored c = explore(new Campaign(new CampaignConfig(LOST_UPDATE, "random", 1, 200, -1, 2, Shard.ALL, false)),
                out);
        CampaignResult r = c.result();
        assertEquals(1, r.failures.size(), c.report());
        CampaignResult.Failure f = r.failures.values().iterator().next();
        assertEquals(SimFailure.Kind.BUG, f.signature.kind());
        assertTrue(c.report().startsWith("rcusim explore lost-update: two CPUs increment one counter without an atomic\n"
                + "  machine   2 CPUs, memory model sc, HZ "), c.report());
        assertTrue(c.report().contains("\n  build     rcusim test\n\n200 runs: "), c.report());
        assertTrue(Files.exists(out.resolve("summary.json")));
        Path file = FailureArchive.fileFor(out, f.signature);
        assertEquals(file.toString(), f.replayFile);
        assertTrue(file.getFileName().toString().matches("failure-bug-[0-9a-f]{8}\\.json"), file.toString());
        assertEquals(f.signature, CampaignSummaryFile.read(out.resolve("summary.json")).result().failures.firstKey());
        assertReplays(file);
    }

    @Test
    void withoutAnOutputDirectoryNothingIsWritten() throws IOException {
        Explored c = explore(new Campaign(new CampaignConfig(LOST_UPDATE, "random", 1, 50, -1, 1, Shard.ALL, false)),
                null);
        c.result().failures.values().forEach(f -> assertNull(f.replayFile));
        assertTrue(!c.report().contains("replay:"), c.report());
    }
}
