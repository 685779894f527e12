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
}
