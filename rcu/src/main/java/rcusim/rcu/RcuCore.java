package rcusim.rcu;

import rcusim.kernel.Kernel;

/**
 * The heart of Tree RCU's bookkeeping: requesting grace periods up the funnel
 * (rcu_start_this_gp), noticing grace-period changes (__note_gp_changes), callback
 * acceleration and advancement, and reporting quiescent states up the tree
 * (rcu_report_qs_rdp / _rnp / _rsp). Lock and ordering rules are the kernel's: callers hold
 * the locks the kernel's callers hold, and each function says which.
 */
final class RcuCore {
    private final RcuState s;
    private final NodeLocks locks;
    private final RcuExp exp;

    RcuCore(RcuState s, NodeLocks locks, RcuExp exp) {
        this.s = s;
        this.locks = locks;
        this.exp = exp;
    }

    long gpSeq(Kernel k) {
        return k.readOnce(s.gpSeqAddr);
    }

    /** rcu_gp_in_progress(). */
    boolean gpInProgress(Kernel k) {
        return RcuSeq.state(RcuSeq.current(gpSeq(k))) != 0;
    }

    /** rcu_seq_snap(&rcu_state.gp_seq): a full barrier, then the value a new request needs. */
    long snap(Kernel k) {
        long v = RcuSeq.snap(k.readOnce(s.gpSeqAddr));
        k.smpMb();
        return v;
    }

    /** rcu_gp_kthread_wake(): skipped when the kthread wakes itself or there is nothing to do. */
    void gpKthreadWake(Kernel k) {
        if ((k.current() == s.gpKthread && !k.inIrq() && !k.inServingSoftirq()) || k.readOnce(s.gpFlagsAddr) == 0
                || s.gpKthread == null) {
            return;
        }
        s.gpWq.wakeUpOne(k);
    }

    /**
     * rcu_start_this_gp(): records that grace period req is needed, funnelling up from
     * rnpStart (whose lock the caller holds) until a node already knows, a grace period is in
     * progress, or the root is reached; at an idle root it sets RCU_GP_FLAG_INIT. True when the
     * GP kthread must be woken.
     */
    boolean startThisGp(Kernel k, RcuNode rnpStart, RcuData rdp, long req) {
        k.lockdepAssertHeld(rnpStart.lock);
        boolean ret = false;
        RcuNode rnp = rnpStart;
        for (;;) {
            if (rnp != rnpStart) {
                locks.lock(k, rnp);
            }
            if (neededCovers(rnp.gpSeqNeeded(), req) || RcuSeq.started(rnp.gpSeq(), req)
                    || (rnp != rnpStart && RcuSeq.state(RcuSeq.current(rnp.gpSeq())) != 0)) {
                return unlockOut(k, rnpStart, rdp, rnp, req, ret);
            }
            rnp.setGpSeqNeeded(req);
            if (RcuSeq.state(RcuSeq.current(rnpStart.gpSeq())) != 0) {
                // the start leaf sees a grace period in progress: it will notice at that GP's end
                return unlockOut(k, rnpStart, rdp, rnp, req, ret);
            }
            if (rnp != rnpStart && rnp.parent != null) {
                locks.unlock(k, rnp);
            }
            if (rnp.parent == null) {
                break;
            }
            rnp = rnp.parent;
        }
        // at the root, locked
        if (gpInProgress(k)) {
            return unlockOut(k, rnpStart, rdp, rnp, req, ret);
        }
        k.writeOnce(s.gpFlagsAddr, k.readOnce(s.gpFlagsAddr) | RcuState.GP_FLAG_INIT);
        s.touchGpActivity(k);
        ret = s.gpKthread != null && !s.config.injected(RcuFault.START_GP_NO_WAKE);
        return unlockOut(k, rnpStart, rdp, rnp, req, ret);
    }

    /** ULONG_CMP_GE(rnp->gp_seq_needed, req), or the plain >= of the start-gp-no-wrap fault. */
    private boolean neededCovers(long needed, long req) {
        return s.config.injected(RcuFault.START_GP_NO_WRAP) ? Long.compareUnsigned(needed, req) >= 0
                : RcuSeq.cmpGe(needed, req);
    }

