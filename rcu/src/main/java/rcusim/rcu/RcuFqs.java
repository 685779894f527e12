package rcusim.rcu;

import rcusim.kernel.Kernel;

/**
 * Forcing quiescent states (rcu_gp_fqs, force_qs_rnp): the GP kthread scans the leaves for
 * CPUs that still owe a quiescent state and credits those that are, or have been, in an
 * extended quiescent state (idle or user mode) according to their context-tracking counter.
 * CPUs that take too long are urged: rcu_urgent_qs, then rcu_need_heavy_qs, then resched IPIs.
 */
final class RcuFqs {
    private final RcuState s;
    private final NodeLocks locks;
    private final RcuCore core;

    RcuFqs(RcuState s, NodeLocks locks, RcuCore core) {
        this.s = s;
        this.locks = locks;
        this.core = core;
    }

    /** rcu_gp_fqs(). */
    void gpFqs(Kernel k, boolean first) {
        if (k.tracing()) {
            k.traceEvent("rcu_grace_period", s.name + " " + Long.toUnsignedString(k.machineMemoryPeek(s.gpSeqAddr)) + " fqs");
        }
        forceQsRnp(k, first);
        RcuNode root = s.root();
        if ((k.readOnce(s.gpFlagsAddr) & RcuState.GP_FLAG_FQS) != 0) {
            k.rawSpinLockIrq(root.lock);
            locks.afterUnlockLock(k);
            k.writeOnce(s.gpFlagsAddr, k.readOnce(s.gpFlagsAddr) & ~RcuState.GP_FLAG_FQS);
            k.rawSpinUnlockIrq(root.lock);
        }
    }

    private void forceQsRnp(Kernel k, boolean first) {
        for (RcuNode rnp : s.leaves()) {
            k.condResched();
            long flags = locks.lockIrqsave(k, rnp);
            if (rnp.qsmask() == 0) {
                // readers blocking here would be boosted (RCU_BOOST is not modelled)
                locks.unlockIrqrestore(k, rnp, flags);
                continue;
            }
            long mask = 0;
            for (int cpu = rnp.grplo; cpu <= rnp.grphi; cpu++) {
                RcuData rdp = s.rda[cpu];
                if ((rnp.qsmask() & rdp.grpmask) != 0 && (first ? watchingSnapSave(k, rdp) : watchingSnapRecheck(k, rdp))) {
                    mask |= rdp.grpmask;
                }
            }
            if (mask != 0) {
                k.coverage(RcuCoverage.FQS_CREDITED_CPU);
                core.reportQsRnp(k, mask, rnp, rnp.gpSeq(), flags);
            } else {
                locks.unlockIrqrestore(k, rnp, flags);
            }
        }
    }

    private boolean inEqs(long snap) {
        return (snap & 1) == 0 || s.config.injected(RcuFault.EQS_SNAPSHOT_WRONG_PARITY);
    }

    /** rcu_watching_snap_save(): a CPU not watched by RCU right now is quiescent. */
    private boolean watchingSnapSave(Kernel k, RcuData rdp) {
        k.smpMb();
        long snap = k.smpLoadAcquire(k.ctCounterAddr(rdp.cpu));
        rdp.watchingSnap.set(snap);
        return inEqs(snap);
    }

    /**
     * rcu_watching_snap_recheck(): a CPU whose counter moved since the snapshot passed
     * through an extended quiescent state; an offline CPU still owed fails the run with the
     * kernel's warning; a slow one is urged.
     */
    private boolean watchingSnapRecheck(Kernel k, RcuData rdp) {
        long now = k.smpLoadAcquire(k.ctCounterAddr(rdp.cpu));
        if (now != rdp.watchingSnap.get() || inEqs(now)) {
            return true;
        }
        RcuNode rnp = rdp.mynode;
        if ((rnp.qsmaskinitnextReadOnce() & rdp.grpmask) == 0) { // rcu_rdp_cpu_online()
            // an offline CPU reports for itself on the way down, or the INIT pass reports it:
            // one still owing a quiescent state here means one of those paths lost it
            k.warnOnOnce(true, "rcu_watching_snap_recheck(): !rcu_rdp_cpu_online(rdp): CPU " + rdp.cpu
                    + " is offline and " + rnp + "->qsmask " + Long.toHexString(rnp.qsmaskPeek()) + " still waits for it");
            return true;
        }
        long jtsq = Math.max(s.jiffiesTillFirstFqs + 2 * s.jiffiesTillNextFqs, Math.max(1, k.hz() / 10));
        long j = k.jiffies();
        long gpStart = s.gpStart(k);
        long resched = s.jiffiesResched(k);
        if (k.readOnce(rdp.urgentQs) == 0 && j - (gpStart + jtsq) > 0) {
            k.smpStoreRelease(rdp.urgentQs, 1);
            k.coverage(RcuCoverage.URGENT_QS);
        }
        if (j - (gpStart + 2 * jtsq) > 0 || j - resched > 0) {
            k.writeOnce(rdp.needHeavyQs, 1);
        }
        if (j - resched > 0 && rdp.cpu != k.smpProcessorId() && k.cpuOnline(rdp.cpu)) {
            k.reschedCpu(rdp.cpu);
        }
        return false;
    }
}
