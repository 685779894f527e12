package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.kernel.TaskState;

/**
 * The grace-period kthread (rcu_gp_kthread): waits for a request, starts a grace period
 * (rcu_gp_init), forces quiescent states until the tree is quiescent (rcu_gp_fqs_loop), and
 * ends it (rcu_gp_cleanup). Only this kthread moves rcu_state.gp_seq.
 */
final class RcuGpKthread {
    private final RcuState s;
    private final NodeLocks locks;
    private final RcuCore core;
    private final RcuFqs fqs;
    /** The fqs-stale-snapshot fault: whether a grace period has already had its first scan. */
    private boolean firstScanDone;

    RcuGpKthread(RcuState s, NodeLocks locks, RcuCore core, RcuFqs fqs) {
        this.s = s;
        this.locks = locks;
        this.core = core;
        this.fqs = fqs;
    }

    void run(Kernel k) {
        while (!k.kthreadShouldStop()) {
            for (;;) {
                s.setGpState(k, RcuState.GP_WAIT_GPS);
                s.gpWq.waitEventInterruptible(k, () -> (k.readOnce(s.gpFlagsAddr) & RcuState.GP_FLAG_INIT) != 0);
                s.setGpState(k, RcuState.GP_DONE_GPS);
                if (gpInit(k)) {
                    break;
                }
                k.condResched();
            }
            fqsLoop(k);
            s.setGpState(k, RcuState.GP_CLEANUP);
            gpCleanup(k);
            s.setGpState(k, RcuState.GP_CLEANED);
        }
    }

    /** rcu_gp_init(): false when the wake-up was spurious. */
    private boolean gpInit(Kernel k) {
        RcuNode root = s.root();
        k.label("rcu_gp_init");
        s.touchGpActivity(k);
        k.rawSpinLockIrq(root.lock);
        locks.afterUnlockLock(k);
        if (k.readOnce(s.gpFlagsAddr) == 0) {
            k.rawSpinUnlockIrq(root.lock);
            return false;
        }
        k.writeOnce(s.gpFlagsAddr, 0);
        if (k.warnOnOnce(core.gpInProgress(k), "rcu_gp_init with a grace period in progress")) {
            k.rawSpinUnlockIrq(root.lock);
            return false;
        }
        s.gpStarted(k, k.jiffies());
        // rcu_seq_start(): before the hotplug pass, so that a CPU coming online after it is
        // not waited for, and one going offline is caught by the INIT pass
        s.checkGpSeqWrite(k);
        long started = RcuSeq.start(k.readOnce(s.gpSeqAddr));
        k.writeOnce(s.gpSeqAddr, started);
        k.smpMb();
        // only this kthread writes gp_seq: the value stored is the value the kernel re-reads
        checkSeqStarted(k, started, "gp_seq");
        pollGpSeqStart(k);
        if (k.tracing()) {
            k.traceEvent("rcu_grace_period", s.name + " " + Long.toUnsignedString(k.machineMemoryPeek(s.gpSeqAddr)) + " start");
        }
        k.rawSpinUnlockIrq(root.lock);

        // the ONOFF pass: apply CPU hotplug changes to qsmaskinit, leaves first
        s.setGpState(k, RcuState.GP_ONOFF);
        k.label("rcu_gp_onoff");
        for (RcuNode rnp : s.leaves()) {
            k.localIrqDisable();
            k.rawSpinLock(s.oflLock);
            locks.lock(k, rnp);
            s.leafOnoffPasses[rnp.index]++;
            if (rnp.qsmaskinit() == rnp.qsmaskinitnext() && !rnp.waitBlkdTasks()) {
                locks.unlock(k, rnp);
                k.rawSpinUnlock(s.oflLock);
                k.localIrqEnable();
                continue;
            }
            long oldmask = rnp.qsmaskinit();
            rnp.setQsmaskinit(rnp.qsmaskinitnext());
            if ((oldmask == 0) != (rnp.qsmaskinit() == 0)) {
                if (oldmask == 0) {
                    if (!rnp.waitBlkdTasks()) { // otherwise its bit never left the parents
                        initNewRnp(k, rnp);
                    }
                } else if (rnp.hasTasks() && !s.config.injected(RcuFault.EMPTIED_LEAF_FORGETS_TASKS)) {
                    rnp.setWaitBlkdTasks(true);
                    k.coverage(RcuCoverage.EMPTIED_LEAF_BLOCKED_TASKS);
                } else {
                    cleanupDeadRnp(k, rnp);
                }
            }
            if (rnp.waitBlkdTasks() && (!rnp.hasTasks() || rnp.qsmaskinit() != 0)) {
                rnp.setWaitBlkdTasks(false);
                if (rnp.qsmaskinit() == 0) {
                    k.coverage(RcuCoverage.EMPTIED_LEAF_TASKS_LEFT);
                    cleanupDeadRnp(k, rnp);
                }
            }
            locks.unlock(k, rnp);
            k.rawSpinUnlock(s.oflLock);
            k.localIrqEnable();
        }
        gpSlow(k, s.config.gpDelays().preinit(), RcuCoverage.GP_PREINIT_DELAY); // races with CPU hotplug

        // the INIT pass, breadth first: each node gets this GP's qsmask and gp_seq
        s.setGpState(k, RcuState.GP_INIT);
        k.label("rcu_gp_init_pass");
        long gpSeq = k.readOnce(s.gpSeqAddr);
        for (RcuNode rnp : s.node) {
            gpSlow(k, s.config.gpDelays().init(), RcuCoverage.GP_INIT_DELAY);
            long flags = locks.lockIrqsave(k, rnp);
            RcuData rdp = s.rda[k.smpProcessorId()];
            checkBlockedTasks(k, rnp);
            boolean waitBlkd = rnp.waitBlkdTasks() && !s.config.injected(RcuFault.INIT_IGNORES_WAIT_BLKD_TASKS);
            if (rnp.hasTasks() && (rnp.qsmaskinit() != 0 || waitBlkd)) {
                rnp.setGpTasks(rnp.blkdTasks.get(0));
                if (rnp.qsmaskinit() == 0) {
                    k.coverage(RcuCoverage.INIT_WAITS_EMPTIED_LEAF);
                }
            }
            rnp.setQsmask(s.config.injected(RcuFault.INIT_QSMASK_ZERO) ? 0 : rnp.qsmaskinit());
            rnp.setGpSeq(gpSeq);
            if (rnp == rdp.mynode) {
                core.noteGpChangesLocked(k, rnp, rdp);
            }
            long mask = rnp.qsmask() & ~rnp.qsmaskinitnext();
            rnp.gpInitMask = mask;
            if ((mask != 0 || rnp.waitBlkdTasks()) && rnp.isLeaf(s)) {
                // CPUs that went offline after the ONOFF pass: they owe nothing
                if (mask != 0) {
                    k.coverage(RcuCoverage.INIT_REPORTED_OFFLINE);
                }
                core.reportQsRnp(k, mask, rnp, rnp.gpSeq(), flags);
            } else {
                locks.unlockIrqrestore(k, rnp, flags);
            }
            k.condResched();
        }
        k.label("rcu_gp_init_done");
        return true;
    }