    private boolean unlockOut(Kernel k, RcuNode rnpStart, RcuData rdp, RcuNode rnp, long req, boolean ret) {
        if (RcuSeq.cmpLt(req, rnp.gpSeqNeeded())) {
            rnpStart.setGpSeqNeeded(rnp.gpSeqNeeded());
            rdp.gpSeqNeeded.set(rnp.gpSeqNeeded());
        }
        if (rnp != rnpStart) {
            locks.unlock(k, rnp);
        }
        return ret;
    }

    /**
     * rcu_accelerate_cbs(): tags callbacks not yet assigned a grace period with the one that
     * rcu_seq_snap() says they need, and requests it. Leaf lock held.
     */
    boolean accelerateCbs(Kernel k, RcuNode rnp, RcuData rdp) {
        lockdepAssertCblistProtected(k, rdp);
        k.lockdepAssertHeld(rnp.lock);
        RcuSegcblist cbl = rdp.cblist();
        if (!cbl.pendCbs()) {
            return false;
        }
        long req;
        if (s.config.injected(RcuFault.ACCELERATE_WITH_CURRENT)) {
            req = RcuSeq.current(gpSeq(k));
        } else if (s.config.injected(RcuFault.ACCELERATE_STALE_GP_SEQ)) {
            req = RcuSeq.snap(rdp.gpSeq.get()); // the CPU's view, maybe a grace period behind
            k.smpMb();
        } else {
            req = snap(k);
        }
        if (cbl.accelerate(req, s.config.injected(RcuFault.ACCELERATE_INTO_OLDER))) {
            return startThisGp(k, rnp, rdp, req);
        }
        return false;
    }

    /** rcu_lockdep_assert_cblist_protected(): irqs off, and nocb_lock held when the list is offloaded. */
    static void lockdepAssertCblistProtected(Kernel k, RcuData rdp) {
        k.lockdepAssertIrqsDisabled();
        if (rdp.offloaded) {
            k.lockdepAssertHeld(rdp.nocb.nocbLock);
        }
    }

    /** rcu_advance_cbs(): moves callbacks whose grace period has ended to DONE, then accelerates. Leaf lock held. */
    boolean advanceCbs(Kernel k, RcuNode rnp, RcuData rdp) {
        lockdepAssertCblistProtected(k, rdp);
        k.lockdepAssertHeld(rnp.lock);
        RcuSegcblist cbl = rdp.cblist();
        if (!cbl.pendCbs()) {
            return false;
        }
        cbl.advance(rnp.gpSeq());
        return accelerateCbs(k, rnp, rdp);
    }

    /** __note_gp_changes(): the CPU catches up with its leaf's grace-period number. Leaf lock held. */
    boolean noteGpChangesLocked(Kernel k, RcuNode rnp, RcuData rdp) {
        k.lockdepAssertHeld(rnp.lock);
        boolean ret;
        if (rdp.gpSeq.get() == rnp.gpSeq()) {
            return false;
        }
        // an offloaded CPU's callbacks are advanced by its rcuog kthread, under nocb_lock
        if (RcuSeq.completedGp(rdp.gpSeq.get(), rnp.gpSeq()) || rdp.gpwrap.get()) {
            ret = !rdp.offloaded && advanceCbs(k, rnp, rdp);
            rdp.coreNeedsQs.set(false);
        } else {
            ret = !rdp.offloaded && accelerateCbs(k, rnp, rdp);
        }
        if (RcuSeq.newGp(rdp.gpSeq.get(), rnp.gpSeq()) || rdp.gpwrap.get()) {
            // a new grace period: does it need a quiescent state from this CPU?
            boolean needQs = (rnp.qsmask() & rdp.grpmask) != 0;
            rdp.cpuNoQs.set(needQs);
            rdp.coreNeedsQs.set(needQs);
            rdp.ticksThisGp.set(0);
        }
        rdp.gpSeq.set(rnp.gpSeq());
        if (RcuSeq.cmpLt(rdp.gpSeqNeeded.get(), rnp.gpSeqNeeded()) || rdp.gpwrap.get()) {
            rdp.gpSeqNeeded.set(rnp.gpSeqNeeded());
        }
        rdp.gpwrap.set(false);
        return ret;
    }

