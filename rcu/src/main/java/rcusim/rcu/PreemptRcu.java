package rcusim.rcu;

import rcusim.machine.Kernel;
import rcusim.machine.Task;

/**
 * Preemptible RCU's reader side (tree_plugin.h): nesting counts in the task, readers that
 * are preempted queue themselves on their leaf's blkd_tasks list and carry the grace period's
 * debt, and the outermost rcu_read_unlock() settles it (rcu_read_unlock_special).
 */
final class PreemptRcu {
    static final int SPECIAL_BLOCKED = 1;
    static final int SPECIAL_NEED_QS = 2;

    private final RcuState s;
    private final NodeLocks locks;
    private final RcuCore core;

    PreemptRcu(RcuState s, NodeLocks locks, RcuCore core) {
        this.s = s;
        this.locks = locks;
        this.core = core;
    }

    void readLock(Kernel k) {
        k.current().rcuReadLockNesting++;
    }

    void readUnlock(Kernel k) {
        Task t = k.current();
        if (t.rcuReadLockNesting <= 0) {
            throw new rcusim.machine.SimFailure(rcusim.machine.SimFailure.Kind.RCU,
                    TreeRcu.unlockImbalance(t) + " (rcu_read_lock_nesting " + t.rcuReadLockNesting + ")");
        }
        if (--t.rcuReadLockNesting == 0 && t.rcuReadUnlockSpecial != 0) {
            readUnlockSpecial(k, t);
        }
    }

    /**
     * rcu_read_unlock_special(). With irqs, preemption or bottom halves disabled the report
     * is deferred: it completes at the next context switch, tick or rcu_core (the kernel also
     * uses irq_work or a softirq to hurry it; here the tick and the switch suffice).
     */
    private void readUnlockSpecial(Kernel k, Task t) {
        long flags = k.localIrqSave();
        boolean deferred = flags != 0 || (k.preemptCount() & 0xffff) != 0;
        if (deferred) {
            k.coverage("rcu: a quiescent state report was deferred");
            k.setNeedResched();
            k.localIrqRestore(flags);
            return;
        }
        deferredQsIrqrestore(k, t, flags);
    }

    /** rcu_preempt_need_deferred_qs(). */
    boolean needDeferredQs(Kernel k) {
        return k.current().rcuReadLockNesting <= 0 && k.current().rcuReadUnlockSpecial != 0;
    }

    /** rcu_preempt_deferred_qs(): settles a deferred report when the task is out of its reader. */
    void deferredQs(Kernel k) {
        Task t = k.current();
        if (t.rcuReadLockNesting > 0 || t.rcuReadUnlockSpecial == 0) {
            return;
        }
        long flags = k.localIrqSave();
        deferredQsIrqrestore(k, t, flags);
    }

    /** rcu_preempt_deferred_qs_irqrestore(): irqs are off on entry and restored on exit. */
    private void deferredQsIrqrestore(Kernel k, Task t, long flags) {
        int special = t.rcuReadUnlockSpecial;
        t.rcuReadUnlockSpecial = 0;
        if ((special & SPECIAL_NEED_QS) != 0) {
            core.qs(k);
        }
        if ((special & SPECIAL_BLOCKED) == 0) {
            k.localIrqRestore(flags);
            return;
        }
        RcuNode rnp = (RcuNode) t.rcuBlockedNode;
        locks.lock(k, rnp);
        k.warnOnOnce(!rnp.isLeaf(s), "blocked on non-leaf " + rnp);
        boolean emptyNorm = !rnp.blockedReadersCgp();
        int i = rnp.blkdTasks.indexOf(t);
        Task next = i + 1 < rnp.blkdTasks.size() ? rnp.blkdTasks.get(i + 1) : null;
        rnp.checkListWrite();
        rnp.blkdTasks.remove(i);
        t.rcuBlockedNode = null;
        if (rnp.gpTasks() == t) {
            rnp.setGpTasks(next);
        }
        if (!emptyNorm && !rnp.blockedReadersCgp()) {
            // the last reader blocking this grace period on this leaf has left
            core.reportUnblockQsRnp(k, rnp, flags);
        } else {
            locks.unlockIrqrestore(k, rnp, flags);
        }
    }

    /**
     * rcu_note_context_switch() for preemptible RCU: a task switched out inside a reader is
     * queued on its leaf (it carries the debt); then the CPU is quiescent.
     */
    void noteContextSwitch(Kernel k, boolean preempt) {
        Task t = k.current();
        RcuData rdp = s.rda[k.smpProcessorId()];
        if (!preempt && t.rcuReadLockNesting > 0) {
            k.warnOnOnce(true, "Voluntary context switch within RCU read-side critical section!");
        }
        if (t.rcuReadLockNesting > 0 && (t.rcuReadUnlockSpecial & SPECIAL_BLOCKED) == 0) {
            RcuNode rnp = rdp.mynode;
            locks.lock(k, rnp);
            t.rcuReadUnlockSpecial |= SPECIAL_BLOCKED;
            k.coverage("rcu: a reader was preempted");
            t.rcuBlockedNode = rnp;
            ctxtQueue(k, rnp, rdp, t);
            locks.unlock(k, rnp);
        } else {
            deferredQs(k);
        }
        core.qs(k);
    }

    /**
     * rcu_preempt_ctxt_queue(): where a preempted reader goes in blkd_tasks. Entries from
     * gp_tasks to the tail block the current grace period. A task that blocks it (its CPU
     * still owes a quiescent state) goes at the tail if it is the first, else right after
     * gp_tasks; one that blocks nothing goes at the head. Leaf lock held.
     */
    private void ctxtQueue(Kernel k, RcuNode rnp, RcuData rdp, Task t) {
        k.lockdepAssertHeld(rnp.lock);
        boolean gpTasks = rnp.gpTasks() != null;
        boolean blocks = (rnp.qsmask() & rdp.grpmask) != 0;
        rnp.checkListWrite();
        if (s.config.injected(Mutations.BLKD_TASK_AT_HEAD)) {
            rnp.blkdTasks.add(0, t);
        } else if (blocks && !gpTasks) {
            rnp.blkdTasks.add(t);
        } else if (blocks) {
            rnp.blkdTasks.add(rnp.blkdTasks.indexOf(rnp.gpTasks()) + 1, t);
        } else {
            rnp.blkdTasks.add(0, t);
        }
        if (!gpTasks && blocks) {
            rnp.setGpTasks(t);
        }
    }
}