    /**
     * rcu_preempt_check_blocked_tasks()'s checks, in the INIT pass with rnp locked: the last grace
     * period left no reader blocking it and no bit in qsmask here. (gp_seq's ownership rule already
     * demands the same of every node when rcu_seq_start() writes it; this catches a node broken
     * during the ONOFF pass.)
     */
    static void checkBlockedTasks(Kernel k, RcuNode rnp) {
        k.lockdepAssertHeld(rnp.lock);
        if (rnp.blockedReadersCgp()) {
            k.warnOnOnce(true, "rcu_preempt_check_blocked_tasks(): rcu_preempt_blocked_readers_cgp(" + rnp + ")");
        }
        long qsmask = rnp.qsmask();
        if (qsmask != 0) {
            k.warnOnOnce(true, "rcu_preempt_check_blocked_tasks(): " + rnp + "->qsmask " + Long.toHexString(qsmask));
        }
    }

    /** rcu_seq_start()'s check: the counter just started must be in state 1 (it was idle before). */
    static void checkSeqStarted(Kernel k, long started, String counter) {
        if (RcuSeq.state(started) != 1) {
            k.warnOnOnce(true, "rcu_seq_start(): rcu_seq_state(" + counter + ") != 1: " + RcuSeq.format(started));
        }
    }

    /** rcu_seq_end()'s check: only a counter in progress can end. */
    static void checkSeqEnding(Kernel k, long ending, String counter) {
        if (RcuSeq.state(ending) == 0) {
            k.warnOnOnce(true, "rcu_seq_end(): !rcu_seq_state(" + counter + "): " + RcuSeq.format(ending));
        }
    }

    /**
     * rcu_gp_slow(): the kernel's window widener. In the grace periods whose counter rcu_gp_slow()'s
     * period divides ({@link RcuGpDelays#acts}) the kthread sleeps delay jiffies, uninterruptibly
     * and not counted as load (schedule_timeout_idle()).
     */
    private void gpSlow(Kernel k, int delay, RcuCoverage event) {
        if (delay <= 0 || !RcuGpDelays.acts(k.readOnce(s.gpSeqAddr), s.node.length, delay)) {
            return;
        }
        k.coverage(event);
        k.setCurrentState(TaskState.UNINTERRUPTIBLE);
        k.scheduleTimeout(delay);
    }

