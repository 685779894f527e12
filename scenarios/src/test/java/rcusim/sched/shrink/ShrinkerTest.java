package rcusim.sched.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.rcu.RcuFault;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.builtin.RcuFaults;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.replay.ReplayOutcome;
import rcusim.sched.replay.Replayer;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/** Shrinking keeps the failure and drops the unusual choices that do not matter to it. */
class ShrinkerTest {
    @Test
    void shrunkRunFailsTheSameWayWithFewerNonDefaultChoices() {
        Scenario s = Catalog.builtin().find("lockdep-abba").orElseThrow();
        ScenarioRun original = ScenarioRun.run(s, 3, false);
        assertFalse(original.passed());
        Shrinker.Result r = new Shrinker(s, 3, 50).shrink(original.result().decisions().chosenArray());
        assertFalse(r.shrunk().passed());
        assertEquals(Signature.of(original.result().failure()), Signature.of(r.shrunk().result().failure()));
        assertTrue(r.nonDefaultAfter() <= r.nonDefaultBefore() / 2 || r.nonDefaultAfter() == 0,
                r.nonDefaultBefore() + " -> " + r.nonDefaultAfter());
        // the shrunk stream is a recording of its own: replaying it gives the same run
        ScenarioRun again = ScenarioRun.run(s, 3, new rcusim.sched.ReplayDecider(r.shrunk().result().decisions()), false);
        assertEquals(r.shrunk().result().describe(), again.result().describe());
    }

    /**
     * A too-short grace period (synchronize_rcu() returning at once) found by a random walk on
     * gp-2cpu: the shrunk run still fails the same way and is no larger. (The failure is short:
     * a handful of non-default choices, most of them needed, so no ratio is asked for here;
     * scripts/shrink-table measures the torture failures.)
     */
    @Test
    void aTooShortGracePeriodShrinksAndStillFails() {
        Scenario s = Catalog.builtin().find("gp-2cpu").orElseThrow().withInjection(RcuFaults.of(RcuFault.SYNC_RETURNS_AT_ONCE));
        ScenarioRun original = null;
        for (long seed = 0; seed < 5000 && original == null; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            if (!r.passed()) {
                original = r;
            }
        }
        assertTrue(original != null, "no failing run in 5000 seeds");
        Shrinker.Result r = new Shrinker(s, original.seed(), 100).shrink(original.result().decisions().chosenArray());
        assertEquals(Signature.of(original.result().failure()), Signature.of(r.shrunk().result().failure()));
        assertTrue(r.nonDefaultAfter() <= r.nonDefaultBefore(), r.nonDefaultBefore() + " -> " + r.nonDefaultAfter());
        assertTrue(r.decisionsAfter() <= r.decisionsBefore(), r.decisionsBefore() + " -> " + r.decisionsAfter());
        System.out.printf("gp-2cpu sync-returns-at-once, seed %d: decisions %d -> %d, non-default %d -> %d, %d runs%n",
                original.seed(), r.decisionsBefore(), r.decisionsAfter(), r.nonDefaultBefore(), r.nonDefaultAfter(),
                r.attempts());
    }

    @TempDir
    Path dir;

    /**
     * The property on a torture failure: the shrunk run has at most half the decisions,
     * fails with the same signature, and its replay file (workload options included) replays
     * exactly to that failure. sync-returns-at-once's cookie check needs one reader and few of
     * its loops, so the workload cuts alone more than halve it. (hotplug-clear-before-report,
     * used here before hotplug toggled random CPUs, now shrinks only to about three quarters in
     * 20 runs: its WARN needs the toggles the failing run made, so --onoff-cycles stays.)
     */
    @Test
    void aTortureFailureShrinksToHalfAndReplaysExactly() throws IOException {
        shrinksToHalfAndReplays(RcuFault.SYNC_RETURNS_AT_ONCE, 20);
    }

    /**
     * A stall: the stall timeout is shortened only as far as the fault-free kernel passes the
     * same schedule, so the shrunk stall is the fault's, not a false alarm.
     */
    @Test
    void aStallShrinksToHalfWithoutFalseAlarms() throws IOException {
        Shrinker.Result r = shrinksToHalfAndReplays(RcuFault.NEVER_REPORT_QS, 40);
        Scenario clean = r.shrunk().scenario().withoutInjection();
        assertTrue(ScenarioRun.run(clean, r.shrunk().seed(), new LenientReplay(r.shrunk().result().decisions().chosenArray(), true),
                false).passed(), "the shrunk schedule fails without the fault too");
    }

    private Shrinker.Result shrinksToHalfAndReplays(RcuFault fault, int maxRuns) throws IOException {
        Scenario s = Catalog.builtin().find("torture").orElseThrow().withInjection(RcuFaults.of(fault));
        ScenarioRun original = null;
        for (long seed = 1; seed < 50 && original == null; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            original = r.passed() ? null : r;
        }
        assertTrue(original != null, "no " + fault + " failure in 50 seeds");
        Shrinker.Result r = new Shrinker(s, original.seed(), maxRuns).shrink(original.result().decisions().chosenArray());
        Signature sig = Signature.of(original.result().failure());
        assertEquals(sig, Signature.of(r.shrunk().result().failure()));
        assertTrue(r.decisionsAfter() * 2 <= r.decisionsBefore(), r.decisionsBefore() + " -> " + r.decisionsAfter());
        Path file = dir.resolve(fault + ".json");
        ReplayFile.of(r.shrunk(), "random shrunk", original.seed()).write(file);
        ReplayFile f = ReplayFile.read(file, Catalog.builtin());
        ReplayOutcome o = Replayer.replay(f, f.scenarioIn(Catalog.builtin()), false);
        assertEquals(ReplayOutcome.Verdict.SAME_FAILURE, o.verdict(), String.valueOf(o.divergence()));
        System.out.printf("torture %s, seed %d: decisions %d -> %d, non-default %d -> %d, %s, %d runs%n", fault,
                original.seed(), r.decisionsBefore(), r.decisionsAfter(), r.nonDefaultBefore(), r.nonDefaultAfter(),
                r.shrunk().scenario().overrides().commandLine(), r.attempts());
        return r;
    }
}
