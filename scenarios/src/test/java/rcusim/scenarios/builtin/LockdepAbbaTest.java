package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

class LockdepAbbaTest {
    private final Scenario abba = new LockdepAbba();

    /** The two lock orders never meet in time, so no schedule deadlocks: only lockdep can tell. */
    @Test
    void noScheduleDeadlocks() {
        for (long seed = 1; seed <= 50; seed++) {
            ScenarioRun r = ScenarioRun.run(abba, seed, false);
            assertTrue(r.passed() || r.result().failure().kind() == SimFailure.Kind.LOCKDEP, r.result()::describe);
        }
    }

    /**
     * ASSUMES the real lockdep (rcusim.kernel.lockdep, being merged). With the stub this is
     * skipped; after the merge it must pass on every seed.
     */
    @Test
    void lockdepReportsTheCircularDependencyOnEverySeed() {
        assumeTrue(RealLockdep.merged(), RealLockdep.STUB);
        for (long seed = 1; seed <= 20; seed++) {
            ScenarioRun r = ScenarioRun.run(abba, seed, false);
            assertTrue(!r.passed(), "seed " + seed + " passed");
            assertEquals(SimFailure.Kind.LOCKDEP, r.result().failure().kind(), r.result()::describe);
            assertTrue(r.result().failure().getMessage().startsWith("WARNING: possible circular locking dependency detected"),
                    r.result()::describe);
        }
    }
}
