package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Kernel;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.kernel.Task;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

/** synchronize_rcu_expedited(): whom it waits for, whom it does not, hotplug, misuse, stalls. */
class RcuExpTest {
    private static final RcuConfig PREEMPT = RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500);
    private static final RcuConfig NONPREEMPT = RcuConfig.nonPreemptibleDefaults().withFanout(2, 2).withStallTimeout(500);

    static Decider random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return o -> r.nextInt(o.size());
    }

    static Simulation machine(int cpus, Preemption p, boolean tracing) {
        return new Simulation(MachineConfig.of(cpus, MemoryModel.WEAK).withKernel(KernelConfig.kernel().withPreemption(p))
                .withStepLimit(2_000_000), StrandFactory.best(), tracing);
    }

    /** What one run of a reader-versus-expedited-GP scenario saw. */
    record Outcome(RunResult result, boolean readerDoneAtGpEnd, Simulation m) {
    }

    /**
     * A reader on CPU 1 starts before the updater on CPU 0 calls synchronize_rcu_expedited():
     * when the call returns, the reader must have finished. With preempted, the reader is
     * switched out (by a CPU hog on CPU 1) inside its critical section before the grace period
     * starts; otherwise it keeps running on its CPU.
     */
    static Outcome readerVersusExpGp(long seed, RcuConfig cfg, Preemption p, boolean preempted) {
        Simulation m = machine(2, p, false);
        TreeRcu rcu = TreeRcu.install(m, cfg);
        Kernel k0 = m.kernel();
        long readerIn = k0.alloc(1);
        long gpStarted = k0.alloc(1);
        long x = k0.alloc(1);
        boolean[] readerDone = new boolean[1];
        boolean[] doneAtEnd = new boolean[1];
        RcuNode leaf = rcu.s.rda[1].mynode;
        Task reader = m.spawn(1, "reader", k -> {
            rcu.readLock(k);
            k.writeOnce(readerIn, 1);
            if (preempted) {
                k.yield(); // to the hog: preempted inside the reader
            } else {
                while (k.readOnce(gpStarted) == 0) {
                    k.readOnce(x);
                }
            }
            for (int i = 0; i < 60; i++) {
                k.readOnce(x);
            }
            readerDone[0] = true;
            rcu.readUnlock(k);
        });
        if (preempted) {
            m.spawn(1, "hog", k -> {
                for (int i = 0; i < 3000 && !readerDone[0]; i++) {
                    k.readOnce(x);
                }
            });
        }
        m.spawn(0, "updater", k -> {
            while (k.readOnce(readerIn) == 0 || (preempted && !leaf.hasTasks() && !readerDone[0])) {
                k.readOnce(x);
            }
            k.writeOnce(gpStarted, 1);
            rcu.synchronizeRcuExpedited(k);
            doneAtEnd[0] = readerDone[0];
        });
        RunResult r = m.run(random(seed));
        assertTrue(reader != null);
        return new Outcome(r, doneAtEnd[0], m);
    }

    private static void assertWaitsForReader(RcuConfig cfg, Preemption p, boolean preempted, RcuCoverage coverage) {
        int covered = 0;
        for (long seed = 1; seed <= 12; seed++) {
            Outcome o = readerVersusExpGp(seed, cfg, p, preempted);
            long s = seed;
            assertTrue(o.result().passed(), () -> "seed " + s + ": " + o.result().describe());
            assertTrue(o.readerDoneAtGpEnd(), "seed " + seed + ": the expedited GP ended before the reader");
            if (o.m().coverage().contains(coverage.text())) {
                covered++;
            }
        }
        assertTrue(covered > 0, "no run reached \"" + coverage.text() + "\"");
    }

    @Test
    void waitsForAReaderPreemptedBeforeIt() {
        assertWaitsForReader(PREEMPT, Preemption.FULL, true, RcuCoverage.EXP_WAITS_FOR_BLKD_READERS);
    }

    @Test
    void waitsForAReaderRunningOnAnotherCpu() {
        assertWaitsForReader(PREEMPT, Preemption.FULL, false, RcuCoverage.EXP_IPI_IN_READER);
    }

    @Test
    void nonPreemptibleWaitsForAReaderRunningOnAnotherCpu() {
        assertWaitsForReader(NONPREEMPT, Preemption.FULL, false, RcuCoverage.EXP_NEED_QS);
    }

    /** The two expedited mutations break exactly these scenarios: the tests above have teeth. */
    @Test
    void mutationsMakeTheGpEndBeforeTheReader() {
        assertTrue(someRunEndsEarly(PREEMPT.withMutation(RcuFault.EXP_IGNORES_BLOCKED_TASKS), true),
                RcuFault.EXP_IGNORES_BLOCKED_TASKS + " never ended a GP before a preempted reader");
        assertTrue(someRunEndsEarly(PREEMPT.withMutation(RcuFault.EXP_HANDLER_REPORTS_IN_READER), false),
                RcuFault.EXP_HANDLER_REPORTS_IN_READER + " never ended a GP before a running reader");
    }

    private static boolean someRunEndsEarly(RcuConfig cfg, boolean preempted) {
        for (long seed = 1; seed <= 60; seed++) {
            Outcome o = readerVersusExpGp(seed, cfg, Preemption.FULL, preempted);
            if (o.result().passed() && !o.readerDoneAtGpEnd()) {
                return true;
            }
        }
        return false;
    }

    /** CPUs in an extended quiescent state (idle) are not IPI'd, and the GP does not wait for them. */
    @Test
    void doesNotWaitForIdleCpus() {
        for (long seed = 1; seed <= 6; seed++) {
            Simulation m = machine(4, Preemption.FULL, false);
            TreeRcu rcu = TreeRcu.install(m, PREEMPT);
            long[] jiffies = new long[2];
            m.spawn(0, "updater", k -> {
                k.scheduleTimeoutInterruptible(5); // let boot settle: the other CPUs go idle
                jiffies[0] = k.jiffies();
                for (int i = 0; i < 5; i++) {
                    rcu.synchronizeRcuExpedited(k);
                }
                jiffies[1] = k.jiffies();
            });
            RunResult r = m.run(random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
            assertEquals(5, rcu.expeditedCompleted(m.kernel()));
            assertEquals(0L, m.counters().getOrDefault("rcu: expedited IPIs sent", 0L), "an idle CPU was IPI'd");
            assertTrue(jiffies[1] - jiffies[0] <= 1, "five expedited GPs on an idle machine took "
                    + (jiffies[1] - jiffies[0]) + " jiffies");
            assertTreeQuiet(rcu);
        }
    }

    /** Concurrent callers share grace periods through the funnel; each still gets a full one. */
    @Test
    void concurrentCallersEachGetAFullGracePeriod() {
        boolean piggybacked = false;
        for (long seed = 1; seed <= 6; seed++) {
            Simulation m = machine(4, Preemption.FULL, false);
            TreeRcu rcu = TreeRcu.install(m, PREEMPT);
            List<String> violations = new ArrayList<>();
            for (int cpu = 0; cpu < 3; cpu++) {
                int c = cpu;
                m.spawn(cpu, "updater/" + cpu, k -> {
                    for (int i = 0; i < 4; i++) {
                        long snap = RcuSeq.snap(k.machineMemoryPeek(rcu.exp.expeditedSequence));
                        rcu.synchronizeRcuExpedited(k);
                        long now = k.machineMemoryPeek(rcu.exp.expeditedSequence);
                        if (!RcuSeq.done(now, snap)) {
                            violations.add("updater/" + c + ": returned at " + now + " before " + snap);
                        }
                    }
                });
            }
            RunResult r = m.run(random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
            assertEquals(List.of(), violations);
            long gps = rcu.expeditedCompleted(m.kernel());
            assertTrue(gps >= 4 && gps <= 12, "expedited GPs: " + gps);
            piggybacked |= gps < 12;
            assertTreeQuiet(rcu);
        }
        assertTrue(piggybacked, "no caller ever shared another's expedited grace period");
    }

    /** Torture with CPU hotplug and expedited GPs: nothing lost, the tree quiet at the end. */
    @Test
    void hotplugDuringExpeditedGracePeriodsLosesNothing() {
        long expSyncs = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Simulation m = machine(4, Preemption.FULL, false);
            TreeRcu rcu = TreeRcu.install(m, PREEMPT);
            RcuTorture t = RcuTorture.start(m, rcu, TortureConfig.small(), seed);
            RunResult r = m.run(random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
            assertTrue(t.onoffs > 0, "no hotplug");
            assertEquals(0, t.readerPipe[2]);
            expSyncs += t.expSyncs;
            assertTreeQuiet(rcu);
            for (RcuNode leaf : rcu.s.leaves()) {
                long all = (1L << (leaf.grphi - leaf.grplo + 1)) - 1;
                assertEquals(all, leaf.expmaskinitnextPeek(), leaf + ": expmaskinitnext lost a CPU");
                assertEquals(all, leaf.expmaskinitPeek(), leaf + ": expmaskinit");
            }
            assertEquals(3, rcu.s.root().expmaskinitPeek(), "root expmaskinit");
        }
        assertTrue(expSyncs > 0, "the writer never used synchronize_rcu_expedited()");
    }

    private static void assertTreeQuiet(TreeRcu rcu) {
        for (RcuNode rnp : rcu.s.node) {
            assertEquals(0, rnp.expmaskPeek(), rnp + " expmask");
            assertNull(rnp.expTasksPeek(), rnp + " exp_tasks");
        }
        for (RcuData rdp : rcu.s.rda) {
            assertFalse(rdp.cpuNoQsExp.peek(), "CPU " + rdp.cpu + " cpu_no_qs.b.exp");
        }
    }

    @Test
    void insideAReaderIsMisuse() {
        Simulation m = machine(2, Preemption.FULL, false);
        TreeRcu rcu = TreeRcu.install(m, PREEMPT);
        m.spawn(0, "misuser", k -> {
            rcu.readLock(k);
            rcu.synchronizeRcuExpedited(k);
            rcu.readUnlock(k);
        });
        RunResult r = m.run(random(1));
        assertFalse(r.passed());
        assertEquals(SimFailure.Kind.RCU, r.failure().kind());
        assertTrue(r.failure().getMessage().contains(
                "Illegal synchronize_rcu_expedited() in RCU read-side critical section!"), r.describe());

        // non-preemptible RCU: the reader is a preempt-disabled region, and might_sleep() says so
        Simulation n = machine(2, Preemption.FULL, false);
        TreeRcu sched = TreeRcu.install(n, NONPREEMPT);
        n.spawn(0, "misuser", k -> {
            sched.readLock(k);
            sched.synchronizeRcuExpedited(k);
            sched.readUnlock(k);
        });
        RunResult rn = n.run(random(1));
        assertFalse(rn.passed());
        assertEquals(SimFailure.Kind.ATOMIC_SLEEP, rn.failure().kind(), rn.describe());
        assertTrue(rn.failure().getMessage().contains("synchronize_rcu_expedited"), rn.describe());
    }

    /** A reader that never ends stalls the expedited GP: the kernel's expedited stall warning. */
    @Test
    void aReaderThatNeverEndsIsAnExpeditedStall() {
        Simulation m = machine(4, Preemption.FULL, false);
        TreeRcu rcu = TreeRcu.install(m, PREEMPT.withStallTimeout(20));
        long x = m.kernel().alloc(1);
        long in = m.kernel().alloc(1);
        m.spawn(1, "stuck-reader", k -> {
            rcu.readLock(k);
            k.writeOnce(in, 1);
            for (int i = 0; i < 200_000; i++) {
                k.readOnce(x);
            }
            rcu.readUnlock(k);
        });
        m.spawn(0, "updater", k -> {
            while (k.readOnce(in) == 0) {
                k.readOnce(x);
            }
            rcu.synchronizeRcuExpedited(k);
        });
        RunResult r = m.run(random(2));
        assertFalse(r.passed());
        String msg = r.failure().getMessage();
        assertTrue(msg.matches("(?s)rcu: INFO: rcu_preempt detected expedited stalls on CPUs/tasks: \\{ 1-\\.\\.\\.\\. \\}"
                + " \\d+ jiffies s: 1 root: 0x1/\\.\nrcu: blocking rcu_node structures \\(internal RCU debug\\):"
                + " l=1:0-1:0x2/\\.\nrcu: \tCPU 1: .*"), msg);
    }

    /** A run is a function of its seed; tracing only observes. */
    @Test
    void deterministic() {
        long[] steps = new long[2];
        String[] decisions = new String[2];
        String trace = "";
        for (int i = 0; i < 2; i++) {
            Simulation m = machine(4, Preemption.FULL, i == 1);
            TreeRcu rcu = TreeRcu.install(m, PREEMPT);
            long x = m.kernel().alloc(1);
            for (int cpu = 0; cpu < 2; cpu++) {
                m.spawn(cpu, "updater/" + cpu, k -> {
                    for (int j = 0; j < 3; j++) {
                        rcu.synchronizeRcuExpedited(k);
                    }
                });
            }
            for (int cpu = 2; cpu < 4; cpu++) {
                m.spawn(cpu, "reader/" + cpu, k -> {
                    for (int j = 0; j < 40; j++) {
                        rcu.readLock(k);
                        for (int d = 0; d < 20; d++) {
                            k.readOnce(x);
                        }
                        rcu.readUnlock(k);
                        k.condResched();
                    }
                });
            }
            RunResult r = m.run(random(7));
            assertTrue(r.passed(), r::describe);
            steps[i] = r.steps();
            decisions[i] = java.util.Arrays.toString(r.decisions().chosenArray());
            if (i == 1) {
                trace = m.ftrace();
            }
        }
        assertEquals(steps[0], steps[1]);
        assertEquals(decisions[0], decisions[1]);
        assertTrue(trace.contains("rcu_exp_grace_period: rcu_preempt"), "no expedited trace events");
    }
}