    /** rcu_init_new_rnp(): a leaf gained its first online CPU: set its bit up the tree. */
    void initNewRnp(Kernel k, RcuNode leaf) {
        k.lockdepAssertHeld(leaf.lock);
        k.warnOnOnce(leaf.waitBlkdTasks(), "rcu_init_new_rnp(): " + leaf + "->wait_blkd_tasks");
        long mask = leaf.grpmask;
        for (RcuNode rnp = leaf.parent; rnp != null; rnp = rnp.parent) {
            locks.lock(k, rnp);
            long old = rnp.qsmaskinit();
            rnp.setQsmaskinit(old | mask);
            locks.unlock(k, rnp);
            if (old != 0) {
                return;
            }
            mask = rnp.grpmask;
        }
    }

    /** rcu_cleanup_dead_rnp(): a leaf lost its last online CPU: clear its bit up the tree. */
    void cleanupDeadRnp(Kernel k, RcuNode leaf) {
        k.lockdepAssertHeld(leaf.lock);
        if (k.warnOnOnce(leaf.qsmaskinit() != 0, "rcu_cleanup_dead_rnp(): " + leaf + "->qsmaskinit "
                + Long.toHexString(leaf.qsmaskinit()))
                || k.warnOnOnce(leaf.hasTasks(), "rcu_cleanup_dead_rnp(): rcu_preempt_has_tasks(" + leaf + ")")) {
            return;
        }
        if (leaf.parent != null) {
            k.coverage(RcuCoverage.EMPTIED_LEAF_CLEANED);
        }
        long mask = leaf.grpmask;
        for (RcuNode rnp = leaf.parent; rnp != null; rnp = rnp.parent) {
            locks.lock(k, rnp);
            rnp.setQsmaskinit(rnp.qsmaskinit() & ~mask);
            // between grace periods: the INIT pass has not set this node's qsmask yet
            long qsmask = rnp.qsmask();
            k.warnOnOnce(qsmask != 0, "rcu_cleanup_dead_rnp(): " + rnp + "->qsmask " + Long.toHexString(qsmask));
            boolean more = rnp.qsmaskinit() == 0;
            locks.unlock(k, rnp);
            if (!more) {
                return;
            }
            mask = rnp.grpmask;
        }
    }

    /** rcu_gp_fqs_check_wake(): a forced scan was asked for, or the tree is quiescent. */
    private boolean fqsCheckWake(Kernel k) {
        RcuNode root = s.root();
        return (k.readOnce(s.gpFlagsAddr) & RcuState.GP_FLAG_FQS) != 0
                || (root.qsmaskReadOnce() == 0 && !root.blockedReadersCgp());
    }

    /** rcu_gp_fqs_loop(). */
    private void fqsLoop(Kernel k) {
        // the fault takes snapshots in the first grace period only
        boolean firstGpFqs = !(s.config.injected(RcuFault.FQS_STALE_SNAPSHOT) && firstScanDone);
        long j = s.jiffiesTillFirstFqs;
        RcuNode root = s.root();
        boolean recompute = true;
        for (;;) {
            if (recompute) {
                s.jiffiesForceQs = k.jiffies() + j;
                k.smpWmb();
            }
            s.setGpState(k, RcuState.GP_WAIT_FQS);
            long timeout = j;
            s.gpWq.waitEventTimeout(k, () -> fqsCheckWake(k), Math.max(1, timeout));
            s.setGpState(k, RcuState.GP_DOING_FQS);
            s.touchGpActivity(k);
            if (root.qsmaskReadOnce() == 0 && !root.blockedReadersCgp()) {
                break;
            }
            long now = k.jiffies();
            long gf = k.readOnce(s.gpFlagsAddr);
            if (s.jiffiesForceQs - now <= 0 || (gf & RcuState.GP_FLAG_FQS) != 0) {
                k.label("rcu_gp_fqs");
                fqs.gpFqs(k, firstGpFqs);
                firstGpFqs = false;
                firstScanDone = true;
                j = s.jiffiesTillNextFqs;
                recompute = true;
            } else {
                j = Math.max(1, s.jiffiesForceQs - now);
                recompute = false;
            }
        }
    }

