package rcusim.rcu;

import rcusim.kernel.Completion;
import rcusim.kernel.CpuhpGroup;
import rcusim.kernel.Kernel;
import rcusim.kernel.KernelHooks;
import rcusim.kernel.Simulation;
import rcusim.machine.SimFailure;
import rcusim.kernel.Softirq;
import rcusim.kernel.Task;

/**
 * Tree RCU on the simulated kernel: the API simulated code calls (rcu_read_lock/unlock,
 * synchronize_rcu, call_rcu, the polled grace-period API, rcu_barrier), the kernel's hooks into RCU (context switch, tick,
 * cond_resched), RCU_SOFTIRQ (rcu_core), the hotplug steps and the GP kthread. Install it on
 * a machine with a kernel environment before the run.
 */
public final class TreeRcu implements KernelHooks {
    final RcuState s;
    final NodeLocks locks;
    final RcuCore core;
    final RcuFqs fqs;
    final PreemptRcu preempt;
    final RcuCallbacks callbacks;
    final RcuStall stall;
    final RcuExp exp;
    final RcuPoll poll;
    final RcuBarrier barrier;
    final RcuNocb nocb;
    private KernelHooks next;

    private TreeRcu(Kernel k, RcuConfig config, KernelHooks next) {
        this.s = new RcuState(k, config);
        this.locks = new NodeLocks(config);
        this.exp = new RcuExp(k, s, locks);
        this.core = new RcuCore(s, locks, exp);
        this.fqs = new RcuFqs(s, locks, core);
        this.preempt = new PreemptRcu(s, locks, core, exp);
        this.callbacks = new RcuCallbacks(s, locks, core);
        this.stall = new RcuStall(s);
        this.poll = new RcuPoll(s, locks, core, exp);
        this.barrier = new RcuBarrier(s);
        this.nocb = new RcuNocb(k, s, locks, core, callbacks);
        s.nocb = nocb;
        this.next = next;
    }

    /**
     * Sets up Tree RCU on m: every CPU online and known to its leaf, callback lists enabled,
     * the GP kthread (rcu_preempt or rcu_sched) runnable at boot on CPU 0's runqueue, unbound.
     */
    public static TreeRcu install(Simulation m, RcuConfig config) {
        return install(m, config, KernelHooks.NONE);
    }

    /** As {@link #install(Simulation, RcuConfig)}, passing the hooks on to next as well (a workload's). */
    public static TreeRcu install(Simulation m, RcuConfig config, KernelHooks next) {
        Kernel k = m.kernel();
        if (k.hz() == 0) {
            throw new IllegalArgumentException("Tree RCU needs a kernel environment with a tick (hz > 0)");
        }
        config.validate(k.nrCpus());
        TreeRcu rcu = new TreeRcu(k, config, next);
        RcuState s = rcu.s;
        for (RcuData rdp : s.rda) {
            RcuNode leaf = rdp.mynode;
            // qsmaskinitnext starts with every CPU in memory (RcuState places it so)
            leaf.setExpmaskinitnext(leaf.expmaskinitnextPeek() | rdp.grpmask);
            rdp.cblistPeek().enable();
            rdp.cblistPeek().setOffloaded(rdp.offloaded);
            rdp.beenOnline = true;
            rdp.cpuStarted = true;
        }
        m.setHooks(rcu);
        k.lockdepWrapper(NodeLocks.class.getName());
        k.openSoftirq(Softirq.RCU, rcu::rcuCore);
        RcuHotplug hp = new RcuHotplug(s, rcu.locks, rcu.core, rcu.preempt, rcu.exp);
        k.cpuhpSetup("rcutree:prepare", CpuhpGroup.PREPARE, hp::prepareCpu, hp::migrateCallbacks);
        k.cpuhpSetup("rcutree:starting", CpuhpGroup.STARTING, hp::reportCpuStarting, null);
        k.cpuhpSetup("rcutree:dead", CpuhpGroup.IDLE_DEAD, null, hp::reportCpuDead);
        RcuGpKthread gp = new RcuGpKthread(s, rcu.locks, rcu.core, rcu.fqs);
        s.gpKthread = m.spawnKthread(0, s.name, false, gp::run);
        rcu.nocb.spawnKthreads(m);
        return rcu;
    }

