package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.kernel.CpuhpGroup;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

/** NOCB callback offload: where and when offloaded callbacks run, hotplug, configuration, lock rule. */
class RcuNocbTest {
    private static final RcuConfig BASE = RcuConfig.nonPreemptibleDefaults().withFanout(2, 2).withStallTimeout(500);

    /** What a callback saw when it ran. */
    private record Invocation(String task, boolean softirq, boolean hardirq, boolean fullGpElapsed, boolean cpuOnline) {
    }

    private static RcuCallback recorder(TreeRcu rcu, List<Invocation> log, long snap, int cpu) {
        return k -> log.add(new Invocation(k.current().comm(), k.inServingSoftirq(), k.inIrq(),
                RcuSeq.done(rcu.s.root().gpSeqReadOnce(), snap), k.cpuOnline(cpu)));
    }

    /** rcu_seq_snap() of rcu_state.gp_seq now: the end of a grace period that starts after this. */
    private static long snap(TreeRcu rcu, Kernel k) {
        return RcuSeq.snap(rcu.s.gpSeqPeek(k));
    }

    @Test
    void offloadedCallbacksRunInRcuoAfterAFullGracePeriodNeverInSoftirq() {
        for (long seed = 0; seed < 4; seed++) {
            Simulation m = TreeRcuTortureTest.machine(4);
            TreeRcu rcu = TreeRcu.install(m, BASE.withNocbCpus("1-2"));
            List<Invocation> log = new ArrayList<>();
            boolean[] tickKept = new boolean[1];
            m.spawn(1, "caller", k -> {
                for (int i = 0; i < 4; i++) {
                    rcu.callRcu(k, new RcuHead("cb" + i), recorder(rcu, log, snap(rcu, k), 1));
                    // rcu_needs_cpu(): offloaded callbacks do not keep this CPU's tick
                    tickKept[0] |= rcu.needsTick(1);
                    k.scheduleTimeoutInterruptible(1);
                }
                while (log.size() < 4) {
                    k.scheduleTimeoutInterruptible(1);
                }
            });
            RunResult r = m.run(TreeRcuTortureTest.random(seed));
            long sd = seed;
            assertTrue(r.passed(), () -> "seed " + sd + ": " + r.describe());
            assertEquals(4, log.size());
            assertFalse(tickKept[0], "rcu_needs_cpu() kept the tick for offloaded callbacks");
            for (Invocation inv : log) {
                assertEquals("rcuos/1", inv.task(), inv.toString());
                assertFalse(inv.softirq() || inv.hardirq(), "offloaded callback ran in softirq or hardirq context: " + inv);
                assertTrue(inv.fullGpElapsed(), "offloaded callback ran before a full grace period: " + inv);
            }
        }
    }

    @Test
    void anOffloadedCpuGoingOfflineKeepsItsCallbacks() {
        boolean ranWhileOffline = false;
        for (long seed = 0; seed < 6; seed++) {
            Simulation m = TreeRcuTortureTest.machine(4);
            TreeRcu rcu = TreeRcu.install(m, BASE.withNocbCpus("1-3"));
            List<Invocation> log = new ArrayList<>();
            // queued on CPU 2 once cpu_down() has passed sched_cpu_deactivate()'s grace period,
            // so that they are still waiting when the CPU goes offline
            m.kernel().cpuhpSetup("test:queue-callbacks", CpuhpGroup.ONLINE, null, (k, cpu) -> {
                for (int i = 0; i < 3; i++) {
                    RcuHead head = new RcuHead("cb" + i);
                    k.smpCallFunctionSingle(2, kk -> rcu.callRcu(kk, head, recorder(rcu, log, snap(rcu, kk), 2)), true);
                }
            });
            m.spawn(0, "hotplug", k -> {
                k.cpuDown(2);
                while (log.size() < 3) {
                    k.scheduleTimeoutInterruptible(1);
                }
                k.cpuUp(2);
            });
            RunResult r = m.run(TreeRcuTortureTest.random(seed));
            long sd = seed;
            assertTrue(r.passed(), () -> "seed " + sd + ": " + r.describe());
            assertEquals(3, log.size());
            for (Invocation inv : log) {
                assertEquals("rcuos/2", inv.task(), "an offloaded CPU's callbacks moved: " + inv);
                assertTrue(inv.fullGpElapsed(), inv.toString());
                ranWhileOffline |= !inv.cpuOnline();
            }
            assertFalse(m.coverage().contains(RcuCoverage.MIGRATED_CALLBACKS.text()), "migrated: " + m.coverage());
            RcuSegcblist cbl = rcu.s.rda[2].cblistPeek();
            assertTrue(cbl.isEnabled() && cbl.isOffloaded() && cbl.empty(), cbl.toString());
        }
        assertTrue(ranWhileOffline, "no seed invoked a callback while its offloaded CPU was offline");
    }