    /**
     * rcu_poll_gp_seq_start(), under the root lock: the polled counter starts with the grace
     * period unless it is already in one (in the kernel, a fast path of synchronize_rcu() may
     * have started it; those are not modelled), and this grace period notes where it stands.
     */
    private void pollGpSeqStart(Kernel k) {
        long polled = k.readOnce(s.gpSeqPolledAddr);
        if (RcuSeq.state(polled) == 0) {
            polled = RcuSeq.start(polled);
            k.writeOnce(s.gpSeqPolledAddr, polled);
            k.smpMb(); // rcu_seq_start()'s
        }
        s.gpSeqPolledSnap = polled;
    }

    /**
     * rcu_poll_gp_seq_end(), under the root lock at the start of cleanup: if the polled counter
     * is still where this grace period started it, end it; either way forget the note.
     */
    private void pollGpSeqEnd(Kernel k) {
        long polled = k.readOnce(s.gpSeqPolledAddr);
        if (s.gpSeqPolledSnap != 0 && s.gpSeqPolledSnap == polled) {
            k.smpMb(); // rcu_seq_end()'s
            k.writeOnce(s.gpSeqPolledAddr, RcuSeq.endval(polled));
        }
        s.gpSeqPolledSnap = 0;
    }

    /** rcu_gp_cleanup(). */
    private void gpCleanup(Kernel k) {
        k.label("rcu_gp_cleanup");
        RcuNode top = s.root();
        k.rawSpinLockIrq(top.lock);
        locks.afterUnlockLock(k);
        pollGpSeqEnd(k);
        k.rawSpinUnlockIrq(top.lock);
        long oldGpSeq = k.readOnce(s.gpSeqAddr);
        checkSeqEnding(k, oldGpSeq, "new_gp_seq"); // rcu_seq_end(&new_gp_seq)
        long newGpSeq = RcuSeq.endval(oldGpSeq);
        boolean needgp = false;
        for (RcuNode rnp : s.node) {
            long flags = locks.lockIrqsave(k, rnp);
            k.warnOnOnce(rnp.blockedReadersCgp(), rnp + " still has readers blocking the grace period at cleanup");
            long qsmask = rnp.qsmask();
            k.warnOnOnce(qsmask != 0, rnp + " qsmask " + Long.toHexString(qsmask) + " at cleanup");
            rnp.setGpSeq(newGpSeq);
            if (rnp == s.root()) {
                k.smpMb();
            }
            RcuData rdp = s.rda[k.smpProcessorId()];
            if (rnp == rdp.mynode) {
                needgp = core.noteGpChangesLocked(k, rnp, rdp) || needgp;
            }
            // rcu_future_gp_cleanup(): does anyone need another grace period?
            boolean needmore = RcuSeq.cmpLt(rnp.gpSeq(), rnp.gpSeqNeeded());
            if (!needmore) {
                rnp.setGpSeqNeeded(rnp.gpSeq());
            }
            needgp = needmore || needgp;
            locks.unlockIrqrestore(k, rnp, flags);
            s.nocb.gpCleanup(k, rnp, newGpSeq);
            k.condResched();
            gpSlow(k, s.config.gpDelays().cleanup(), RcuCoverage.GP_CLEANUP_DELAY);
        }
        RcuNode root = s.root();
        k.rawSpinLockIrq(root.lock);
        locks.afterUnlockLock(k);
        s.checkGpSeqWrite(k);
        k.smpMb();
        long ending = k.readOnce(s.gpSeqAddr);
        checkSeqEnding(k, ending, "gp_seq");
        k.writeOnce(s.gpSeqAddr, RcuSeq.endval(ending));
        if (RcuSeq.crossedWrap(ending, RcuSeq.endval(ending))) {
            k.coverage(RcuCoverage.GP_SEQ_WRAP);
        }
        s.gpCompleted(k);
        k.count("rcu: grace periods completed", 1);
        s.setGpState(k, RcuState.GP_IDLE);
        k.label("rcu_gp_end");
        if (k.tracing()) {
            k.traceEvent("rcu_grace_period", s.name + " " + Long.toUnsignedString(k.machineMemoryPeek(s.gpSeqAddr)) + " end");
        }
        // requests that reached the root after the cleanup pass went by it
        if (!needgp && RcuSeq.cmpLt(root.gpSeq(), root.gpSeqNeeded())) {
            needgp = true;
        }
        if (needgp) {
            k.writeOnce(s.gpFlagsAddr, RcuState.GP_FLAG_INIT);
        } else {
            k.writeOnce(s.gpFlagsAddr, k.readOnce(s.gpFlagsAddr) & RcuState.GP_FLAG_INIT);
        }
        k.rawSpinUnlockIrq(root.lock);
    }
}
