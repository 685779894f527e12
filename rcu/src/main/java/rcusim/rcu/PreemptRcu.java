package rcusim.rcu;

import java.util.List;
import rcusim.kernel.Kernel;
import rcusim.kernel.Task;

/**
 * Preemptible RCU's reader side (tree_plugin.h): nesting counts in the task, readers that
 * are preempted queue themselves on their leaf's blkd_tasks list and carry the grace period's
 * debt, and the outermost rcu_read_unlock() settles it (rcu_read_unlock_special).
 */
final class PreemptRcu {
    static final int SPECIAL_BLOCKED = 1;
    static final int SPECIAL_NEED_QS = 2;
    /** exp_hint: an expedited grace period waits for this reader's rcu_read_unlock(). */
    static final int SPECIAL_EXP_HINT = 4;

    // rcu_preempt_ctxt_queue()'s blkd_state bits
    private static final int GP_TASKS = 0x8;
    private static final int EXP_TASKS = 0x4;
    private static final int GP_BLKD = 0x2;
    private static final int EXP_BLKD = 0x1;

    private final RcuState s;
    private final NodeLocks locks;
    private final RcuCore core;
    private final RcuExp exp;

    PreemptRcu(RcuState s, NodeLocks locks, RcuCore core, RcuExp exp) {
        this.s = s;
        this.locks = locks;
        this.core = core;
        this.exp = exp;
    }

    void readLock(Kernel k) {
        k.current().rcu.readLockNesting.add(1);
        k.barrier(); // rcu_read_lock()'s barrier(): the section's accesses stay inside it
    }

    void readUnlock(Kernel k) {
        Task t = k.current();
        if (t.rcu.readLockNesting.get() <= 0) {
            throw new rcusim.machine.SimFailure(rcusim.machine.SimFailure.Kind.RCU,
                    TreeRcu.unlockImbalance(t) + " (rcu_read_lock_nesting " + t.rcu.readLockNesting.get() + ")");
        }
        k.barrier();
        if (t.rcu.readLockNesting.add(-1) == 0 && t.rcu.readUnlockSpecial.get() != 0) {
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
            k.coverage(RcuCoverage.DEFERRED_QS);
            k.setNeedResched();
            k.localIrqRestore(flags);
            return;
        }
        deferredQsIrqrestore(k, t, flags);
    }

    /** rcu_preempt_need_deferred_qs(): out of its reader, with a report owed (its own or an expedited one). */
    boolean needDeferredQs(Kernel k) {
        return k.current().rcu.readLockNesting.get() <= 0
                && (k.current().rcu.readUnlockSpecial.get() != 0 || s.rda[k.smpProcessorId()].cpuNoQsExp.get());
    }

    /** rcu_preempt_deferred_qs(): settles a deferred report when the task is out of its reader. */
    void deferredQs(Kernel k) {
        if (!needDeferredQs(k)) {
            return;
        }
        long flags = k.localIrqSave();
        deferredQsIrqrestore(k, k.current(), flags);
    }