    /** Hooks called after RCU's own (a workload's checker), before the run. */
    public void setNext(KernelHooks hooks) {
        this.next = hooks;
    }

    public RcuConfig config() {
        return s.config;
    }

    /** Grace periods completed so far, read by simulated code (rcutorture). */
    public long gpsCompleted(Kernel k) {
        return s.gpsCompleted(k);
    }

    /** Grace periods completed, for code outside the run (a benchmark, once it ended). */
    public long gpsCompletedAfterRun() {
        return s.gpsCompletedAfterRun();
    }

    /** Expedited grace periods completed so far (rcu_state.expedited_sequence's counter). */
    public long expeditedCompleted(Kernel k) {
        return exp.completedPeek(k);
    }

    /** "rcu_preempt" or "rcu_sched". */
    public String flavor() {
        return s.name;
    }

    // ---------------------------------------------------------------- readers

    /** rcu_read_lock(): a nesting count (preemptible) or preempt_disable(). */
    public void readLock(Kernel k) {
        if (s.config.preemptible()) {
            preempt.readLock(k);
        } else {
            k.preemptDisable();
        }
        k.barrier();
    }

    public void readUnlock(Kernel k) {
        k.barrier();
        if (s.config.preemptible()) {
            preempt.readUnlock(k);
        } else {
            if ((k.preemptCount() & 0xff) == 0) {
                throw new SimFailure(SimFailure.Kind.RCU, unlockImbalance(k.current()) + " (preempt_count "
                        + Integer.toHexString(k.preemptCount()) + ")");
            }
            k.preemptEnable();
        }
    }

    /** What lockdep prints for an rcu_read_unlock() with no reader to end (rcu_lock_map's release). */
    static String unlockImbalance(Task t) {
        return "WARNING: bad unlock balance detected! " + t + " is trying to release lock (rcu_read_lock) at:"
                + " rcu_read_unlock() but there are no more locks to release!";
    }

    /** rcu_read_lock_held() as lockdep sees it: in a reader, or preemption/irqs off (non-preemptible RCU). */
    public boolean readLockHeld(Kernel k) {
        if (s.config.preemptible()) {
            return k.current().rcu.readLockNesting.get() > 0;
        }
        return k.preemptCount() != 0 || k.irqsDisabled();
    }

    // ---------------------------------------------------------------- updaters

    /** call_rcu(): func runs in softirq context after a grace period (in the CPU's rcuo kthread when offloaded). */
    public void callRcu(Kernel k, RcuHead head, RcuCallback func) {
        callbacks.callRcu(k, head, func);
    }

    /** synchronize_rcu(): returns after a full grace period. */
    public void synchronizeRcu(Kernel k) {
        // a non-preemptible reader is a preempt-disabled region: might_sleep() below reports it
        if (s.config.preemptible() && k.current().rcu.readLockNesting.get() > 0) {
            throw new SimFailure(SimFailure.Kind.RCU, "WARNING: suspicious RCU usage: Illegal synchronize_rcu() in RCU"
                    + " read-side critical section! (" + k.current() + ", rcu_read_lock_nesting "
                    + k.current().rcu.readLockNesting.get() + ")");
        }
        k.mightSleep("synchronize_rcu");
        // No vacuous grace period with one CPU online: since v6.1 rcu_blocking_is_gp() is true only
        // before the scheduler starts. The older rule (non-preemptible RCU, one CPU online) left
        // the polled counter behind, so a cookie taken before such a synchronize_rcu() could
        // still poll "not done" after it (cond_synchronize_rcu() failed rcutorture's check 2
        // once hotplug left one CPU online).
        if (s.config.injected(RcuFault.SYNC_RETURNS_AT_ONCE)) {
            k.smpMb();
            return;
        }
        Completion done = new Completion("synchronize_rcu");
        RcuHead head = new RcuHead("wakeme_after_rcu");
        callbacks.callRcu(k, head, kk -> done.complete(kk));
        done.waitForCompletion(k);
    }

    /**
     * synchronize_rcu_expedited(): a full grace period, driven by IPIs instead of waiting for
     * CPUs to pass quiescent states on their own (RcuExp).
     */
    public void synchronizeRcuExpedited(Kernel k) {
        exp.synchronizeRcuExpedited(k);
    }

