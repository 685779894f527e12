package rcusim.explore.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.explore.replay.Signature;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.builtin.Scenario;
import rcusim.scenarios.builtin.ScenarioRun;

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
        Scenario s = Catalog.builtin().find("gp-2cpu").orElseThrow().withInjection("sync-returns-at-once");
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
}