    /** rcu_preempt_deferred_qs_irqrestore(): irqs are off on entry and restored on exit. */
    private void deferredQsIrqrestore(Kernel k, Task t, long flags) {
        int special = t.rcu.readUnlockSpecial.get();
        RcuData rdp = s.rda[k.smpProcessorId()];
        if (special == 0 && !rdp.cpuNoQsExp.get()) {
            k.localIrqRestore(flags);
            return;
        }
        t.rcu.readUnlockSpecial.set(0);
        if ((special & SPECIAL_NEED_QS) != 0) {
            core.qs(k);
        }
        // an expedited grace period asked this CPU (tasks it waits for are settled below)
        if (rdp.cpuNoQsExp.get()) {
            exp.reportExpRdp(k, rdp);
        }
        if ((special & SPECIAL_BLOCKED) == 0) {
            k.localIrqRestore(flags);
            return;
        }
        RcuNode blocked = t.rcu.blockedNode(RcuNode.class);
        // the fault: the leaf of the CPU the reader ends on, which is not its leaf after a migration
        RcuNode rnp = s.config.injected(RcuFault.UNBLOCK_WRONG_LEAF) ? rdp.mynode : blocked;
        locks.lock(k, rnp);
        k.warnOnOnce(!rnp.isLeaf(s), "blocked on non-leaf " + rnp);
        boolean emptyNorm = !rnp.blockedReadersCgp();
        // a leaf that already reported this grace period complete has nothing left to wait for
        if (rnp.completedqs() == rnp.gpSeq() && (!emptyNorm || rnp.qsmask() != 0)) {
            k.warnOnOnce(true, "rcu_preempt_deferred_qs_irqrestore(): rnp->completedqs == rnp->gp_seq && (!empty_norm"
                    + " || rnp->qsmask): " + rnp + " gp_seq " + RcuSeq.format(rnp.gpSeqPeek()) + " gp_tasks " + rnp.gpTasksPeek()
                    + " qsmask " + Long.toHexString(rnp.qsmaskPeek()));
        }
        boolean emptyExp = exp.done(k, rnp);
        k.smpMb(); // the expedited fast path must see the end of the critical section
        // list_del() unlinks the task from the list it is on, whichever rnp was locked
        int i = blocked.blkdTasks.indexOf(t);
        Task next = i + 1 < blocked.blkdTasks.size() ? blocked.blkdTasks.get(i + 1) : null;
        blocked.checkListWrite();
        blocked.blkdTasks.remove(i);
        t.rcu.setBlockedNode(null);
        if (rnp.gpTasks() == t) {
            rnp.setGpTasks(next);
        }
        if (rnp.expTasks() == t) {
            rnp.setExpTasks(next);
        }
        // rcu_report_unblock_qs_rnp() releases the lock: look at the expedited state first
        boolean emptyExpNow = exp.done(k, rnp);
        if (!emptyNorm && !rnp.blockedReadersCgp()) {
            // the last reader blocking this grace period on this leaf has left
            core.reportUnblockQsRnp(k, rnp, flags);
        } else {
            locks.unlockIrqrestore(k, rnp, flags);
        }
        if (!emptyExp && emptyExpNow) {
            // the last reader blocking the expedited grace period here has left
            exp.reportExpRnp(k, rnp, true);
        }
    }

    /**
     * rcu_note_context_switch() for preemptible RCU: a task switched out inside a reader is
     * queued on its leaf (it carries the debt); then the CPU is quiescent.
     */
    void noteContextSwitch(Kernel k, boolean preempt) {
        k.lockdepAssertIrqsDisabled();
        Task t = k.current();
        RcuData rdp = s.rda[k.smpProcessorId()];
        if (!preempt && t.rcu.readLockNesting.get() > 0) {
            k.warnOnOnce(true, "Voluntary context switch within RCU read-side critical section!");
        }
        if (t.rcu.readLockNesting.get() > 0 && (t.rcu.readUnlockSpecial.get() & SPECIAL_BLOCKED) == 0) {
            RcuNode rnp = rdp.mynode;
            locks.lock(k, rnp);
            t.rcu.readUnlockSpecial.orBits(SPECIAL_BLOCKED);
            k.coverage(RcuCoverage.READER_PREEMPTED);
            if ((rnp.qsmaskinitnextReadOnce() & rdp.grpmask) == 0) {
                k.warnOnOnce(true, "rcu_note_context_switch(): !rcu_rdp_cpu_online(rdp): " + t
                        + " preempted in a reader on CPU " + rdp.cpu + ", offline for RCU");
            }
            if (t.rcu.blockedNode(RcuNode.class) != null) {
                k.warnOnOnce(true, "rcu_note_context_switch(): !list_empty(&t->rcu_node_entry): " + t
                        + " is already queued on " + t.rcu.blockedNode(RcuNode.class));
            }
            t.rcu.setBlockedNode(rnp);
            boolean expBlkd = ctxtQueue(k, rnp, rdp, t);
            locks.unlock(k, rnp);
            // the queued task now blocks the expedited grace period in this CPU's place
            if (expBlkd && rdp.cpuNoQsExp.get()) {
                exp.reportExpRdp(k, rdp);
            } else if (rdp.cpuNoQsExp.get()) {
                k.warnOnOnce(true, "CPU " + rdp.cpu + " owes an expedited QS that " + t + " does not block");
            }
        } else {
            deferredQs(k);
        }
        core.qs(k);
        if (rdp.cpuNoQsExp.get()) {
            exp.reportExpRdp(k, rdp);
        }
    }