    // ---------------------------------------------------------------- polled grace periods, rcu_barrier

    /**
     * get_state_synchronize_rcu(): a cookie for the first grace period to start after this call
     * (full barrier, then rcu_seq_snap() of rcu_state.gp_seq); nothing is requested.
     */
    public long getStateSynchronizeRcu(Kernel k) {
        return poll.getState(k);
    }

    /** start_poll_synchronize_rcu(): the cookie, with that grace period requested. Irqs must be enabled. */
    public long startPollSynchronizeRcu(Kernel k) {
        return poll.startPoll(k);
    }

    /** poll_state_synchronize_rcu(): has the cookie's grace period ended? A full barrier when it has. */
    public boolean pollStateSynchronizeRcu(Kernel k, long cookie) {
        return poll.pollState(k, cookie);
    }

    /** cond_synchronize_rcu(): synchronize_rcu() unless the cookie's grace period has already ended. */
    public void condSynchronizeRcu(Kernel k, long cookie) {
        if (!poll.pollState(k, cookie)) {
            synchronizeRcu(k);
        }
    }

    /** get_completed_synchronize_rcu(): a cookie that always polls as done. */
    public long getCompletedSynchronizeRcu() {
        return RcuPoll.GET_STATE_COMPLETED;
    }

    /** get_state_synchronize_rcu_full(): a cookie with a normal and an expedited half. */
    public RcuGpOldstate getStateSynchronizeRcuFull(Kernel k) {
        return poll.getStateFull(k);
    }

    /** start_poll_synchronize_rcu_full(). */
    public RcuGpOldstate startPollSynchronizeRcuFull(Kernel k) {
        return poll.startPollFull(k);
    }

    /** poll_state_synchronize_rcu_full(): the root rcu_node's gp_seq or expedited_sequence has passed the cookie. */
    public boolean pollStateSynchronizeRcuFull(Kernel k, RcuGpOldstate cookie) {
        return poll.pollStateFull(k, cookie);
    }

    /** cond_synchronize_rcu_full(). */
    public void condSynchronizeRcuFull(Kernel k, RcuGpOldstate cookie) {
        if (!poll.pollStateFull(k, cookie)) {
            synchronizeRcu(k);
        }
    }

    /** rcu_barrier(): returns once every callback queued by call_rcu() before the call has been invoked. */
    public void rcuBarrier(Kernel k) {
        barrier.rcuBarrier(k);
    }

    // ---------------------------------------------------------------- hooks

    @Override
    public void noteContextSwitch(Kernel k, boolean preempted) {
        if (s.config.preemptible()) {
            preempt.noteContextSwitch(k, preempted);
        } else {
            core.qs(k);
        }
        next.noteContextSwitch(k, preempted);
    }

    /** rcu_sched_clock_irq(). */
    @Override
    public void schedClockIrq(Kernel k, boolean user) {
        k.lockdepAssertIrqsDisabled();
        RcuData rdp = s.rda[k.smpProcessorId()];
        rdp.ticksThisGp.set(rdp.ticksThisGp.get() + 1);
        if (k.smpLoadAcquire(rdp.urgentQs) != 0) {
            if (!user && !k.interruptedIdle()) {
                k.setNeedResched();
            }
            k.writeOnce(rdp.urgentQs, 0);
        }
        flavorSchedClockIrq(k, user);
        if (pendingWithStallCheck(k, rdp, user)) {
            k.raiseSoftirq(Softirq.RCU);
        }
        next.schedClockIrq(k, user);
    }

    private boolean pendingWithStallCheck(Kernel k, RcuData rdp, boolean user) {
        stall.checkCpuStall(k, rdp, core);
        return core.pending(k, rdp, user);
    }

