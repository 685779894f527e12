package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.kernel.Mutex;
import rcusim.machine.SimFailure;
import rcusim.kernel.Task;
import rcusim.kernel.TaskState;
import rcusim.kernel.WaitQueue;
import rcusim.kernel.own.GuardedLong;
import rcusim.kernel.own.Rule;
import rcusim.kernel.own.Rules;

/**
 * Expedited grace periods (tree_exp.h): synchronize_rcu_expedited() and everything behind it.
 *
 * <p>A caller snapshots rcu_state.expedited_sequence and climbs the funnel of rcu_node
 * exp_seq_rq values; if an expedited grace period already covers its snapshot it sleeps on
 * that node's exp_wq, otherwise it reaches exp_mutex and drives one: every node's expmask is
 * loaded from expmaskinit (which CPU hotplug keeps current) and every leaf's exp_tasks points
 * at its blocked readers, CPUs that are the caller's, offline or in an extended quiescent state
 * are reported at once, and the others get an IPI (rcu_exp_handler) that reports for them or
 * leaves the report to the reader's rcu_read_unlock() or the next context switch. Reports
 * clear bits up the tree (rcu_report_exp_cpu_mult / rcu_report_exp_rnp) and the root, once
 * expmask and exp_tasks are empty everywhere, wakes the driver, which ends the sequence and
 * wakes everyone who piggybacked.
 *
 * <p>Simplified (see docs/rcu.md): the kernel hands the selection and the wait to the
 * rcu_exp_gp_kworker (and the per-node selection to rcu_exp_par_gp_kworkers); here the caller
 * does them itself, as the kernel does during boot before those workers exist. The nohz_full
 * tick forcing, RCU priority boosting of blocked readers and the polled expedited API are not
 * modelled.
 *
 * <p>The rcu_state fields of expedited grace periods live here: expedited_sequence and ncpus
 * in simulated memory (read locklessly), exp_mutex, exp_wake_mutex and expedited_wq; also
 * ncpus_snap and each CPU's exp_watching_snap, which only the exp_mutex holder touches.
 */
final class RcuExp {
    /** The IPI loop WARNs after this many retries for one CPU (CPU hotplug should not take that long). */
    private static final int MAX_IPI_RETRIES = 50;

    private final RcuState s;
    private final NodeLocks locks;

    /**
     * rcu_state.expedited_sequence: an rcu_seq. The kernel starts it at 0, and so does this
     * unless the counters start near the wrap ({@link RcuConfig#auxSeqStart}).
     */
    final long expeditedSequence;
    /** expedited_sequence's starting value, so that reports count from it. */
    private final long expStart;
    /** rcu_state.ncpus: how many CPUs have ever come online (store-release by hotplug). */
    final long ncpus;
    final Mutex expMutex = new Mutex("rcu_state.exp_mutex");
    final Mutex expWakeMutex = new Mutex("rcu_state.exp_wake_mutex");
    /** rcu_state.expedited_wq: the driver waits here for the root to become quiescent. */
    final WaitQueue expeditedWq;
    /** rcu_state.ncpus_snap: ncpus when expmaskinit was last brought up to date. */
    private final GuardedLong ncpusSnap;
    /** rcu_data.exp_watching_snap, per CPU: the watching counter seen by the selection. */
    private final GuardedLong[] expWatchingSnap;

    RcuExp(Kernel k, RcuState s, NodeLocks locks) {
        this.expeditedWq = new WaitQueue(k, "rcu_state.expedited_wq");
        this.s = s;
        this.locks = locks;
        long init = s.config.auxSeqStart();
        this.expeditedSequence = k.alloc(1, init);
        this.expStart = init;
        // exp_seq_rq starts level with expedited_sequence (both 0 in the kernel), else the funnel
        // would take a request below the start for one already being driven: RcuState places it so
        // every CPU is online at boot (TreeRcu.install sets expmaskinitnext to match)
        this.ncpus = k.alloc(1, k.nrCpus());
        Rule underExpMutex = Rules.lockHeld(expMutex, "rcu_state.exp_mutex");
        this.ncpusSnap = new GuardedLong(k.ownership(), "rcu_state.ncpus_snap", Rules.anyone(), underExpMutex, 0);
        this.expWatchingSnap = new GuardedLong[s.rda.length];
        for (int cpu = 0; cpu < s.rda.length; cpu++) {
            expWatchingSnap[cpu] = new GuardedLong(k.ownership(), "rcu_data[" + cpu + "].exp_watching_snap",
                    Rules.anyone(), underExpMutex, 0);
        }
    }

