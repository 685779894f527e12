package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;

/**
 * The read half of rcu_node's ownership rules: a plain read of a lock-protected field needs the
 * node's lock; the kernel's lockless READ_ONCE() spots go through the declared accessors
 * ({@code qsmaskReadOnce()}, ...), which read simulated memory without the rule.
 */
class RcuNodeReadRulesTest {
    private static RunResult run(BiConsumer<TreeRcu, Kernel> body) {
        Simulation m = TreeRcuTortureTest.machine(2, Preemption.FULL, false);
        TreeRcu rcu = TreeRcu.install(m, RcuConfig.preemptibleDefaults());
        m.spawn(0, "reader", k -> body.accept(rcu, k));
        return m.run(TreeRcuTortureTest.random(1));
    }

    @Test
    void aReadUnderTheNodeLockPasses() {
        long[] seen = new long[2];
        RunResult r = run((rcu, k) -> {
            RcuNode root = rcu.s.root();
            long flags = rcu.locks.lockIrqsave(k, root);
            seen[0] = root.qsmaskinitnext();
            seen[1] = root.gpSeq();
            root.qsmask();
            root.qsmaskinit();
            root.gpSeqNeeded();
            root.expmask();
            rcu.locks.unlockIrqrestore(k, root, flags);
        });
        assertTrue(r.passed(), r.describe());
        assertEquals(3, seen[0], "both CPUs are online at boot");
        assertNearStart(seen[1]);
    }

    /** gp_seq where the configuration starts it, or at most one grace period on. */
    private static void assertNearStart(long gpSeq) {
        long start = RcuSeq.startingAt(RcuConfig.preemptibleDefaults().gpSeqStart());
        assertTrue(!RcuSeq.cmpLt(gpSeq, start) && RcuSeq.cmpLt(gpSeq, start + 8),
                "gp_seq " + RcuSeq.format(gpSeq) + " is not near its start " + RcuSeq.format(start));
    }

    @Test
    void aPlainReadWithoutTheLockFailsWithTheRule() {
        RunResult r = run((rcu, k) -> rcu.s.root().qsmask());
        assertFalse(r.passed(), "a plain read of rcu_node[0].qsmask without its lock passed");
        assertEquals(SimFailure.Kind.OWNERSHIP, r.failure().kind(), r.describe());
        String msg = r.failure().getMessage();
        assertTrue(msg.contains("read of rcu_node[0].qsmask"), msg);
        assertTrue(msg.contains("rule: rcu_node[0].lock held"), msg);
    }

    @Test
    void everyLockProtectedFieldChecksItsReads() {
        String[] fields = {"gp_seq", "gp_seq_needed", "qsmaskinit", "qsmaskinitnext", "completedqs", "expmask",
            "exp_tasks", "gp_tasks"};
        for (String f : fields) {
            RunResult r = run((rcu, k) -> {
                RcuNode root = rcu.s.root();
                switch (f) {
                    case "gp_seq" -> root.gpSeq();
                    case "gp_seq_needed" -> root.gpSeqNeeded();
                    case "qsmaskinit" -> root.qsmaskinit();
                    case "qsmaskinitnext" -> root.qsmaskinitnext();
                    case "completedqs" -> root.completedqs();
                    case "expmask" -> root.expmask();
                    case "exp_tasks" -> root.expTasks();
                    default -> root.gpTasks();
                }
            });
            assertFalse(r.passed(), f + " read without the lock passed");
            assertTrue(r.failure().getMessage().contains("read of rcu_node[0]." + f), r.describe());
        }
        RunResult exp = run((rcu, k) -> rcu.s.root().expSeqRq());
        assertFalse(exp.passed(), "exp_seq_rq read without exp_lock passed");
        assertTrue(exp.failure().getMessage().contains("rule: rcu_node[0].exp_lock held"), exp.describe());
    }

    @Test
    void aDeclaredLocklessReadPassesAndReadsMemory() {
        long[] seen = new long[4];
        RunResult r = run((rcu, k) -> {
            RcuNode root = rcu.s.root();
            seen[0] = root.qsmaskReadOnce();
            seen[1] = root.gpSeqReadOnce();
            seen[2] = root.qsmaskinitnextReadOnce();
            seen[3] = root.expSeqRqReadOnce();
            root.expmaskReadOnce();
        });
        assertTrue(r.passed(), r.describe());
        assertEquals(3, seen[2], "qsmaskinitnext: both CPUs online at boot");
        assertNearStart(seen[1]);
    }
}
