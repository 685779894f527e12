package rcusim.rcu;

import rcusim.kernel.Kernel;

/**
 * Tree RCU's CPU hotplug steps ({@code kernel/rcu/tree.c}): rcutree_prepare_cpu() on the control
 * CPU, rcutree_report_cpu_starting() on the incoming CPU with irqs off, rcutree_report_cpu_dead()
 * on the dying CPU as it stops, and rcutree_migrate_callbacks() on the control CPU after it
 * died. ofl_lock makes "the outgoing CPU reports its own quiescent state" and "the INIT pass
 * reports it" exclusive.
 */
final class RcuHotplug {
    private final RcuState s;
    private final NodeLocks locks;
    private final RcuCore core;
    private final PreemptRcu preempt;
    private final RcuExp exp;
    /** Stateless (rcu_barrier()'s state is in rcu_state): for rcu_barrier_entrain() at migration. */
    private final RcuBarrier barrier;

    RcuHotplug(RcuState s, NodeLocks locks, RcuCore core, PreemptRcu preempt, RcuExp exp) {
        this.s = s;
        this.locks = locks;
        this.core = core;
        this.preempt = preempt;
        this.exp = exp;
        this.barrier = new RcuBarrier(s);
    }

    /** rcutree_prepare_cpu(). */
    void prepareCpu(Kernel k, int cpu) {
        k.label("rcutree_prepare_cpu");
        RcuData rdp = s.rda[cpu];
        k.writeOnce(rdp.urgentQs, 0);
        k.writeOnce(rdp.needHeavyQs, 0);
        // an offloaded CPU's list is never migrated, so never disabled: nothing to re-enable
        RcuSegcblist cbl = rdp.offloaded ? null : rdp.cblist();
        if (cbl != null && cbl.empty()) {
            cbl.init();
            cbl.enable();
        }
        RcuNode rnp = rdp.mynode;
        long flags = locks.lockIrqsave(k, rnp);
        long gpSeq = rnp.gpSeqReadOnce(); // READ_ONCE() under the lock, as the kernel reads it here
        rdp.gpSeq.set(gpSeq);
        rdp.gpSeqNeeded.set(gpSeq);
        rdp.cpuNoQs.set(true);
        rdp.coreNeedsQs.set(false);
        locks.unlockIrqrestore(k, rnp, flags);
    }

    /** rcutree_report_cpu_starting(): on the incoming CPU, irqs off, before any reader. */
    void reportCpuStarting(Kernel k, int cpu) {
        k.lockdepAssertIrqsDisabled();
        RcuData rdp = s.rda[cpu];
        if (rdp.cpuStarted) {
            return;
        }
        rdp.cpuStarted = true;
        k.label("rcutree_report_cpu_starting");
        RcuNode rnp = rdp.mynode;
        long mask = rdp.grpmask;
        k.rawSpinLock(s.oflLock);
        // barrier_lock: rcu_barrier() entrains itself on the lists of CPUs offline for RCU
        k.rawSpinLock(s.barrierLock);
        locks.lock(k, rnp);
        rnp.setQsmaskinitnext(rnp.qsmaskinitnext() | mask);
        if (rdp.oflOnoffPass == s.leafOnoffPasses[rnp.index]) {
            // its leaf's qsmaskinit never saw it go: the ONOFF pass will find nothing to do
            k.coverage(RcuCoverage.DOWN_UP_BETWEEN_ONOFF);
        }
        exp.cpuStarting(k, rnp, mask);
        k.rawSpinUnlock(s.barrierLock);
        rdp.onlGpSeq = k.readOnce(s.gpSeqAddr);
        // an incoming CPU never blocks a grace period: the kernel WARNs (and reports it)
        k.warnOnOnce((rnp.qsmask() & mask) != 0, "incoming CPU " + cpu + " blocks a grace period");
        locks.unlock(k, rnp);
        k.rawSpinUnlock(s.oflLock);
        rdp.beenOnline = true;
        k.smpMb();
    }