    // ---------------------------------------------------------------- the sequence

    /** rcu_exp_gp_seq_start(). */
    private void seqStart(Kernel k) {
        k.writeOnce(expeditedSequence, RcuSeq.start(k.readOnce(expeditedSequence)));
        k.smpMb();
        k.warnOnOnce(RcuSeq.state(k.readOnce(expeditedSequence)) != 1, "rcu_seq_start: expedited_sequence not started");
    }

    /** rcu_exp_gp_seq_end(): rcu_seq_end(), then a full barrier so that consecutive GPs serialise. */
    private void seqEnd(Kernel k) {
        k.smpMb();
        long v = k.readOnce(expeditedSequence);
        k.warnOnOnce(RcuSeq.state(v) == 0, "rcu_seq_end: expedited_sequence not started");
        k.writeOnce(expeditedSequence, RcuSeq.endval(v));
        if (RcuSeq.crossedWrap(v, RcuSeq.endval(v))) {
            k.coverage(RcuCoverage.EXP_SEQ_WRAP);
        }
        k.smpMb();
    }

    /** rcu_exp_gp_seq_endval(), for traces. */
    private long seqEndvalPeek(Kernel k) {
        return RcuSeq.endval(k.machineMemoryPeek(expeditedSequence));
    }

    /** rcu_exp_gp_seq_snap(): the caller's earlier accesses first, then the snapshot. */
    private long seqSnap(Kernel k) {
        k.smpMb();
        long cur = k.readOnce(expeditedSequence);
        // the fault rounds up to the end of the expedited grace period in progress, not the next
        long snap = s.config.injected(RcuFault.EXP_SNAP_OFF_BY_ONE) ? (cur + RcuSeq.STATE_MASK + 1) & ~RcuSeq.STATE_MASK
                : RcuSeq.snap(cur);
        k.smpMb();
        trace(k, snap, "snap");
        return snap;
    }