    /** rcu_flavor_sched_clock_irq(): may the tick count as a quiescent state? */
    private void flavorSchedClockIrq(Kernel k, boolean user) {
        boolean injected = s.config.injected(RcuFault.QS_IN_READER);
        if (!s.config.preemptible()) {
            // a tick from user mode, from idle, or from code that is not inside a
            // preempt-disabled region (so not in a reader) is a quiescent state
            if (user || k.interruptedIdle() || k.preemptCount() == 0x10000 || injected) {
                core.qs(k);
            }
            return;
        }
        Task t = k.current();
        int pc = k.preemptCount() & 0xffff;
        if (injected && t.rcu.readLockNesting.get() > 0) {
            core.qs(k);
            return;
        }
        if (t.rcu.readLockNesting.get() > 0 || pc != 0) {
            if (preempt.needDeferredQs(k)) {
                k.setNeedResched();
            }
        } else if (preempt.needDeferredQs(k)) {
            preempt.deferredQs(k);
            return;
        } else {
            core.qs(k);
            return;
        }
        RcuData rdp = s.rda[k.smpProcessorId()];
        if (t.rcu.readLockNesting.get() > 0 && rdp.coreNeedsQs.get() && rdp.cpuNoQs.get()
                && (t.rcu.readUnlockSpecial.get() & PreemptRcu.SPECIAL_NEED_QS) == 0 && k.jiffies() - (s.gpStart(k) + k.hz()) > 0) {
            t.rcu.readUnlockSpecial.orBits(PreemptRcu.SPECIAL_NEED_QS);
        }
    }

    /** cond_resched(): rcu_all_qs() for non-preemptible RCU. */
    /**
     * sched_cpu_deactivate()'s synchronize_rcu(). It also closes a hole in our hotplug: a CPU that
     * came online after the last grace period's ONOFF pass is not yet in its leaf's qsmaskinit; if it
     * went down again before the next ONOFF pass, a reader preempted on it (alone in its leaf) was
     * never seen by that pass, and the next grace period ended without it. Waiting for a grace
     * period here lets one ONOFF pass see the CPU online first.
     */
    @Override
    public void cpuDeactivate(Kernel k, int cpu) {
        synchronizeRcu(k);
        next.cpuDeactivate(k, cpu);
    }

    @Override
    public void condResched(Kernel k) {
        if (!s.config.preemptible()) {
            RcuData rdp = s.rda[k.smpProcessorId()];
            if (k.readOnce(rdp.urgentQs) != 0 || k.readOnce(rdp.needHeavyQs) != 0) {
                k.writeOnce(rdp.urgentQs, 0);
                k.writeOnce(rdp.needHeavyQs, 0);
            }
            k.preemptDisable();
            core.qs(k);
            k.preemptEnableNoResched();
        }
        next.condResched(k);
    }

    /** rcu_needs_cpu(): a CPU with callbacks keeps its tick while idle; offloaded ones are rcuo's business. */
    @Override
    public boolean needsTick(int cpu) {
        RcuData rdp = s.rda[cpu];
        return (!rdp.offloaded && !rdp.cblistPeek().empty()) || next.needsTick(cpu);
    }

    @Override
    public void eqsEnter(Kernel k, boolean user) {
        next.eqsEnter(k, user);
    }

    @Override
    public void eqsExit(Kernel k, boolean user) {
        next.eqsExit(k, user);
    }

    /** rcu_core(): RCU_SOFTIRQ. */
    private void rcuCore(Kernel k) {
        int cpu = k.smpProcessorId();
        if (!k.cpuOnline(cpu)) {
            return;
        }
        RcuData rdp = s.rda[cpu];
        if (s.config.preemptible()) {
            if ((k.preemptCount() & 0xff) == 0) {
                preempt.deferredQs(k);
            } else if (preempt.needDeferredQs(k)) {
                k.setNeedResched();
            }
        } else if ((k.preemptCount() & 0xff) == 0) {
            exp.deferredQsNonPreempt(k);
        }
        core.checkQuiescentState(k, rdp);
        // an offloaded CPU's callbacks are rcuog's and rcuo's, under nocb_lock
        if (!core.gpInProgress(k) && !rdp.offloaded && rdp.cblist().isEnabled()) {
            long flags = k.localIrqSave();
            if (!rdp.cblist().restempty(RcuSegcblist.NEXT_READY)) {
                callbacks.accelerateUnlocked(k, rdp);
            }
            k.localIrqRestore(flags);
        }
        if (!rdp.offloaded && rdp.cblist().readyCbs()) {
            callbacks.doBatch(k, rdp);
        }
    }
}
