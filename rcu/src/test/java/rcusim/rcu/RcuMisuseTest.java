package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;

/**
 * Misuse of RCU by simulated code fails the run with the kernel's warning (lockdep's, RCU's
 * lockdep checks', or CONFIG_DEBUG_OBJECTS_RCU_HEAD's), for every seed: a finding, not a crash.
 */
class RcuMisuseTest {
    private static RunResult run(boolean preemptible, long seed, BiConsumer<TreeRcu, Kernel> body) {
        Simulation m = TreeRcuTortureTest.machine(2, preemptible ? Preemption.FULL : Preemption.NONE, false);
        TreeRcu rcu = TreeRcu.install(m, preemptible ? RcuConfig.preemptibleDefaults()
                : RcuConfig.nonPreemptibleDefaults());
        m.spawn(0, "misuser", k -> body.accept(rcu, k));
        return m.run(TreeRcuTortureTest.random(seed));
    }

    private static void assertFails(RunResult r, SimFailure.Kind kind, String text) {
        assertFalse(r.passed(), "the run passed");
        assertEquals(kind, r.failure().kind(), r.describe());
        assertTrue(r.failure().getMessage().contains(text), r.describe());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void unbalancedReadUnlockIsLockdepsBadUnlockBalance(boolean preemptible) {
        for (long seed = 0; seed < 3; seed++) {
            RunResult r = run(preemptible, seed, (rcu, k) -> {
                rcu.readLock(k);
                rcu.readUnlock(k);
                rcu.readUnlock(k);
            });
            assertFails(r, SimFailure.Kind.RCU, "WARNING: bad unlock balance detected!");
            assertTrue(r.failure().getMessage().contains("misuser"), r.describe());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void synchronizeRcuInAReaderIsReported(boolean preemptible) {
        RunResult r = run(preemptible, 1, (rcu, k) -> {
            rcu.readLock(k);
            rcu.synchronizeRcu(k);
            rcu.readUnlock(k);
        });
        assertFalse(r.passed(), "synchronize_rcu() inside a reader passed");
        // preemptible RCU's readers are visible to RCU's lockdep check; a non-preemptible reader
        // is a preempt-disabled region, which might_sleep() reports
        assertTrue(r.failure().getMessage().contains(preemptible
                ? "Illegal synchronize_rcu() in RCU read-side critical section!"
                : "BUG: sleeping function called from invalid context"), r.describe());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void callRcuTwiceOnOneHeadIsADoubleFree(boolean preemptible) {
        RunResult r = run(preemptible, 2, (rcu, k) -> {
            RcuHead h = new RcuHead("obj.rcu");
            rcu.callRcu(k, h, kk -> { });
            rcu.callRcu(k, h, kk -> { });
        });
        assertFails(r, SimFailure.Kind.RCU, "__call_rcu(): Double-freed CB obj.rcu");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void correctUseOfTheSameCallsPasses(boolean preemptible) {
        RunResult r = run(preemptible, 3, (rcu, k) -> {
            rcu.readLock(k);
            rcu.readLock(k);
            rcu.readUnlock(k);
            rcu.readUnlock(k);
            RcuHead h = new RcuHead("obj.rcu");
            rcu.callRcu(k, h, kk -> { });
            rcu.synchronizeRcu(k);
            rcu.synchronizeRcu(k);
            rcu.callRcu(k, h, kk -> { }); // invoked by now: the head may be reused
            rcu.synchronizeRcu(k);
        });
        assertTrue(r.passed(), r.describe());
    }
}