    @Test
    void aNocbListNamingAbsentCpusIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TreeRcu.install(TreeRcuTortureTest.machine(4), BASE.withNocbCpus("1-3,6-7")));
        assertEquals("rcu_nocbs= names absent CPUs 6-7 (the machine has CPUs 0-3)", e.getMessage());
        BASE.withNocbCpus("0-3").validate(4);
        assertThrows(IllegalArgumentException.class, () -> BASE.withNocbCpus("2-1"));
        assertThrows(IllegalArgumentException.class, () -> BASE.withNocbCpus("1,x"));
        assertThrows(IllegalArgumentException.class, () -> BASE.withFanout(65, 2));
        assertThrows(IllegalArgumentException.class, () -> BASE.validate(4097));
    }

    @Test
    void cpuListsReadAndPrintAsTheKernelsDo() {
        assertEquals(List.of(0, 2, 3, 4, 5), RcuConfig.parseCpuList("0,2-5"));
        assertEquals(List.of(1, 2, 3), RcuConfig.parseCpuList(" 3, 1-2 ,2"));
        assertEquals(List.of(), RcuConfig.parseCpuList(""));
        assertEquals("0,2-5,7", RcuConfig.formatCpuList(List.of(0, 2, 3, 4, 5, 7)));
        assertEquals(List.of(1, 3), BASE.withNocbCpus("3,1").nocbCpus());
    }

    /** rcu_organize_nocb_kthreads(): blocks of rcu_nocb_gp_stride CPUs, led by their first CPU. */
    @Test
    void groupsFollowTheStride() {
        Simulation m = TreeRcuTortureTest.machine(8);
        TreeRcu rcu = TreeRcu.install(m, BASE.withFanout(3, 3).withNocbCpus("0,2-5"));
        assertEquals(List.of("rcuog/0", "rcuog/4"), rcu.nocb.groups.stream().map(RcuNocbGroup::name).toList());
        assertEquals(List.of(0, 2, 3), rcu.nocb.groups.get(0).members.stream().map(RcuData::cpu).toList());
        TreeRcu strided = TreeRcu.install(TreeRcuTortureTest.machine(8),
                BASE.withFanout(3, 3).withNocbCpus("1-7").withNocbGpStride(3));
        assertEquals(List.of("rcuog/0", "rcuog/3", "rcuog/6"),
                strided.nocb.groups.stream().map(RcuNocbGroup::name).toList());
        assertEquals(2, RcuNocb.intSqrt(8));
        assertEquals(64, RcuNocb.intSqrt(4096));
    }

    /** The ownership rule: an offloaded cblist only under its nocb_lock. */
    @Test
    void enqueueingWithoutNocbLockBreaksTheOwnershipRule() {
        Simulation m = TreeRcuTortureTest.machine(4);
        TreeRcu rcu = TreeRcu.install(m, BASE.withNocbCpus("1-3").withMutation(RcuFault.NOCB_ENQUEUE_WITHOUT_LOCK));
        RcuTorture.start(m, rcu, TortureConfig.small(), 1);
        RunResult r = m.run(TreeRcuTortureTest.random(1));
        assertFalse(r.passed());
        assertEquals(SimFailure.Kind.OWNERSHIP, r.failure().kind(), r.describe());
        assertTrue(r.failure().getMessage().contains("cblist") && r.failure().getMessage().contains("nocb_lock held"),
                r.describe());
    }

    @Test
    void nocbPassesTortureWithHotplug() {
        for (long seed = 0; seed < 3; seed++) {
            Simulation m = TreeRcuTortureTest.machine(4);
            TreeRcu rcu = TreeRcu.install(m, BASE.withNocbCpus("0-1,3"));
            RcuTorture t = RcuTorture.start(m, rcu, TortureConfig.small(), seed);
            RunResult r = m.run(TreeRcuTortureTest.random(seed));
            long sd = seed;
            assertTrue(r.passed(), () -> "seed " + sd + ": " + r.describe());
            assertTrue(t.callbacksInvoked > 0 && t.onoffs > 0);
        }
    }
}
