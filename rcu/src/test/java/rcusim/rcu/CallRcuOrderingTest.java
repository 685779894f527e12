package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.kernel.Simulation;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;

/**
 * call_rcu() is fully ordered, as the kernel's rcu_segcblist_add_len() makes it: a store before
 * it cannot pass a load after it. CPU 0 writes x, calls call_rcu(), reads y; CPU 1 writes y,
 * smp_mb(), reads x; both reading 0 is forbidden. This is the barrier that, beside
 * raw_spin_lock_rcu_node()'s smp_mb__after_unlock_lock(), orders an updater's removal before
 * the grace-period snapshot that tags its callback (UnlockLockRcuPathsTest's CR shape), which
 * is why the fault no-mb-after-unlock-lock leaves that path ordered.
 */
class CallRcuOrderingTest {
    private static final int SEEDS = 100;

    /** How many of SEEDS runs ended with both CPUs reading 0; CPU 0's stores drain as late as they may. */
    private static int storeBufferingOutcomes(RcuConfig cfg) {
        int seen = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Simulation m = RcuExpTest.machine(4, Preemption.NONE, false);
            TreeRcu rcu = TreeRcu.install(m, cfg);
            long x = m.kernel().alloc(1);
            long y = m.kernel().alloc(1);
            long spin = m.kernel().alloc(1);
            long[] r = {-1, -1};
            boolean[] wrote = {false};
            RcuHead head = new RcuHead("test_cb");
            m.spawn(0, "cpu0", k -> {
                k.writeOnce(x, 1);
                wrote[0] = true;
                rcu.callRcu(k, head, kk -> { });
                r[0] = k.readOnce(y);
            });
            m.spawn(1, "cpu1", k -> {
                while (!wrote[0]) { // a harness-side wait (no memory ordering): CPU 0 has written x
                    k.readOnce(spin);
                }
                k.writeOnce(y, 1);
                k.smpMb();
                r[1] = k.readOnce(x);
            });
            RunResult result = m.run(NodeLocksTest.lazyDrainsOfCpu0(seed));
            long s = seed;
            assertTrue(result.passed(), () -> "seed " + s + ": " + result.describe());
            assertTrue(r[0] >= 0 && r[1] >= 0, "both CPUs read");
            if (r[0] == 0 && r[1] == 0) {
                seen++;
            }
        }
        return seen;
    }

    @Test
    void aStoreBeforeCallRcuIsVisibleToEveryCpuBeforeALoadAfterIt() {
        assertEquals(0, storeBufferingOutcomes(RcuConfig.nonPreemptibleDefaults()));
    }

    @Test
    void evenWithoutSmpMbAfterUnlockLock() {
        assertEquals(0, storeBufferingOutcomes(RcuConfig.nonPreemptibleDefaults().withMutation(RcuFault.NO_MB_AFTER_UNLOCK_LOCK)));
    }
}
