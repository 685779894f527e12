package rcusim.rcu;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.SimFailure;
import rcusim.kernel.WaitQueue;

/**
 * NOCB callback offload ({@code kernel/rcu/tree_nocb.h}). The callbacks of
 * the CPUs named by rcu_nocbs= are neither advanced by rcu_core nor invoked in RCU_SOFTIRQ:
 * <ul>
 *   <li>call_rcu() on such a CPU enqueues under the CPU's nocb_lock and, when the list had no
 *       callbacks waiting for a grace period, wakes the group's rcuog kthread;
 *   <li>rcuog/N (one per rcu_nocb_gp_stride block of CPUs) advances and accelerates each
 *       member's callbacks under nocb_lock and the member's leaf lock (which requests grace
 *       periods through the funnel), wakes the rcuo kthreads that have ready callbacks, and
 *       sleeps on its leaf's nocb_gp_wq[] until the earliest grace period it needs has ended
 *       (rcu_gp_cleanup() wakes it), or on its own flag until new callbacks arrive;
 *   <li>rcuo{p,s}/N invokes CPU N's ready callbacks in task context (BH disabled, as the
 *       kernel's nocb_cb_wait() does), never in softirq.
 * </ul>
 * The kthreads are not bound to their CPUs, so an offloaded CPU that goes offline keeps its
 * callbacks (rcutree_migrate_callbacks() skips it) and they still run.
 *
 * <p>Lock order: nocb_lock, then an rcu_node lock; nocb_gp_lock stands alone. nocb_lock is
 * always taken with irqs disabled.
 *
 * <p>Left out, compared with the kernel: the bypass list (nocb_bypass and its lock, lazy
 * callbacks), deferred wake-ups (the kernel defers waking rcuog when call_rcu() runs with irqs
 * disabled; the simulated scheduler has no run-queue lock to deadlock on, so it wakes at once),
 * rcu_nocb_poll, the qhimark/overload wake-ups, and offloading or de-offloading at run time
 * (the set of offloaded CPUs is fixed at boot).
 */
final class RcuNocb {
    private final RcuState s;
    private final NodeLocks locks;
    private final RcuCore core;
    private final RcuCallbacks callbacks;
    /** rcu_node.nocb_gp_wq[2], by node index; null when no CPU is offloaded. */
    private final WaitQueue[][] nodeGpWq;
    final List<RcuNocbGroup> groups = new ArrayList<>();

    RcuNocb(Kernel k, RcuState s, NodeLocks locks, RcuCore core, RcuCallbacks callbacks) {
        this.s = s;
        this.locks = locks;
        this.core = core;
        this.callbacks = callbacks;
        boolean any = false;
        for (RcuData rdp : s.rda) {
            any |= rdp.offloaded;
        }
        if (!any) {
            nodeGpWq = null;
            return;
        }
        nodeGpWq = new WaitQueue[s.node.length][2];
        for (RcuNode rnp : s.node) {
            for (int i = 0; i < 2; i++) {
                nodeGpWq[rnp.index][i] = new WaitQueue(rnp + ".nocb_gp_wq[" + i + "]");
            }
        }
        organizeKthreads(k);
    }

    /**
     * rcu_organize_nocb_kthreads(): CPUs in blocks of rcu_nocb_gp_stride (default
     * nr_cpu_ids / int_sqrt(nr_cpu_ids)); a block's first CPU leads it, and the block's
     * offloaded CPUs are its rcuog's members.
     */
    private void organizeKthreads(Kernel k) {
        int n = s.rda.length;
        int ls = s.config.nocbGpStride() > 0 ? s.config.nocbGpStride() : n / intSqrt(n);
        RcuData leader = null;
        RcuNocbGroup group = null;
        int nl = 0;
        for (RcuData rdp : s.rda) {
            if (rdp.cpu >= nl) {
                nl = Math.ceilDiv(rdp.cpu + 1, ls) * ls;
                leader = rdp;
                group = null;
            }
            if (rdp.offloaded) {
                if (group == null) {
                    // the kernel spawns rcuog only for a block with an offloaded CPU
                    group = new RcuNocbGroup(k, leader);
                    groups.add(group);
                }
                group.members.add(rdp);
                rdp.nocb.group = group;
            }
        }
    }

