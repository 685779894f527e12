package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Simulation;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/**
 * raw_spin_lock_rcu_node()'s smp_mb__after_unlock_lock(), and what the injected fault
 * no-mb-after-unlock-lock takes away: store buffering across an unlock of one rcu_node and
 * the lock of another on the same CPU. CPU 0 writes x under its leaf's lock, then reads y under
 * the root's; CPU 1 writes y, smp_mb(), reads x. Both reading 0 is forbidden with the barrier
 * and allowed (LKMM and the machine) without it.
 */
class NodeLocksTest {
    private static final int SEEDS = 100;

    /**
     * Random choices, except that CPU 0's store buffer drains only when nothing else can be
     * done: a write of CPU 0 stays buffered as long as the rules allow.
     */
    static Decider lazyDrainsOfCpu0(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return o -> {
            int others = 0;
            for (int i = 0; i < o.size(); i++) {
                if (!(o.kind(i) == OptionKind.DRAIN && o.cpu(i) == 0)) {
                    others++;
                }
            }
            if (others == 0) {
                return r.nextInt(o.size());
            }
            int pick = r.nextInt(others);
            for (int i = 0; i < o.size(); i++) {
                if (!(o.kind(i) == OptionKind.DRAIN && o.cpu(i) == 0) && pick-- == 0) {
                    return i;
                }
            }
            throw new IllegalStateException();
        };
    }

    /** How many of SEEDS random runs ended with both CPUs reading 0. */
    private static int storeBufferingOutcomes(RcuConfig cfg) {
        int seen = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Simulation m = RcuExpTest.machine(4, Preemption.NONE, false);
            TreeRcu rcu = TreeRcu.install(m, cfg);
            NodeLocks locks = new NodeLocks(cfg);
            RcuNode leaf = rcu.s.rda[0].mynode;
            RcuNode root = rcu.s.root();
            assertTrue(leaf != root, "the geometry has two levels");
            long x = m.kernel().alloc(1);
            long y = m.kernel().alloc(1);
            long spin = m.kernel().alloc(1);
            long[] r = {-1, -1};
            boolean[] wrote = {false};
            m.spawn(0, "cpu0", k -> {
                locks.lock(k, leaf);
                k.writeOnce(x, 1);
                wrote[0] = true;
                locks.unlock(k, leaf);
                locks.lock(k, root);
                r[0] = k.readOnce(y);
                locks.unlock(k, root);
            });
            m.spawn(1, "cpu1", k -> {
                while (!wrote[0]) { // a harness-side wait (no memory ordering): CPU 0 has written x
                    k.readOnce(spin);
                }
                k.writeOnce(y, 1);
                k.smpMb();
                r[1] = k.readOnce(x);
            });
            RunResult result = m.run(lazyDrainsOfCpu0(seed));
            long s = seed;
            assertTrue(result.passed(), () -> "seed " + s + ": " + result.describe());
            if (r[0] == 0 && r[1] == 0) {
                seen++;
            }
        }
        return seen;
    }

    @Test
    void anRcuNodeUnlockThenLockIsAFullBarrier() {
        assertEquals(0, storeBufferingOutcomes(RcuConfig.nonPreemptibleDefaults().withFanout(2, 2)));
    }

    @Test
    void withoutSmpMbAfterUnlockLockAStoreBeforeTheUnlockPassesALoadAfterTheLock() {
        RcuConfig faulty = RcuConfig.nonPreemptibleDefaults().withFanout(2, 2).withMutation(RcuFault.NO_MB_AFTER_UNLOCK_LOCK);
        assertTrue(storeBufferingOutcomes(faulty) > 0, "the fault never showed store buffering in " + SEEDS + " runs");
    }

    /**
     * The cycle the kernel's comment on smp_mb__after_unlock_lock() describes, through one
     * rcu_node lock and three CPUs: CPU 0 writes x and reads y in a critical section, CPU 1 then
     * writes y and reads z in the next one, CPU 2 writes z, smp_mb(), reads x. All three reading
     * 0 needs a store that some CPUs see before others (powerpc): the weak machine is multicopy
     * atomic and hands a lock over only once the previous holder's unlock, and so every store
     * before it, is in memory, so there the outcome stays out of reach even without the barrier.
     */
    @Test
    void theKernelCommentsThreeCpuCycleNeedsAStoreSeenBySomeCpusFirst() {
        RcuConfig faulty = RcuConfig.nonPreemptibleDefaults().withFanout(2, 2).withMutation(RcuFault.NO_MB_AFTER_UNLOCK_LOCK);
        assertEquals(0, threeCpuCycles(faulty, MemoryModel.WEAK), "the three-CPU cycle appeared on a multicopy-atomic machine");
    }

    /** In the power mode the same cycle appears without the barrier, and never with it. */
    @Test
    void inThePowerModeTheThreeCpuCycleNeedsTheBarrier() {
        RcuConfig clean = RcuConfig.nonPreemptibleDefaults().withFanout(2, 2);
        assertTrue(threeCpuCycles(clean.withMutation(RcuFault.NO_MB_AFTER_UNLOCK_LOCK), MemoryModel.POWER) > 0,
                "the fault never showed the three-CPU cycle in the power mode in " + SEEDS + " runs");
        assertEquals(0, threeCpuCycles(clean, MemoryModel.POWER), "the cycle appeared with smp_mb__after_unlock_lock()");
    }

    /** Runs the three-CPU cycle SEEDS times; the number of runs where all three read 0. */
    private static int threeCpuCycles(RcuConfig cfg, MemoryModel model) {
        int cycles = 0;
        int orderedRuns = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Simulation m = new Simulation(MachineConfig.of(4, model).withKernel(KernelConfig.kernel().withPreemption(Preemption.NONE))
                    .withStepLimit(2_000_000), StrandFactory.best(), false);
            TreeRcu rcu = TreeRcu.install(m, cfg);
            NodeLocks locks = new NodeLocks(cfg);
            RcuNode leaf = rcu.s.rda[0].mynode;
            assertTrue(leaf == rcu.s.rda[1].mynode, "CPUs 0 and 1 share a leaf");
            long x = m.kernel().alloc(1);
            long y = m.kernel().alloc(1);
            long z = m.kernel().alloc(1);
            long spin = m.kernel().alloc(1);
            long[] r = {-1, -1, -1};
            boolean[] done = {false, false}; // harness-side: CPU 0's section ended, CPU 1 wrote y
            m.spawn(0, "cpu0", k -> {
                locks.lock(k, leaf);
                k.writeOnce(x, 1);
                r[0] = k.readOnce(y);
                locks.unlock(k, leaf);
                done[0] = true;
            });
            m.spawn(1, "cpu1", k -> {
                while (!done[0]) {
                    k.readOnce(spin);
                }
                locks.lock(k, leaf);
                k.writeOnce(y, 1);
                done[1] = true;
                r[1] = k.readOnce(z);
                locks.unlock(k, leaf);
            });
            m.spawn(2, "cpu2", k -> {
                while (!done[1]) {
                    k.readOnce(spin);
                }
                k.writeOnce(z, 1);
                k.smpMb();
                r[2] = k.readOnce(x);
            });
            RunResult result = m.run(RcuExpTest.random(seed));
            long s = seed;
            assertTrue(result.passed(), () -> "seed " + s + ": " + result.describe());
            if (r[0] == 0 && r[1] == 0) {
                orderedRuns++;
                if (r[2] == 0) {
                    cycles++;
                }
            }
        }
        assertTrue(orderedRuns > 0, "no run had both critical sections read 0");
        return cycles;
    }
}