    /** note_gp_changes(): the lockless check first, then a trylock of the leaf with irqs off. */
    void noteGpChanges(Kernel k, RcuData rdp) {
        long flags = k.localIrqSave();
        RcuNode rnp = rdp.mynode;
        if ((rdp.gpSeq.get() == RcuSeq.current(rnp.gpSeqReadOnce()) && !rdp.gpwrap.get()) || !k.rawSpinTrylock(rnp.lock)) {
            k.localIrqRestore(flags);
            return;
        }
        locks.afterUnlockLock(k);
        boolean needwake = noteGpChangesLocked(k, rnp, rdp);
        locks.unlockIrqrestore(k, rnp, flags);
        if (needwake) {
            gpKthreadWake(k);
        }
    }

    /**
     * rcu_report_qs_rnp(): clears mask in rnp's qsmask (rnp locked by the caller; released
     * here) and walks up while nodes become quiescent; at the root the GP kthread is told to
     * end the grace period. Stale reports (a different gp_seq, a bit already clear) are dropped.
     */
    void reportQsRnp(Kernel k, long mask, RcuNode rnp, long gps, long flags) {
        k.lockdepAssertHeld(rnp.lock);
        long oldmask = 0;
        RcuNode child = null;
        for (;;) {
            if (((rnp.qsmask() & mask) == 0 && mask != 0) || rnp.gpSeq() != gps) {
                locks.unlockIrqrestore(k, rnp, flags);
                return;
            }
            k.warnOnOnce(oldmask != 0, "rcu_report_qs_rnp: " + child + " still has qsmask " + Long.toHexString(oldmask));
            k.warnOnOnce(!rnp.isLeaf(s) && rnp.blockedReadersCgp(), "non-leaf " + rnp + " has blocked readers");
            rnp.setQsmask(rnp.qsmask() & ~mask);
            boolean bitsRemain = rnp.qsmask() != 0 && !s.config.injected(RcuFault.REPORT_SKIPS_BITS_REMAIN);
            if (bitsRemain || rnp.blockedReadersCgp()) {
                locks.unlockIrqrestore(k, rnp, flags);
                return;
            }
            rnp.setCompletedqs(rnp.gpSeq());
            mask = rnp.grpmask;
            if (rnp.parent == null) {
                break;
            }
            locks.unlockIrqrestore(k, rnp, flags);
            child = rnp;
            rnp = rnp.parent;
            flags = locks.lockIrqsave(k, rnp);
            oldmask = child.qsmaskReadOnce(); // the child is no longer locked
        }
        reportQsRsp(k, flags);
    }

    /** rcu_report_qs_rsp(): the whole tree is quiescent; the root is locked and released here. */
    void reportQsRsp(Kernel k, long flags) {
        k.lockdepAssertHeld(s.root().lock);
        k.warnOnOnce(!gpInProgress(k), "rcu_report_qs_rsp with no grace period in progress");
        k.writeOnce(s.gpFlagsAddr, k.readOnce(s.gpFlagsAddr) | RcuState.GP_FLAG_FQS);
        locks.unlockIrqrestore(k, s.root(), flags);
        gpKthreadWake(k);
    }

    /**
     * rcu_report_qs_rdp(): reports this CPU's quiescent state to its leaf unless it is stale
     * (noted in an earlier grace period, or the CPU has not caught up with its leaf).
     */
    void reportQsRdp(Kernel k, RcuData rdp) {
        if (rdp.cpu != k.smpProcessorId()) {
            k.warnOnOnce(true, "rcu_report_qs_rdp(): rdp->cpu != smp_processor_id(): rdp of CPU " + rdp.cpu
                    + " on CPU " + k.smpProcessorId());
        }
        RcuNode rnp = rdp.mynode;
        long flags = locks.lockIrqsave(k, rnp);
        boolean stale = rdp.cpuNoQs.get() || rdp.gpSeq.get() != rnp.gpSeq() || rdp.gpwrap.get();
        if (stale && !rdp.cpuNoQs.get()) {
            k.coverage(RcuCoverage.STALE_QS);
        }
        if (stale && !(s.config.injected(RcuFault.ACCEPT_STALE_QS) && !rdp.cpuNoQs.get())) {
            // the quiescent state came before this grace period: look for another one
            rdp.cpuNoQs.set(true);
            locks.unlockIrqrestore(k, rnp, flags);
            return;
        }
        long mask = rdp.grpmask;
        rdp.coreNeedsQs.set(false);
        if ((rnp.qsmask() & mask) == 0) {
            locks.unlockIrqrestore(k, rnp, flags);
            return;
        }
        // the grace period cannot end before this CPU reports, so no new one can need starting
        if (!rdp.offloaded && accelerateCbs(k, rnp, rdp)) {
            k.warnOnOnce(true, "rcu_report_qs_rdp(): rcu_accelerate_cbs(rnp, rdp) asks to start a grace period on CPU "
                    + rdp.cpu + " whose quiescent state the current one still waits for");
        }
        reportQsRnp(k, mask, rnp, rnp.gpSeq(), flags);
    }