    static int intSqrt(int x) {
        int r = (int) Math.sqrt(x);
        while ((long) r * r > x) {
            r--;
        }
        while ((long) (r + 1) * (r + 1) <= x) {
            r++;
        }
        return r;
    }

    /** rcu_spawn_cpu_nocb_kthread() for every offloaded CPU: rcuog per group, rcuo per CPU; unbound. */
    void spawnKthreads(Simulation m) {
        for (RcuNocbGroup g : groups) {
            g.kthread = m.spawnKthread(g.leader.cpu, g.name(), false, k -> gpKthread(k, g));
            for (RcuData rdp : g.members) {
                String name = "rcuo" + (s.config.preemptible() ? 'p' : 's') + "/" + rdp.cpu;
                rdp.nocb.cbKthread = m.spawnKthread(rdp.cpu, name, false, k -> cbKthread(k, rdp));
            }
        }
    }

    // ---------------------------------------------------------------- locking (rcu_nocb_lock)

    /**
     * rcu_nocb_lock_irqsave(): irqs off, plus rdp's nocb_lock when it is offloaded. Use this
     * around any access to another CPU's (or an offloaded CPU's) cblist, then
     * {@link #unlockIrqrestore}.
     */
    static long lockIrqsave(Kernel k, RcuData rdp) {
        if (!rdp.offloaded) {
            return k.localIrqSave();
        }
        return k.rawSpinLockIrqsave(rdp.nocb.nocbLock);
    }

    /** rcu_nocb_lock(): rdp's nocb_lock when it is offloaded; the caller has irqs off. */
    static void lock(Kernel k, RcuData rdp) {
        k.lockdepAssertIrqsDisabled();
        if (rdp.offloaded) {
            k.rawSpinLock(rdp.nocb.nocbLock);
        }
    }

    /** rcu_nocb_unlock(). */
    static void unlock(Kernel k, RcuData rdp) {
        if (rdp.offloaded) {
            k.lockdepAssertIrqsDisabled();
            k.rawSpinUnlock(rdp.nocb.nocbLock);
        }
    }

    /** rcu_nocb_unlock_irqrestore(). */
    static void unlockIrqrestore(Kernel k, RcuData rdp, long flags) {
        if (!rdp.offloaded) {
            k.localIrqRestore(flags);
        } else {
            k.lockdepAssertIrqsDisabled();
            k.rawSpinUnlockIrqrestore(rdp.nocb.nocbLock, flags);
        }
    }

    // ---------------------------------------------------------------- call_rcu

    /**
     * call_rcu_nocb() on an offloaded CPU, irqs already off (flags from the caller's
     * local_irq_save(), restored here): enqueue under nocb_lock, then
     * __call_rcu_nocb_wake(): if no callback was waiting for a grace period before, rcuog
     * may be asleep with nothing to wait for, so wake it.
     */
    void callRcuNocb(Kernel k, RcuData rdp, RcuHead head, long flags) {
        boolean nolock = s.config.injected(RcuFault.NOCB_ENQUEUE_WITHOUT_LOCK);
        if (!nolock) {
            k.rawSpinLock(rdp.nocb.nocbLock);
        }
        RcuSegcblist cbl = rdp.cblist();
        if (!cbl.isEnabled()) {
            if (!nolock) {
                k.rawSpinUnlock(rdp.nocb.nocbLock);
            }
            k.localIrqRestore(flags);
            throw new SimFailure(SimFailure.Kind.RCU, "call_rcu() on CPU " + rdp.cpu + " whose callback list is disabled");
        }
        boolean wasAllDone = !cbl.pendCbs();
        RcuCallbacks.enqueueFullyOrdered(k, cbl, head);
        if (s.config.injected(RcuFault.NOCB_WAKE_LOST)) {
            wasAllDone = !cbl.pendCbs(); // asked after the enqueue: never true
        }
        if (k.tracing()) {
            k.traceEvent("rcu_callback", s.name + " rhp=" + head.name() + " func=" + head.name() + " " + cbl.n());
        }
        if (!nolock) {
            k.rawSpinUnlock(rdp.nocb.nocbLock);
        }
        if (wasAllDone) {
            trace(k, rdp, "WakeEmpty");
            wakeNocbGp(k, rdp);
        } else {
            trace(k, rdp, "WakeNot");
        }
        k.localIrqRestore(flags);
    }

