package rcusim.sched.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.cli.ExitCodes;
import rcusim.cli.Main;
import rcusim.rcu.RcuFault;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.builtin.RcuFaults;
import rcusim.sched.scenario.Scenario;

/** Campaigns: results independent of the number of workers and of sharding. */
class CampaignTest {
    private static CampaignResult run(Scenario s, int runs, int jobs, Shard shard) {
        CampaignConfig c = new CampaignConfig(s, "random", 7, runs, -1, jobs, shard, false);
        return new Campaign(c).run();
    }

    @Test
    void sameFailingRunsWithOneOrTwoJobs() {
        Scenario s = Catalog.builtin().find("hotplug-storm").orElseThrow();
        Scenario broken = Catalog.builtin().find("torture").orElseThrow().withInjection(RcuFaults.of(RcuFault.QS_IN_READER));
        for (Scenario sc : new Scenario[] {s, broken}) {
            CampaignResult one = run(sc, 12, 1, Shard.ALL);
            CampaignResult two = run(sc, 12, 2, Shard.ALL);
            assertEquals(12, one.runs);
            assertEquals(one.failingRuns(), two.failingRuns());
            assertEquals(one.failures.keySet(), two.failures.keySet());
            assertEquals(one.steps, two.steps);
            assertEquals(one.interleavings, two.interleavings);
            assertEquals(one.coverage, two.coverage);
            assertEquals(one.counters, two.counters);
        }
    }

    /** A campaign's runs are unrecorded; each failure's first run is recorded again, in full, at the end. */
    @Test
    void eachFailureKeepsARecordedRunWithTheFullReport() {
        CampaignResult r = run(Catalog.builtin().find("lockdep-abba").orElseThrow(), 3, 2, Shard.ALL);
        assertEquals(1, r.failures.size());
        CampaignResult.Failure f = r.failures.values().iterator().next();
        assertTrue(f.run.result().decisions().recording());
        assertEquals(f.firstSeed, f.run.seed());
        assertFalse(f.report.contains("(site not recorded)"), f.report);
        assertTrue(f.report.contains("WARNING: possible circular locking dependency detected"), f.report);
    }

    @Test
    void shardsTogetherAreTheWholeCampaign(@TempDir Path dir) throws Exception {
        Scenario s = Catalog.builtin().find("torture").orElseThrow().withInjection(RcuFaults.of(RcuFault.EQS_SNAPSHOT_WRONG_PARITY));
        CampaignResult whole = run(s, 10, 1, Shard.ALL);
        CampaignResult merged = new CampaignResult();
        for (int i = 0; i < 3; i++) {
            CampaignConfig c = new CampaignConfig(s, "random", 7, 10, -1, 1, new Shard(i, 3), false);
            CampaignResult part = new Campaign(c).run();
            Path f = dir.resolve("s" + i + ".json");
            CampaignSummaryFile.write(f, c, part);
            CampaignSummaryFile.merge(merged, CampaignSummaryFile.read(f).result());
        }
        assertEquals(whole.runs, merged.runs);
        assertEquals(whole.steps, merged.steps);
        assertEquals(whole.failingRuns(), merged.failingRuns());
        assertEquals(whole.interleavings, merged.interleavings);
        assertEquals(whole.counters, merged.counters);
        assertTrue(whole.counters.get("rcu: grace periods completed") > 0, whole.counters.toString());
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/2"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("x"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.USAGE, Main.run(new PrintWriter(out), new PrintWriter(err), "explore", "torture",
                "--shard", "3/2", "--runs", "1"));
        assertTrue(err.toString().contains("shard 3/2"), err.toString());
        assertEquals(ExitCodes.USAGE, Main.run(new PrintWriter(out), new PrintWriter(err), "explore", "torture",
                "--strategy", "bogus", "--runs", "1"));
        assertTrue(err.toString().contains("bogus"), err.toString());
        assertEquals(ExitCodes.USAGE, Main.run(new PrintWriter(out), new PrintWriter(err), "explore", "torture",
                "--inject", "bogus", "--runs", "1"));
    }

    @Test
    void exploreFindsAnInjectedFaultAndWritesTheSummary(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "explore", "torture", "--inject",
                "init-qsmask-zero", "--runs", "4", "--jobs", "2", "--out", dir.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, code, out + "\n" + err);
        assertTrue(out.toString().contains("FAILURE WARN"), out.toString());
        assertTrue(Files.exists(dir.resolve("summary.json")));
        StringWriter merged = new StringWriter();
        assertEquals(ExitCodes.FAILURE_FOUND, Main.run(new PrintWriter(merged), new PrintWriter(err), "merge", dir.toString()));
        assertTrue(merged.toString().contains("4 runs"), merged.toString());
        assertFalse(merged.toString().isEmpty());
    }
}