    /**
     * rcu_report_unblock_qs_rnp(): the last task blocking the grace period on a leaf has left
     * it; if the leaf is otherwise quiescent, report upward. Leaf locked; released here.
     */
    void reportUnblockQsRnp(Kernel k, RcuNode rnp, long flags) {
        k.lockdepAssertHeld(rnp.lock);
        k.coverage(RcuCoverage.UNBLOCK_QS_RNP);
        if (k.warnOnOnce(!s.config.preemptible(), "rcu_report_unblock_qs_rnp(): !IS_ENABLED(CONFIG_PREEMPT_RCU)")
                || k.warnOnOnce(rnp.blockedReadersCgp(), "rcu_report_unblock_qs_rnp(): rcu_preempt_blocked_readers_cgp("
                        + rnp + ")")
                || rnp.qsmask() != 0) {
            locks.unlockIrqrestore(k, rnp, flags);
            return;
        }
        rnp.setCompletedqs(rnp.gpSeq());
        RcuNode parent = rnp.parent;
        if (parent == null) {
            reportQsRsp(k, flags);
            return;
        }
        long gps = rnp.gpSeq();
        long mask = rnp.grpmask;
        locks.unlock(k, rnp);
        locks.lock(k, parent);
        reportQsRnp(k, mask, parent, gps, flags);
    }

    /** rcu_qs(): notes that this CPU passed a quiescent state; rcu_core reports it later. */
    void qs(Kernel k) {
        if (k.preemptCount() == 0 && !k.irqsDisabled()) {
            k.warnOnOnce(true, "rcu_qs(): RCU_LOCKDEP_WARN(preemptible()): rcu_qs() invoked with preemption enabled");
        }
        RcuData rdp = s.rda[k.smpProcessorId()];
        if (rdp.cpuNoQs.get() && !s.config.injected(RcuFault.NEVER_REPORT_QS)) {
            if (k.tracing()) {
                k.traceEvent("rcu_grace_period", s.name + " " + Long.toUnsignedString(rdp.gpSeq.peek()) + " cpuqs");
            }
            rdp.cpuNoQs.set(false);
        }
        // non-preemptible RCU: any quiescent state also answers an expedited request
        if (!s.config.preemptible() && rdp.cpuNoQsExp.get()) {
            exp.reportExpRdp(k, rdp);
        }
    }

    /** rcu_check_quiescent_state(): catch up with the grace period, then report if one was seen. */
    void checkQuiescentState(Kernel k, RcuData rdp) {
        noteGpChanges(k, rdp);
        if (!rdp.coreNeedsQs.get() || rdp.cpuNoQs.get()) {
            return;
        }
        reportQsRdp(k, rdp);
    }

    /** rcu_pending(): does the RCU core have work on this CPU? */
    boolean pending(Kernel k, RcuData rdp, boolean user) {
        boolean gpInProgress = gpInProgress(k);
        if (rdp.coreNeedsQs.get() && !rdp.cpuNoQs.get() && gpInProgress) {
            return true;
        }
        if (!rdp.offloaded) {
            RcuSegcblist cbl = rdp.cblist();
            if (cbl.readyCbs()) {
                return true;
            }
            if (!gpInProgress && cbl.isEnabled() && !cbl.restempty(RcuSegcblist.NEXT_READY)) {
                return true;
            }
        }
        return RcuSeq.current(rdp.mynode.gpSeqReadOnce()) != rdp.gpSeq.get() || rdp.gpwrap.get();
    }
}
