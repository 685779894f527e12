package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

/**
 * Tree RCU under the rcutorture-style checker: a correct Tree RCU passes, and the injected
 * faults the checker is known to catch ({@link RcuFault}) are caught.
 */
class TreeRcuTortureTest {

    static Decider random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return o -> r.nextInt(o.size());
    }

    static Simulation machine(int cpus) {
        return machine(cpus, Preemption.FULL, false);
    }

    static Simulation machine(int cpus, Preemption p, boolean tracing) {
        return new Simulation(MachineConfig.of(cpus, MemoryModel.WEAK).withKernel(KernelConfig.kernel().withPreemption(p))
                .withStepLimit(5_000_000), StrandFactory.best(), tracing);
    }

    private static RunResult torture(long seed, RcuConfig cfg, int cpus, Preemption p, RcuTorture[] out) {
        Simulation m = machine(cpus, p, false);
        TreeRcu rcu = TreeRcu.install(m, cfg);
        RcuTorture t = RcuTorture.start(m, rcu, TortureConfig.small(), seed);
        RunResult r = m.run(random(seed));
        if (out != null) {
            out[0] = t;
        }
        if (r.passed()) {
            assertTrue(rcu.gpsCompletedAfterRun() >= TortureConfig.small().updates(), "too few grace periods: " + rcu.gpsCompletedAfterRun());
        }
        return r;
    }

    @Test
    void preemptibleTreeRcuPassesTorture() {
        for (long seed = 0; seed < 8; seed++) {
            RcuTorture[] t = new RcuTorture[1];
            RunResult r = torture(seed, RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500), 4,
                    Preemption.FULL, t);
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
            assertEquals(0, t[0].readerPipe[2], "pipe >= 2 without a failure");
            assertTrue(t[0].readerPipe[0] + t[0].readerPipe[1] > 0, "no reads");
            assertTrue(t[0].callbacksInvoked > 0, "no call_rcu callback ran");
            assertTrue(t[0].onoffs > 0, "no hotplug");
        }
    }

    @Test
    void nonPreemptibleTreeRcuPassesTorture() {
        for (long seed = 0; seed < 5; seed++) {
            RunResult r = torture(seed, RcuConfig.nonPreemptibleDefaults().withFanout(2, 2).withStallTimeout(500), 4,
                    Preemption.NONE, null);
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
        }
    }

    /** Each of these faults is caught within 40 seeds of the torture scenario (most at the first). */
    @ParameterizedTest
    @EnumSource(names = {"REPORT_SKIPS_BITS_REMAIN", "INIT_QSMASK_ZERO", "QS_IN_READER", "NEVER_REPORT_QS",
        "EQS_SNAPSHOT_WRONG_PARITY", "BLKD_TASK_AT_HEAD", "HOTPLUG_CLEAR_BEFORE_REPORT", "ACCELERATE_WITH_CURRENT",
        "SYNC_RETURNS_AT_ONCE", "EXP_IGNORES_BLOCKED_TASKS", "EXP_HANDLER_REPORTS_IN_READER"})
    void injectedFaultIsCaught(RcuFault mutation) {
        RcuConfig cfg = RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500).withMutation(mutation);
        for (long seed = 1; seed <= 40; seed++) {
            RunResult r = torture(seed, cfg, 4, Preemption.FULL, null);
            if (!r.passed()) {
                SimFailure.Kind k = r.failure().kind();
                assertTrue(k == SimFailure.Kind.RCU || k == SimFailure.Kind.WARN || k == SimFailure.Kind.USE_AFTER_FREE,
                        r::describe);
                return;
            }
        }
        throw new AssertionError(mutation + " was not caught in 40 runs");
    }

    /** rcutorture's stutter: the readers and the call_rcu() writer sleep through the pauses, and the checks still pass. */
    @Test
    void stutterPausesTheReadersAndTheRunStillPasses() {
        RcuConfig cfg = RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500);
        Simulation a = machine(4);
        RcuTorture plain = RcuTorture.start(a, TreeRcu.install(a, cfg), TortureConfig.small(), 1);
        RunResult ra = a.run(random(1));
        Simulation b = machine(4);
        RcuTorture stuttering = RcuTorture.start(b, TreeRcu.install(b, cfg), TortureConfig.small().withStutter(3), 1);
        RunResult rb = b.run(random(1));
        assertTrue(ra.passed(), ra::describe);
        assertTrue(rb.passed(), rb::describe);
        assertEquals(0, plain.stutterSleeps);
        assertTrue(stuttering.stutterSleeps > 0, "nobody slept in stutter_wait()");
        assertTrue(stuttering.readerPipe[0] + stuttering.readerPipe[1] > 0, "no reads");
    }

    /** Tracing only observes: the same seed takes the same decisions with tracing on and off. */
    @Test
    void tracingDoesNotChangeTheRun() {
        RcuConfig cfg = RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500);
        Simulation a = machine(4, Preemption.FULL, false);
        RcuTorture.start(a, TreeRcu.install(a, cfg), TortureConfig.small(), 3);
        RunResult ra = a.run(random(3));
        Simulation b = machine(4, Preemption.FULL, true);
        RcuTorture.start(b, TreeRcu.install(b, cfg), TortureConfig.small(), 3);
        RunResult rb = b.run(random(3));
        assertTrue(ra.passed() && rb.passed());
        assertEquals(ra.steps(), rb.steps());
        assertEquals(java.util.Arrays.toString(ra.decisions().chosenArray()),
                java.util.Arrays.toString(rb.decisions().chosenArray()));
        assertTrue(b.ftrace().contains("rcu_grace_period: rcu_preempt"), "no RCU trace events");
        assertFalse(b.ftrace().isEmpty());
    }
}