    /** wake_nocb_gp(): clear nocb_gp_sleep under nocb_gp_lock and wake rcuog if it was set. */
    void wakeNocbGp(Kernel k, RcuData rdp) {
        RcuNocbGroup g = rdp.nocb.group;
        long flags = k.rawSpinLockIrqsave(g.gpLock);
        boolean needwake = k.readOnce(g.gpSleepAddr) != 0;
        if (needwake) {
            k.writeOnce(g.gpSleepAddr, 0);
        }
        k.rawSpinUnlockIrqrestore(g.gpLock, flags);
        if (needwake && g.kthread != null) {
            trace(k, rdp, "DoWake");
            // try_to_wake_up() is a full barrier (smp_mb__after_spinlock()): rcuog must see
            // nocb_gp_sleep == 0 when it runs, or it sleeps again with the wake-up lost
            k.smpMb();
            k.wakeUpProcess(g.kthread);
        }
    }

    // ---------------------------------------------------------------- rcuog

    /**
     * rcu_nocb_gp_kthread(): nocb_gp_wait() forever, with cond_resched_tasks_rcu_qs() between
     * passes: while rcu_gp_cleanup() has ended the grace period at the leader's leaf but not yet
     * at a member's, rcuog finds nothing to advance and does not sleep, and on a non-preemptible
     * kernel only this lets the GP kthread finish.
     */
    private void gpKthread(Kernel k, RcuNocbGroup g) {
        while (!k.kthreadShouldStop()) {
            gpWait(k, g);
            k.condResched();
        }
    }

    /**
     * nocb_gp_wait(): one pass over the group. For each member, under nocb_lock: advance (and
     * so accelerate, requesting grace periods) under the member's leaf lock, note the earliest
     * grace period still waited for, and wake its rcuo if callbacks are ready. Then sleep until
     * that grace period ends at the leader's leaf, or until call_rcu() finds rcuog needed.
     */
    private void gpWait(Kernel k, RcuNocbGroup g) {
        boolean needwaitGp = false;
        long waitGpSeq = 0;
        long[] cur = new long[1];
        for (RcuData rdp : g.members) {
            RcuNode rnp = rdp.mynode;
            long flags = lockIrqsave(k, rdp);
            RcuSegcblist cbl = rdp.cblist();
            boolean needwakeGp = false;
            if (!cbl.restempty(RcuSegcblist.DONE)
                    || (cbl.nextgp(cur) && s.config.seqDone(rnp.gpSeqReadOnce(), cur[0]))) {
                locks.lock(k, rnp);
                needwakeGp = advanceCbs(k, rnp, rdp);
                locks.unlock(k, rnp);
            }
            if (cbl.nextgp(cur)) {
                if (!needwaitGp || RcuSeq.cmpLt(cur[0], waitGpSeq)) {
                    waitGpSeq = cur[0];
                }
                needwaitGp = true;
            }
            boolean needwake = false;
            if (cbl.readyCbs()) {
                needwake = k.readOnce(rdp.nocb.cbSleepAddr) != 0;
                k.writeOnce(rdp.nocb.cbSleepAddr, 0);
            }
            unlockIrqrestore(k, rdp, flags);
            if (needwake) {
                trace(k, rdp, "CBWake");
                rdp.nocb.cbWq.wakeUpOne(k);
            }
            if (needwakeGp) {
                core.gpKthreadWake(k);
            }
        }
        if (!needwaitGp) {
            trace(k, g.leader, "Sleep");
            // wake_nocb_gp() wakes the task itself, whichever queue it sleeps on
            g.gpWq.waitEventInterruptible(k, () -> k.readOnce(g.gpSleepAddr) == 0);
        } else {
            RcuNode rnp = g.leader.mynode;
            long wait = waitGpSeq;
            trace(k, g.leader, "StartWait " + RcuSeq.format(wait));
            nodeGpWq[rnp.index][(int) (RcuSeq.ctr(wait) & 1)].waitEventInterruptible(k,
                    () -> s.config.seqDone(rnp.gpSeqReadOnce(), wait) || k.readOnce(g.gpSleepAddr) == 0);
        }
        long flags = k.rawSpinLockIrqsave(g.gpLock);
        k.writeOnce(g.gpSleepAddr, 1);
        k.rawSpinUnlockIrqrestore(g.gpLock, flags);
    }

