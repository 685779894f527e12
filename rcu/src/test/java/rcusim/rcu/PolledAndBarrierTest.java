package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import rcusim.kernel.CpuhpGroup;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.kernel.Task;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

/**
 * The polled grace-period API and rcu_barrier() on the full Tree RCU: what a cookie promises
 * (not done while a reader that began before it runs; done after a grace period), that
 * start_poll_synchronize_rcu() requests the grace period it names, that rcu_barrier() waits for
 * callbacks on every CPU, one going offline included, the paths that return at once, misuse,
 * and that runs repeat exactly.
 */
class PolledAndBarrierTest {
    private static final RcuConfig PREEMPT = RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500);

    private static Simulation machine(int cpus) {
        return TreeRcuTortureTest.machine(cpus, Preemption.FULL, false);
    }

    private static void check(boolean cond, String what) {
        if (!cond) {
            throw new SimFailure(SimFailure.Kind.RCU, "test: " + what);
        }
    }

    /** Spins (marked accesses) for n steps; simulated time passes meanwhile. */
    private static void spin(Kernel k, long loc, int n) {
        for (int i = 0; i < n; i++) {
            k.readOnce(loc);
        }
    }

    /**
     * A cookie taken inside a reader is not done while the reader runs, even though the grace
     * period it names was requested (start_poll) and has started meanwhile; after the reader it
     * becomes done. (A cookie taken before a reader began gives no such promise: its grace period
     * may start before the reader and need not wait for it.)
     */
    @Test
    void cookieTakenInsideAReaderIsNotDoneWhileTheReaderRuns() {
        for (long seed = 1; seed <= 4; seed++) {
            Simulation m = machine(3);
            TreeRcu rcu = TreeRcu.install(m, PREEMPT);
            Kernel k0 = m.kernel();
            long readerIn = k0.alloc(1);
            long cookieLoc = k0.alloc(1);
            long[] polls = new long[3]; // polls inside the reader, of them seeing the GP started, jiffies to done after
            m.spawn(1, "reader", k -> {
                rcu.readLock(k);
                long cookie = rcu.getStateSynchronizeRcu(k);
                RcuGpOldstate full = rcu.getStateSynchronizeRcuFull(k);
                k.writeOnce(cookieLoc, cookie);
                k.smpStoreRelease(readerIn, 1);
                for (int i = 0; i < 40; i++) {
                    spin(k, readerIn, 100);
                    check(!rcu.pollStateSynchronizeRcu(k, cookie), "cookie " + cookie + " done inside the reader");
                    check(!rcu.pollStateSynchronizeRcuFull(k, full), "full cookie done inside the reader");
                    polls[0]++;
                    if (RcuSeq.started(rcu.s.gpSeqPeek(k), cookie)) {
                        polls[1]++;
                    }
                }
                rcu.readUnlock(k);
                long start = k.jiffies();
                while (!rcu.pollStateSynchronizeRcu(k, cookie)) {
                    k.scheduleTimeoutInterruptible(1);
                    check(k.jiffies() - start < 2000, "cookie never done after the reader");
                }
                polls[2] = k.jiffies() - start;
            });
            m.spawn(0, "updater", k -> {
                k.smpCondLoadAcquire(readerIn, v -> v != 0);
                // request the grace period the reader's cookie names (a later snapshot covers it)
                long mine = rcu.startPollSynchronizeRcu(k);
                check(RcuSeq.cmpGe(mine, k.readOnce(cookieLoc)), "a later cookie is smaller");
            });
            RunResult r = m.run(TreeRcuTortureTest.random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
            assertEquals(40, polls[0]);
            assertTrue(polls[1] > 0, "seed " + seed + ": the cookie's grace period never started during the reader");
        }
    }

    /**
     * After synchronize_rcu() a cookie taken before it is done at once, in both forms: the full
     * one polls the root's gp_seq, which cleanup ends first, the plain one gp_seq_polled, which
     * cleanup ends before any rcu_node (it polled rcu_state.gp_seq once, which ends after the
     * cleanup pass: torture-file's cookie check 2 fell into that window). A callback queued
     * after the cookie was taken finds it done too. cond_synchronize_rcu() on it returns at once.
     */
    @Test
    void pollIsTrueAfterSynchronizeRcu() {
        // CPU 0's leaf ends first in the cleanup pass: the widest window if polling lagged
        for (long seed = 1; seed <= 40; seed++) {
            Simulation m = machine(4);
            TreeRcu rcu = TreeRcu.install(m, PREEMPT);
            long[] out = new long[2];
            m.spawn(0, "updater", k -> {
                for (int i = 0; i < 3; i++) {
                    long cookie = rcu.getStateSynchronizeRcu(k);
                    RcuGpOldstate full = rcu.getStateSynchronizeRcuFull(k);
                    check(!rcu.pollStateSynchronizeRcu(k, cookie), "fresh cookie already done");
                    rcu.callRcu(k, new RcuHead("cb" + i), kk -> check(rcu.pollStateSynchronizeRcu(kk, cookie),
                            "cookie " + cookie + " not done when a callback queued after it runs"));
                    rcu.synchronizeRcu(k);
                    check(rcu.pollStateSynchronizeRcuFull(k, full), "full cookie not done after synchronize_rcu()");
                    check(rcu.pollStateSynchronizeRcu(k, cookie), "cookie not done after synchronize_rcu()");
                    long gps = rcu.gpsCompleted(k);
                    rcu.condSynchronizeRcu(k, cookie);
                    check(rcu.gpsCompleted(k) == gps, "cond_synchronize_rcu() waited for a done cookie");
                    out[0]++;
                }
                check(rcu.pollStateSynchronizeRcu(k, rcu.getCompletedSynchronizeRcu()), "the completed cookie");
                out[1] = 1;
            });
            RunResult r = m.run(TreeRcuTortureTest.random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
            assertEquals(3, out[0]);
            assertEquals(1, out[1]);
        }
    }

    /**
     * start_poll_synchronize_rcu() requests its grace period through the funnel; with nothing
     * else going on, a get_state_synchronize_rcu() cookie is never satisfied.
     */
    @Test
    void startPollRequestsTheGracePeriodGetStateDoesNot() {
        Simulation m = machine(2);
        TreeRcu rcu = TreeRcu.install(m, PREEMPT);
        long[] out = new long[3];
        m.spawn(1, "poller", k -> {
            long idle = rcu.getStateSynchronizeRcu(k);
            k.scheduleTimeoutInterruptible(50);
            out[0] = rcu.pollStateSynchronizeRcu(k, idle) ? 1 : 0;
            out[1] = rcu.gpsCompleted(k);
            long cookie = rcu.startPollSynchronizeRcu(k);
            long start = k.jiffies();
            while (!rcu.pollStateSynchronizeRcu(k, cookie)) {
                k.scheduleTimeoutInterruptible(1);
                check(k.jiffies() - start < 1000, "the requested grace period never came");
            }
            out[2] = rcu.gpsCompleted(k);
        });
        RunResult r = m.run(TreeRcuTortureTest.random(7));
        assertTrue(r.passed(), r::describe);
        assertEquals(0, out[0], "a get_state cookie became done with no grace period requested");
        assertEquals(0, out[1]);
        assertTrue(out[2] >= 1);
    }

    /**
     * rcu_barrier() waits for a callback on every CPU, one of which goes offline while
     * rcu_barrier() runs: its callbacks migrate to the hotplug task's CPU, and (the case this
     * scenario reaches) rcutree_migrate_callbacks() entrains the barrier callback for it because
     * the loop has not reached that CPU yet. Each callback also checks, when it runs, that the
     * barrier has not been completed yet.
     */
    @Test
    void rcuBarrierWaitsForCallbacksOfEveryCpuIncludingOneGoingOffline() {
        int migrationEntrains = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Simulation m = machine(4);
            TreeRcu rcu = TreeRcu.install(m, PREEMPT);
            Kernel k0 = m.kernel();
            long invoked = k0.alloc(1);
            long queued = k0.alloc(1);
            long[] out = new long[2];
            RcuHead[] heads = new RcuHead[4];
            for (int c = 0; c < 4; c++) {
                heads[c] = new RcuHead("test_cb/" + c);
            }
            // queued once cpu_down(3) has passed sched_cpu_deactivate()'s grace period, so that
            // rcu_barrier() races with the rest of the CPU's way down
            k0.cpuhpSetup("test:queue-callbacks", CpuhpGroup.ONLINE, null, (k, down) -> {
                for (int cpu = 0; cpu < 4; cpu++) {
                    RcuHead h = heads[cpu];
                    k.smpCallFunctionSingle(cpu, kk -> rcu.callRcu(kk, h, kc -> {
                        check(!rcu.s.barrierCompletion.completionDone(kc)
                                && kc.machineMemoryPeek(rcu.s.barrierSequenceAddr) != RcuSeq.GP,
                                h + " invoked after rcu_barrier() completed");
                        kc.atomicInc(invoked);
                    }), true);
                }
                k.smpStoreRelease(queued, 1);
            });
            m.spawnUnbound(1, "barrier", Task.Kind.KTHREAD, k -> {
                k.smpCondLoadAcquire(queued, v -> v != 0);
                rcu.rcuBarrier(k);
                out[0] = k.atomicRead(invoked);
                out[1] = 1;
            });
            m.spawn(0, "onoff", k -> {
                k.cpuDown(3);
                k.scheduleTimeoutInterruptible(2);
                k.cpuUp(3);
            });
            RunResult r = m.run(TreeRcuTortureTest.random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
            assertEquals(1, out[1]);
            assertEquals(4, out[0], "seed " + seed + ": rcu_barrier() returned before every callback ran");
            if (m.coverage().contains(RcuCoverage.MIGRATE_ENTRAINED_BARRIER.text())) {
                migrationEntrains++;
            }
        }
        assertTrue(migrationEntrains > 0, "the migration never had to entrain the barrier callback");
    }

    /** The same with CPU 3 offline before the callbacks are queued from the others, then online again. */
    @Test
    void rcuBarrierAfterHotplugCycle() {
        Simulation m = machine(4);
        TreeRcu rcu = TreeRcu.install(m, PREEMPT);
        long invoked = m.kernel().alloc(1);
        long[] out = new long[1];
        m.spawn(0, "test", k -> {
            RcuHead a = new RcuHead("a");
            RcuHead b = new RcuHead("b");
            k.smpCallFunctionSingle(3, kk -> rcu.callRcu(kk, a, kc -> kc.atomicInc(invoked)), true);
            k.cpuDown(3);
            k.cpuUp(3);
            k.smpCallFunctionSingle(3, kk -> rcu.callRcu(kk, b, kc -> kc.atomicInc(invoked)), true);
            rcu.rcuBarrier(k);
            out[0] = k.atomicRead(invoked);
        });
        RunResult r = m.run(TreeRcuTortureTest.random(3));
        assertTrue(r.passed(), r::describe);
        assertEquals(2, out[0]);
    }

    /**
     * Nothing queued anywhere: rcu_barrier() visits no CPU and returns without a grace period.
     * Two callers at once: both return, one of them possibly early because the other's barrier
     * covered it; barrier_sequence ends idle, one or two barriers later.
     */
    @Test
    void rcuBarrierWithNothingQueuedReturnsAtOnceAndConcurrentCallersShare() {
        Simulation m = machine(2);
        TreeRcu rcu = TreeRcu.install(m, PREEMPT);
        long[] out = new long[4];
        m.spawn(0, "idle-barrier", k -> {
            long j = k.jiffies();
            rcu.rcuBarrier(k);
            out[0] = rcu.gpsCompleted(k);
            out[1] = k.jiffies() - j;
        });
        RunResult r = m.run(TreeRcuTortureTest.random(1));
        assertTrue(r.passed(), r::describe);
        assertEquals(0, out[0], "rcu_barrier() with nothing queued waited for a grace period");
        assertTrue(out[1] <= 1, "rcu_barrier() with nothing queued took " + out[1] + " jiffies");
        assertEquals(RcuSeq.GP, m.kernel().machineMemoryPeek(rcu.s.barrierSequenceAddr));

        for (long seed = 1; seed <= 4; seed++) {
            Simulation m2 = machine(3);
            TreeRcu rcu2 = TreeRcu.install(m2, PREEMPT);
            long invoked = m2.kernel().alloc(1);
            long[] done = new long[2];
            for (int t = 0; t < 2; t++) {
                int me = t;
                m2.spawn(t, "barrier/" + t, k -> {
                    RcuHead h = new RcuHead("cb/" + me);
                    rcu2.callRcu(k, h, kc -> kc.atomicInc(invoked));
                    rcu2.rcuBarrier(k);
                    check(k.atomicRead(invoked) >= 1, "own callback not invoked");
                    done[me] = k.atomicRead(invoked);
                });
            }
            RunResult r2 = m2.run(TreeRcuTortureTest.random(seed));
            long s = seed;
            assertTrue(r2.passed(), () -> "seed " + s + ": " + r2.describe());
            assertTrue(done[0] >= 1 && done[1] >= 1);
            long seq = m2.kernel().machineMemoryPeek(rcu2.s.barrierSequenceAddr);
            assertEquals(0, RcuSeq.state(seq));
            assertTrue(seq == RcuSeq.GP || seq == 2 * RcuSeq.GP, "barrier_sequence " + seq);
        }
    }

    @Test
    void misuseFailsTheRun() {
        assertMisuse(k -> {
            TreeRcu rcu = RCU[0];
            rcu.readLock(k);
            rcu.rcuBarrier(k);
        }, SimFailure.Kind.RCU, "Illegal rcu_barrier() in RCU read-side critical section");
        assertMisuse(k -> {
            long flags = k.localIrqSave();
            RCU[0].startPollSynchronizeRcu(k);
            k.localIrqRestore(flags);
        }, SimFailure.Kind.LOCKDEP, "lockdep_assert_irqs_enabled");
        assertMisuse(k -> {
            k.preemptDisable();
            RCU[0].rcuBarrier(k);
        }, SimFailure.Kind.ATOMIC_SLEEP, "sleeping function called from invalid context");
        assertMisuse(k -> {
            TreeRcu rcu = RCU[0];
            long cookie = rcu.getStateSynchronizeRcu(k);
            rcu.readLock(k);
            rcu.condSynchronizeRcu(k, cookie);
        }, SimFailure.Kind.RCU, "Illegal synchronize_rcu()");
    }

    private static final TreeRcu[] RCU = new TreeRcu[1];

    private static void assertMisuse(java.util.function.Consumer<Kernel> body, SimFailure.Kind kind, String text) {
        Simulation m = machine(2);
        RCU[0] = TreeRcu.install(m, PREEMPT);
        m.spawn(0, "misuse", body);
        RunResult r = m.run(TreeRcuTortureTest.random(1));
        assertFalse(r.passed(), "misuse was not caught: " + text);
        assertEquals(kind, r.failure().kind(), r::describe);
        assertTrue(r.failure().getMessage().contains(text), r::describe);
    }

    /** The torture with the polled writer, cookie checks and the barrier tester: same seed, same run. */
    @Test
    void sameSeedSameRun() {
        long[][] steps = new long[2][];
        String[] decisions = new String[2];
        for (int i = 0; i < 2; i++) {
            Simulation m = machine(4);
            TreeRcu rcu = TreeRcu.install(m, PREEMPT);
            RcuTorture t = RcuTorture.start(m, rcu, TortureConfig.small(), 11);
            RunResult r = m.run(TreeRcuTortureTest.random(11));
            assertTrue(r.passed(), r::describe);
            assertTrue(t.barrierSuccesses > 0, "no rcu_barrier() test ran");
            assertTrue(Arrays.stream(t.writerWaits).sum() == TortureConfig.small().updates());
            steps[i] = new long[] {r.steps(), rcu.gpsCompletedAfterRun(), t.barrierSuccesses};
            decisions[i] = Arrays.toString(r.decisions().chosenArray());
        }
        assertEquals(Arrays.toString(steps[0]), Arrays.toString(steps[1]));
        assertEquals(decisions[0], decisions[1]);
    }

    /** The new faults are caught by the torture scenario (within a few seeds). */
    @Test
    void pollAndBarrierFaultsAreCaught() {
        for (RcuFault mutation : new RcuFault[] {RcuFault.POLL_DONE_ON_START, RcuFault.BARRIER_IPI_NO_WAIT}) {
            boolean caught = false;
            for (long seed = 1; seed <= 10 && !caught; seed++) {
                Simulation m = machine(4);
                TreeRcu rcu = TreeRcu.install(m, PREEMPT.withMutation(mutation));
                RcuTorture.start(m, rcu, TortureConfig.small(), seed);
                RunResult r = m.run(TreeRcuTortureTest.random(seed));
                caught = !r.passed();
            }
            assertTrue(caught, mutation + " not caught in 10 seeds");
        }
    }
}
