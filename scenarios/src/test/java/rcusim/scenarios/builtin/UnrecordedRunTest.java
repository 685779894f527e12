package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.sched.RandomDecider;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/** A campaign's runs count their decisions and skip lockdep's sites; they must be the same runs. */
class UnrecordedRunTest {
    @Test
    void anUnrecordedRunIsTheSameRunAsARecordedOne() {
        Scenario torture = Catalog.builtin().find("torture").orElseThrow();
        for (long seed = 1; seed <= 3; seed++) {
            ScenarioRun full = ScenarioRun.run(torture, seed, false);
            ScenarioRun fast = ScenarioRun.runUnrecorded(torture, seed, new RandomDecider(seed));
            assertEquals(full.result().steps(), fast.result().steps());
            assertEquals(full.result().decisions().size(), fast.result().decisions().size());
            assertEquals(full.result().decisions().hash(), fast.result().decisions().hash());
            assertEquals(full.passed(), fast.passed());
            assertEquals(full.coverage(), fast.coverage());
            assertEquals(full.counters(), fast.counters());
            assertFalse(fast.result().decisions().recording());
            assertThrows(IllegalStateException.class, () -> fast.result().decisions().chosenArray());
        }
    }

    @Test
    void lockdepFindsTheSameBugWithoutSitesAndOnlyTheSitesDiffer() {
        Scenario abba = new LockdepAbba();
        ScenarioRun full = ScenarioRun.run(abba, 1, false);
        ScenarioRun fast = ScenarioRun.runUnrecorded(abba, 1, new RandomDecider(1));
        assertFalse(full.passed());
        assertEquals(Signature.of(full.result().failure()), Signature.of(fast.result().failure()));
        assertEquals(full.result().decisions().hash(), fast.result().decisions().hash());
        String withSites = full.result().failure().getMessage();
        String without = fast.result().failure().getMessage();
        assertFalse(withSites.contains("(site not recorded)"), withSites);
        assertTrue(without.contains("(site not recorded)"), without);
        assertEquals(withSites.lines().count(), without.lines().count());
    }
}