    /** rcutree_report_cpu_dead(): on the dying CPU, irqs off, after it left cpu_online_mask. */
    void reportCpuDead(Kernel k, int cpu) {
        RcuData rdp = s.rda[cpu];
        if (!rdp.beenOnline) {
            return;
        }
        // also settles a half-done expedited request of this CPU
        if (s.config.preemptible()) {
            preempt.deferredQs(k);
        } else {
            exp.deferredQsNonPreempt(k);
        }
        k.label("rcutree_report_cpu_dead");
        RcuNode rnp = rdp.mynode;
        long mask = rdp.grpmask;
        // the fault's lockless look at qsmask, not repeated under the locks
        boolean owedUnlocked = s.config.injected(RcuFault.CPU_DEAD_CHECK_BEFORE_LOCK)
                && (rnp.qsmaskReadOnce() & mask) != 0;
        k.rawSpinLock(s.oflLock);
        long flags = locks.lockIrqsave(k, rnp);
        rdp.oflGpSeq = k.readOnce(s.gpSeqAddr);
        int gpState = s.gpState(k);
        if (gpState == RcuState.GP_ONOFF || gpState == RcuState.GP_INIT) {
            k.coverage(RcuCoverage.OFFLINE_DURING_GP_INIT);
        }
        boolean owes = (rnp.qsmask() & mask) != 0;
        if (owes) {
            k.coverage(RcuCoverage.DYING_CPU_REPORTED_QS);
        }
        boolean owed = s.config.injected(RcuFault.CPU_DEAD_CHECK_BEFORE_LOCK) ? owedUnlocked : owes;
        if (owed && !s.config.injected(RcuFault.HOTPLUG_CLEAR_BEFORE_REPORT)) {
            // report the quiescent state before clearing qsmaskinitnext
            core.reportQsRnp(k, mask, rnp, rnp.gpSeq(), flags);
            flags = locks.lockIrqsave(k, rnp);
        }
        rnp.setQsmaskinitnext(rnp.qsmaskinitnext() & ~mask);
        rdp.oflOnoffPass = s.leafOnoffPasses[rnp.index];
        locks.unlockIrqrestore(k, rnp, flags);
        k.rawSpinUnlock(s.oflLock);
        rdp.cpuStarted = false;
        k.label("rcutree_report_cpu_dead_done");
    }

    /**
     * rcutree_migrate_callbacks(): the dead CPU's callbacks move to the control CPU's list,
     * both advanced against the control CPU's leaf, segment by segment. Under barrier_lock: a
     * running rcu_barrier() that has not reached this CPU yet gets its callback entrained first,
     * so it still waits for the callbacks that move.
     */
    void migrateCallbacks(Kernel k, int cpu) {
        RcuData rdp = s.rda[cpu];
        if (rdp.offloaded) {
            // its rcuo kthread, not bound to the dead CPU, keeps invoking them (rcu_barrier()
            // entrains on its list itself, as on any CPU offline for RCU with callbacks)
            return;
        }
        long flags = k.rawSpinLockIrqsave(s.barrierLock);
        if (rdp.cblist().empty()) {
            k.rawSpinUnlockIrqrestore(s.barrierLock, flags);
            return;
        }
        k.coverage(RcuCoverage.MIGRATED_CALLBACKS);
        k.label("rcutree_migrate_callbacks");
        k.warnOnOnce(RcuBarrier.rdpCpuOnline(rdp), "rcutree_migrate_callbacks: CPU " + cpu + " is online");
        if (!s.config.injected(RcuFault.BARRIER_SKIPS_OFFLINE)) {
            barrier.entrain(k, rdp);
        }
        RcuData my = s.rda[k.smpProcessorId()];
        RcuNocb.lock(k, my); // irqs already off
        if (my.offloaded) {
            k.coverage(RcuCoverage.MIGRATED_TO_OFFLOADED);
        }
        RcuNode myRnp = my.mynode;
        locks.lock(k, myRnp);
        boolean needwake = core.advanceCbs(k, myRnp, rdp);
        needwake = core.advanceCbs(k, myRnp, my) || needwake;
        my.cblist().merge(rdp.cblist());
        k.rawSpinUnlock(s.barrierLock); // irqs stay disabled
        needwake = core.advanceCbs(k, myRnp, my) || needwake;
        rdp.cblist().disable();
        locks.unlock(k, myRnp);
        RcuNocb.unlockIrqrestore(k, my, flags);
        if (my.offloaded) {
            s.nocb.wakeNocbGp(k, my);
        }
        if (needwake) {
            core.gpKthreadWake(k);
        }
    }
}