    /** sync_exp_work_done(): has a full expedited GP passed since snapshot sn? Then a full barrier. */
    private boolean workDone(Kernel k, long sn) {
        if (s.config.seqDone(k.readOnce(expeditedSequence), sn)) {
            k.smpMb();
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- synchronize_rcu_expedited()

    /**
     * synchronize_rcu_expedited(). No vacuous grace period with one CPU online, the same rule as
     * {@link TreeRcu#synchronizeRcu}.
     */
    void synchronizeRcuExpedited(Kernel k) {
        if (s.config.preemptible() && k.current().rcu.readLockNesting.get() > 0) {
            // RCU_LOCKDEP_WARN(); a non-preemptible reader is a preempt-disabled region, which
            // might_sleep() below reports
            throw new SimFailure(SimFailure.Kind.RCU, "WARNING: suspicious RCU usage\n"
                    + "kernel/rcu/tree_exp.h: Illegal synchronize_rcu_expedited() in RCU read-side critical section!\n"
                    + "current: " + k.current() + ", rcu_read_lock_nesting " + k.current().rcu.readLockNesting.get());
        }
        k.mightSleep("synchronize_rcu_expedited");
        long sn = seqSnap(k);
        if (funnelLock(k, sn)) {
            return; // someone else's expedited grace period covered ours
        }
        selWaitWake(k, sn);
        s.root().expWq[(int) (RcuSeq.ctr(sn) & 3)].waitEvent(k, () -> workDone(k, sn));
        k.mutexUnlock(expMutex);
    }

    /**
     * exp_funnel_lock(): true if another task's expedited grace period covers snapshot sn
     * (nothing held); false with exp_mutex held and a new expedited grace period started.
     */
    private boolean funnelLock(Kernel k, long sn) {
        RcuNode rnp = s.rda[k.smpProcessorId()].mynode;
        RcuNode root = s.root();
        // the low-contention fast path
        if (!rqCovers(rnp.expSeqRqReadOnce(), sn) && (rnp == root || !rqCovers(root.expSeqRqReadOnce(), sn))
                && k.mutexTrylock(expMutex)) {
            return fastpath(k, sn);
        }
        for (; rnp != null; rnp = rnp.parent) {
            if (workDone(k, sn)) {
                return true;
            }
            k.rawSpinLock(rnp.expLock);
            if (rqCovers(rnp.expSeqRq(), sn)) {
                // someone is already driving a GP that covers ours: wait for it here
                k.rawSpinUnlock(rnp.expLock);
                traceFunnel(k, rnp, "wait");
                k.coverage(RcuCoverage.EXP_FUNNEL_WAIT);
                if (s.config.injected(RcuFault.EXP_FUNNEL_NO_WAIT)) {
                    return true;
                }
                rnp.expWq[(int) (RcuSeq.ctr(sn) & 3)].waitEvent(k, () -> workDone(k, sn));
                return true;
            }
            rnp.setExpSeqRq(sn);
            k.rawSpinUnlock(rnp.expLock);
            traceFunnel(k, rnp, "nxtlvl");
        }
        k.mutexLock(expMutex);
        return fastpath(k, sn);
    }

    /** ULONG_CMP_GE(rnp->exp_seq_rq, s), or the plain unsigned >= of the exp-funnel-no-wrap fault. */
    private boolean rqCovers(long rq, long sn) {
        return s.config.injected(RcuFault.EXP_FUNNEL_NO_WRAP) ? Long.compareUnsigned(rq, sn) >= 0 : RcuSeq.cmpGe(rq, sn);
    }

    private boolean fastpath(Kernel k, long sn) {
        if (workDone(k, sn)) {
            k.mutexUnlock(expMutex);
            return true;
        }
        seqStart(k);
        trace(k, sn, "start");
        return false;
    }

    /** rcu_exp_sel_wait_wake(): the expedited grace period itself (the kernel's kworker runs this). */
    private void selWaitWake(Kernel k, long sn) {
        selectCpus(k);
        waitWake(k, sn);
    }

    // ---------------------------------------------------------------- resetting the tree

    /**
     * sync_exp_reset_tree_hotplug(): brings expmaskinit up to date with CPUs that came online
     * for the first time (expmaskinitnext never loses bits, so this is usually a no-op).
     */
    private void resetTreeHotplug(Kernel k) {
        long n = k.smpLoadAcquire(ncpus);
        if (n == ncpusSnap.get()) {
            return;
        }
        ncpusSnap.set(n);
        for (RcuNode rnp : s.leaves()) {
            long flags = locks.lockIrqsave(k, rnp);
            if (rnp.expmaskinit() == rnp.expmaskinitnext()) {
                locks.unlockIrqrestore(k, rnp, flags);
                continue;
            }
            long oldmask = rnp.expmaskinit();
            rnp.setExpmaskinit(rnp.expmaskinitnext());
            locks.unlockIrqrestore(k, rnp, flags);
            if (oldmask != 0) {
                continue;
            }
            // the leaf's first CPU: propagate up to the first ancestor that already knew the subtree
            long mask = rnp.grpmask;
            for (RcuNode up = rnp.parent; up != null; up = up.parent) {
                flags = locks.lockIrqsave(k, up);
                boolean done = up.expmaskinit() != 0;
                up.setExpmaskinit(up.expmaskinit() | mask);
                locks.unlockIrqrestore(k, up, flags);
                if (done) {
                    break;
                }
                mask = up.grpmask;
            }
        }
    }

    /**
     * sync_exp_reset_tree(): every node waits for all it covers again, and each leaf for its
     * blocked readers: exp_tasks points at the head of blkd_tasks, so every task queued there
     * now blocks this expedited grace period (and so do tasks queued later while their CPU's
     * expmask bit is still set).
     */
    private void resetTree(Kernel k) {
        resetTreeHotplug(k);
        for (RcuNode rnp : s.node) {
            long flags = locks.lockIrqsave(k, rnp);
            long expmask = rnp.expmask();
            if (expmask != 0) {
                k.warnOnOnce(true, rnp + " expmask " + Long.toHexString(expmask) + " at reset");
            }
            rnp.setExpmask(rnp.expmaskinit());
            if (rnp.isLeaf(s) && rnp.hasTasks() && !s.config.injected(RcuFault.EXP_IGNORES_BLOCKED_TASKS)) {
                k.coverage(RcuCoverage.EXP_WAITS_FOR_BLKD_READERS);
                rnp.setExpTasks(rnp.blkdTasks.get(0));
            }
            locks.unlockIrqrestore(k, rnp, flags);
        }
    }

    // ---------------------------------------------------------------- selecting CPUs

    /** sync_rcu_exp_select_cpus(): reset the tree, then each leaf with CPUs to wait for. */
    private void selectCpus(Kernel k) {
        trace(k, seqEndvalPeek(k), "reset");
        resetTree(k);
        trace(k, seqEndvalPeek(k), "select");
        for (RcuNode rnp : s.leaves()) {
            if (rnp.expmaskReadOnce() != 0) {
                selectNodeCpus(k, rnp);
            }
        }
    }

    /**
     * __sync_rcu_exp_select_node_cpus(): the calling CPU, CPUs no longer online and CPUs in an
     * extended quiescent state are quiescent now; the others get an IPI. A CPU that the IPI
     * cannot reach is either still online for RCU (coming up, or going down before
     * rcutree_report_cpu_dead()): try again a jiffy later; or it is gone, and quiescent.
     */
    private void selectNodeCpus(Kernel k, RcuNode rnp) {
        long flags = locks.lockIrqsave(k, rnp);
        long maskOflTest = 0;
        long expmask = rnp.expmask();
        for (int cpu = rnp.grplo; cpu <= rnp.grphi; cpu++) {
            RcuData rdp = s.rda[cpu];
            long mask = rdp.grpmask;
            if ((expmask & mask) == 0) {
                continue;
            }
            if (k.smpProcessorId() == cpu || (rnp.qsmaskinitnext() & mask) == 0) {
                maskOflTest |= mask;
            } else {
                // ordered after the caller's earlier accesses by rcu_seq_start()'s barrier and
                // the chain of node locks since; acquire orders the CPU's pre-idle accesses
                long snap = k.smpLoadAcquire(k.ctCounterAddr(cpu));
                if (inEqs(snap)) {
                    maskOflTest |= mask;
                } else {
                    expWatchingSnap[cpu].set(snap);
                }
            }
        }
        long maskOflIpi = expmask & ~maskOflTest;
        locks.unlockIrqrestore(k, rnp, flags);

        for (int cpu = rnp.grplo; cpu <= rnp.grphi; cpu++) {
            RcuData rdp = s.rda[cpu];
            long mask = rdp.grpmask;
            if ((maskOflIpi & mask) == 0) {
                continue;
            }
            for (int retries = 0;; retries++) {
                if (retries > MAX_IPI_RETRIES) {
                    k.warnOnOnce(true, "expedited IPI to CPU " + cpu + " retried " + retries + " times");
                }
                if (watchingSnapStoppedSince(k, cpu, expWatchingSnap[cpu].get())) {
                    maskOflTest |= mask;
                    break;
                }
                k.preemptDisable();
                if (k.smpProcessorId() == cpu) {
                    maskOflTest |= mask;
                    k.preemptEnable();
                    break;
                }
                int ret = k.smpCallFunctionSingle(cpu, this::handler, false);
                k.preemptEnable();
                if (ret == 0) {
                    k.count("rcu: expedited IPIs sent", 1);
                    break; // the CPU reports in response to the IPI
                }
                // raced with CPU hotplug
                flags = locks.lockIrqsave(k, rnp);
                if ((rnp.qsmaskinitnext() & mask) != 0 && (rnp.expmask() & mask) != 0) {
                    // still online for RCU: wait a little and try again
                    locks.unlockIrqrestore(k, rnp, flags);
                    k.coverage(RcuCoverage.EXP_IPI_HOTPLUG_RETRY);
                    trace(k, seqEndvalPeek(k), "selectofl");
                    k.setCurrentState(TaskState.UNINTERRUPTIBLE);
                    k.scheduleTimeout(1);
                    continue;
                }
                if ((rnp.expmask() & mask) != 0) {
                    maskOflTest |= mask; // really offline: quiescent
                }
                locks.unlockIrqrestore(k, rnp, flags);
                break;
            }
        }
        if (maskOflTest != 0) {
            flags = locks.lockIrqsave(k, rnp);
            reportExpCpuMult(k, rnp, flags, maskOflTest, false);
        }
    }

    private static boolean inEqs(long snap) {
        return (snap & 1) == 0;
    }

    /** rcu_watching_snap_stopped_since(): has the CPU been in an extended quiescent state since snap? */
    private boolean watchingSnapStoppedSince(Kernel k, int cpu, long snap) {
        if (inEqs(snap)) {
            return k.warnOnOnce(true, "rcu_watching_snap_stopped_since: snapshot " + snap + " of CPU " + cpu + " in EQS");
        }
        return snap != k.smpLoadAcquire(k.ctCounterAddr(cpu));
    }

    // ---------------------------------------------------------------- the IPI handler

    /** rcu_exp_handler(): on the IPI'd CPU, in hardirq context (or as the CPU dies). */
    void handler(Kernel k) {
        RcuData rdp = s.rda[k.smpProcessorId()];
        RcuNode rnp = rdp.mynode;
        // the CPU is unexpectedly not waited for, or already asked
        if ((rnp.expmaskReadOnce() & rdp.grpmask) == 0 || rdp.cpuNoQsExp.get()) {
            k.warnOnOnce(true, "rcu_exp_handler: CPU " + rdp.cpu + " expmask bit " + ((rnp.expmaskPeek() & rdp.grpmask) != 0)
                    + " cpu_no_qs.b.exp " + rdp.cpuNoQsExp.get());
            return;
        }
        boolean preemptBhEnabled = (k.preemptCount() & 0xffff) == 0;
        if (!s.config.preemptible()) {
            if (k.interruptedIdle() || preemptBhEnabled) {
                reportExpRdp(k, rdp);
            } else {
                needQs(k, rdp);
            }
            return;
        }
        Task t = k.current();
        int depth = t.rcu.readLockNesting.get();
        if (depth == 0) {
            if (preemptBhEnabled || k.interruptedIdle()) {
                reportExpRdp(k, rdp);
            } else {
                needQs(k, rdp);
            }
            return;
        }
        if (depth > 0) {
            if (s.config.injected(RcuFault.EXP_HANDLER_REPORTS_IN_READER)) {
                reportExpRdp(k, rdp);
                return;
            }
            // the reader's rcu_read_unlock(), or its preemption, reports; recheck under the
            // lock, since many races may have reported this CPU already
            long flags = locks.lockIrqsave(k, rnp);
            if ((rnp.expmask() & rdp.grpmask) != 0) {
                k.coverage(RcuCoverage.EXP_IPI_IN_READER);
                rdp.cpuNoQsExp.set(true);
                t.rcu.readUnlockSpecial.orBits(PreemptRcu.SPECIAL_EXP_HINT);
            }
            locks.unlockIrqrestore(k, rnp, flags);
            return;
        }
        k.warnOnOnce(true, "rcu_exp_handler: negative rcu_read_lock_nesting " + depth);
    }

    /**
     * rcu_exp_need_qs(): the CPU cannot report now (preemption or bottom halves disabled):
     * mark it and get the scheduler to pass through a quiescent state soon.
     */
    private void needQs(Kernel k, RcuData rdp) {
        k.lockdepAssertIrqsDisabled();
        k.coverage(RcuCoverage.EXP_NEED_QS);
        rdp.cpuNoQsExp.set(true);
        k.smpStoreRelease(rdp.urgentQs, 1);
        k.setNeedResched();
    }

    /**
     * rcu_preempt_deferred_qs() of non-preemptible RCU: a quiescent state of this CPU also
     * answers a pending expedited request (no task can be blocked in a reader).
     */
    void deferredQsNonPreempt(Kernel k) {
        RcuData rdp = s.rda[k.smpProcessorId()];
        if (rdp.cpuNoQsExp.get()) {
            reportExpRdp(k, rdp);
        }
    }

    // ---------------------------------------------------------------- reporting

    /** sync_rcu_exp_done(): nothing under rnp blocks the expedited grace period. rnp locked. */
    boolean done(Kernel k, RcuNode rnp) {
        k.lockdepAssertHeld(rnp.lock);
        return rnp.expTasks() == null && rnp.expmask() == 0;
    }

    private boolean doneUnlocked(Kernel k, RcuNode rnp) {
        long flags = locks.lockIrqsave(k, rnp);
        boolean ret = done(k, rnp);
        locks.unlockIrqrestore(k, rnp, flags);
        return ret;
    }

    /**
     * __rcu_report_exp_rnp(): rnp (locked by the caller, released here) may have become
     * quiescent: clear its bit in its parent, and so on up; at the root, wake the driver.
     */
    private void reportExpRnpLocked(Kernel k, RcuNode rnp, boolean wake, long flags) {
        for (;;) {
            if (!done(k, rnp)) {
                // with only blocked readers left, the kernel would boost them (not modelled)
                locks.unlockIrqrestore(k, rnp, flags);
                return;
            }
            if (rnp.parent == null) {
                locks.unlockIrqrestore(k, rnp, flags);
                if (wake) {
                    expeditedWq.wakeUpOne(k);
                }
                return;
            }
            long mask = rnp.grpmask;
            locks.unlock(k, rnp); // irqs stay disabled
            rnp = rnp.parent;
            locks.lock(k, rnp);
            long expmask = rnp.expmask();
            if ((expmask & mask) == 0) {
                k.warnOnOnce(true, rnp + " expmask lacks the bit of a child that became quiescent");
            }
            rnp.setExpmask(expmask & ~mask);
        }
    }

    /** rcu_report_exp_rnp(): the last task blocking the expedited grace period on rnp left it. */
    void reportExpRnp(Kernel k, RcuNode rnp, boolean wake) {
        k.coverage(RcuCoverage.EXP_UNBLOCK_RNP);
        long flags = locks.lockIrqsave(k, rnp);
        reportExpRnpLocked(k, rnp, wake, flags);
    }

    /** rcu_report_exp_cpu_mult(): CPUs in maskIn of leaf rnp (locked; released here) are quiescent. */
    private void reportExpCpuMult(Kernel k, RcuNode rnp, long flags, long maskIn, boolean wake) {
        k.lockdepAssertHeld(rnp.lock);
        long expmask = rnp.expmask();
        if ((expmask & maskIn) == 0) {
            locks.unlockIrqrestore(k, rnp, flags);
            return;
        }
        long mask = maskIn & expmask;
        rnp.setExpmask(expmask & ~mask);
        reportExpRnpLocked(k, rnp, wake, flags);
    }

    /** rcu_report_exp_rdp(): this CPU passed a quiescent state the expedited grace period asked for. */
    void reportExpRdp(Kernel k, RcuData rdp) {
        RcuNode rnp = rdp.mynode;
        long flags = locks.lockIrqsave(k, rnp);
        rdp.cpuNoQsExp.set(false);
        reportExpCpuMult(k, rnp, flags, rdp.grpmask, true);
    }

    // ---------------------------------------------------------------- waiting

    /** synchronize_rcu_expedited_wait_once(): true once the root is quiescent, false after tlimit jiffies. */
    private boolean waitOnce(Kernel k, long tlimit) {
        RcuNode root = s.root();
        long t = expeditedWq.waitEventTimeout(k, () -> doneUnlocked(k, root), tlimit);
        return t > 0 || doneUnlocked(k, root);
    }

    /**
     * synchronize_rcu_expedited_wait(): waits for the root, with an expedited stall warning
     * after the stall timeout (the kernel prints it and keeps waiting; here it ends the run).
     */
    private void expeditedWait(Kernel k) {
        trace(k, seqEndvalPeek(k), "startwait");
        long jiffiesStall = s.config.stallTimeoutJiffies();
        long jiffiesStart = k.jiffies();
        if (waitOnce(k, jiffiesStall)) {
            return;
        }
        k.coverage(RcuCoverage.EXP_STALL);
        throw new SimFailure(SimFailure.Kind.RCU, RcuExpStall.report(s, k, expeditedSequence, jiffiesStart, k.jiffies()));
    }

    /** printf's %#lx. */
    static String hexAlt(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /**
     * rcu_exp_wait_wake(): waits for the grace period, ends it under exp_wake_mutex (so only one
     * grace period runs alongside wake-ups), brings every exp_seq_rq up to sn and wakes the
     * waiters of sn on every node.
     */
    private void waitWake(Kernel k, long sn) {
        expeditedWait(k);
        k.mutexLock(expWakeMutex);
        seqEnd(k);
        trace(k, sn, "end");
        k.count("rcu: expedited grace periods completed", 1);
        for (RcuNode rnp : s.node) {
            if (RcuSeq.cmpLt(rnp.expSeqRqReadOnce(), sn)) {
                k.rawSpinLock(rnp.expLock);
                // recheck: someone may just have arrived
                if (RcuSeq.cmpLt(rnp.expSeqRq(), sn)) {
                    rnp.setExpSeqRq(sn);
                }
                k.rawSpinUnlock(rnp.expLock);
            }
            k.smpMb();
            rnp.expWq[(int) (RcuSeq.ctr(sn) & 3)].wakeUp(k);
        }
        trace(k, sn, "endwake");
        k.mutexUnlock(expWakeMutex);
    }

    // ---------------------------------------------------------------- hotplug

    /**
     * The expedited part of rcutree_report_cpu_starting(), under the leaf lock: the CPU joins
     * expmaskinitnext for good, and a CPU never seen before bumps ncpus so that the next
     * expedited grace period brings expmaskinit up to date.
     */
    void cpuStarting(Kernel k, RcuNode rnp, long mask) {
        k.lockdepAssertHeld(rnp.lock);
        boolean newcpu = (rnp.expmaskinitnext() & mask) == 0;
        rnp.setExpmaskinitnext(rnp.expmaskinitnext() | mask);
        if (newcpu) {
            k.smpStoreRelease(ncpus, k.readOnce(ncpus) + 1);
        }
    }

    /** Expedited grace periods completed, for reports. */
    long completedPeek(Kernel k) {
        return RcuSeq.ctr(k.machineMemoryPeek(expeditedSequence) - expStart);
    }

    // ---------------------------------------------------------------- traces

    private void trace(Kernel k, long seq, String event) {
        if (k.tracing()) {
            k.traceEvent("rcu_exp_grace_period", s.name + " " + hexAlt(seq) + " " + event);
        }
    }

    private void traceFunnel(Kernel k, RcuNode rnp, String event) {
        if (k.tracing()) {
            k.traceEvent("rcu_exp_funnel_lock", s.name + " " + rnp.level + " " + rnp.grplo + " " + rnp.grphi + " " + event);
        }
    }
}