    /**
     * rcu_preempt_ctxt_queue(): where a preempted reader goes in blkd_tasks. Entries from
     * gp_tasks (exp_tasks) to the tail block the current normal (expedited) grace period. The
     * place follows from four bits: whether gp_tasks and exp_tasks are set, and whether the
     * task's CPU still owes the normal and the expedited grace period a quiescent state. A task
     * blocking nothing new goes at the head, the first blocker of a grace period at the tail, a
     * later blocker right after the pointer of the grace period it blocks; ties needlessly block
     * the normal grace period rather than the expedited one. Leaf lock held. Returns whether
     * the task blocks the expedited grace period.
     */
    private boolean ctxtQueue(Kernel k, RcuNode rnp, RcuData rdp, Task t) {
        k.lockdepAssertHeld(rnp.lock);
        // RCU better not be waiting on a CPU that came online after this grace period's ONOFF pass
        if ((rnp.qsmaskinitnext() & ~rnp.qsmaskinit() & rnp.qsmask() & rdp.grpmask) != 0) {
            k.warnOnOnce(true, "rcu_preempt_ctxt_queue(): rnp->qsmaskinitnext & ~rnp->qsmaskinit & rnp->qsmask"
                    + " & rdp->grpmask: CPU " + rdp.cpu + " in " + rnp);
        }
        int blkdState = (rnp.gpTasks() != null ? GP_TASKS : 0) + (rnp.expTasks() != null ? EXP_TASKS : 0)
                + ((rnp.qsmask() & rdp.grpmask) != 0 ? GP_BLKD : 0) + ((rnp.expmask() & rdp.grpmask) != 0 ? EXP_BLKD : 0);
        List<Task> l = rnp.blkdTasks;
        rnp.checkListWrite();
        if (s.config.injected(RcuFault.BLKD_TASK_AT_HEAD)) {
            l.add(0, t);
        } else {
            switch (blkdState) {
                case 0, EXP_TASKS, EXP_TASKS + GP_BLKD, GP_TASKS, GP_TASKS + EXP_TASKS ->
                    l.add(0, t);
                case EXP_BLKD, GP_BLKD, GP_BLKD + EXP_BLKD, GP_TASKS + EXP_BLKD, GP_TASKS + GP_BLKD + EXP_BLKD,
                    GP_TASKS + EXP_TASKS + GP_BLKD + EXP_BLKD ->
                    l.add(t);
                case EXP_TASKS + EXP_BLKD, EXP_TASKS + GP_BLKD + EXP_BLKD, GP_TASKS + EXP_TASKS + EXP_BLKD -> {
                    k.coverage(RcuCoverage.EXP_SECOND_BLKD_READER);
                    l.add(l.indexOf(rnp.expTasks()) + 1, t);
                }
                case GP_TASKS + GP_BLKD, GP_TASKS + EXP_TASKS + GP_BLKD ->
                    l.add(l.indexOf(rnp.gpTasks()) + 1, t);
                default -> k.warnOnOnce(true, "rcu_preempt_ctxt_queue: blkd_state " + blkdState);
            }
        }
        if (rnp.gpTasks() == null && (blkdState & GP_BLKD) != 0) {
            rnp.setGpTasks(t);
        }
        if (rnp.expTasks() == null && (blkdState & EXP_BLKD) != 0) {
            rnp.setExpTasks(t);
        }
        return (blkdState & EXP_BLKD) != 0;
    }
}