    /** rcu_advance_cbs() for rcuog: nocb_lock and the leaf lock held. */
    private boolean advanceCbs(Kernel k, RcuNode rnp, RcuData rdp) {
        if (s.config.injected(RcuFault.NOCB_INVOKE_BEFORE_GP)) {
            // the bug: advance as if the grace period in progress (or, when idle, the next one)
            // had already ended, so rcuo invokes callbacks whose grace period has not
            RcuSegcblist cbl = rdp.cblist();
            if (cbl.pendCbs()) {
                cbl.advance(RcuSeq.endval(rnp.gpSeq()));
            }
        }
        return core.advanceCbs(k, rnp, rdp);
    }

    /** rcu_nocb_gp_cleanup(): rcu_gp_cleanup() set rnp's gp_seq to newGpSeq and unlocked it: wake its rcuog waiters. */
    void gpCleanup(Kernel k, RcuNode rnp, long newGpSeq) {
        if (nodeGpWq == null) {
            return;
        }
        WaitQueue wq = nodeGpWq[rnp.index][(int) (RcuSeq.ctr(newGpSeq) & 1)];
        if (wq.active(k)) {
            wq.wakeUp(k);
        }
    }

    // ---------------------------------------------------------------- rcuo

    /** rcu_nocb_cb_kthread(): nocb_cb_wait() forever, with cond_resched_tasks_rcu_qs() between passes. */
    private void cbKthread(Kernel k, RcuData rdp) {
        while (!k.kthreadShouldStop()) {
            cbWait(k, rdp);
            k.condResched();
        }
    }

    /**
     * nocb_cb_wait(): sleep until rcuog says callbacks are ready, invoke them with BH disabled,
     * then advance if a grace period has ended meanwhile (trylock only: rcuog will do it
     * otherwise) and sleep again unless more are ready.
     */
    private void cbWait(Kernel k, RcuData rdp) {
        rdp.nocb.cbWq.waitEventInterruptible(k, () -> k.readOnce(rdp.nocb.cbSleepAddr) == 0);
        k.localBhDisable();
        doBatch(k, rdp);
        k.localBhEnable();
        RcuNode rnp = rdp.mynode;
        long flags = lockIrqsave(k, rdp);
        RcuSegcblist cbl = rdp.cblist();
        boolean needwakeGp = false;
        long[] cur = new long[1];
        if (cbl.nextgp(cur) && s.config.seqDone(rnp.gpSeqReadOnce(), cur[0]) && locks.trylock(k, rnp)) {
            needwakeGp = core.advanceCbs(k, rnp, rdp);
            locks.unlock(k, rnp);
        }
        k.writeOnce(rdp.nocb.cbSleepAddr, cbl.readyCbs() ? 0 : 1);
        unlockIrqrestore(k, rdp, flags);
        if (needwakeGp) {
            core.gpKthreadWake(k);
        }
    }

    /**
     * rcu_do_batch() for an offloaded CPU, in its rcuo kthread: pull DONE out under nocb_lock,
     * invoke every callback (no batch limit in kthread context) with a cond_resched() between
     * them, then account for them under nocb_lock.
     */
    private void doBatch(Kernel k, RcuData rdp) {
        long flags = lockIrqsave(k, rdp);
        RcuCbList rcl = new RcuCbList();
        rdp.cblist().extractDoneCbs(rcl);
        unlockIrqrestore(k, rdp, flags);
        if (!k.cpuOnline(rdp.cpu) && !rcl.empty()) {
            k.coverage(RcuCoverage.RCUO_INVOKED_OFFLINE);
        }
        long count = 0;
        RcuHead rhp;
        while ((rhp = rcl.dequeue()) != null) {
            callbacks.invoke(k, rhp);
            count++;
            k.localBhEnable();
            k.condResched();
            k.localBhDisable();
        }
        flags = lockIrqsave(k, rdp);
        RcuSegcblist cbl = rdp.cblist();
        RcuCallbacks.addLenFullyOrdered(k, cbl, -count);
        cbl.insertDoneCbs(rcl);
        RcuCallbacks.checkBatchEnd(k, rdp, cbl);
        unlockIrqrestore(k, rdp, flags);
    }

    private void trace(Kernel k, RcuData rdp, String what) {
        if (k.tracing()) {
            k.traceEvent("rcu_nocb_wake", s.name + " " + rdp.cpu + " " + what);
        }
    }
}
