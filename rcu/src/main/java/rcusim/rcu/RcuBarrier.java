package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.machine.SimFailure;
import rcusim.kernel.TaskState;

/**
 * rcu_barrier(): waits until every callback queued by call_rcu() before the call has been
 * invoked ({@code kernel/rcu/tree.c}). It queues one more callback, rcu_data.barrier_head, behind the
 * last callback of every CPU that has any (rcu_segcblist_entrain()) and waits for all of them.
 *
 * <p>Who entrains where, so that no callback escapes:
 * <ul>
 *   <li>an online CPU entrains on its own list, in an IPI (smp_call_function_single(), irqs off),
 *       so the owner rule of rcu_data.cblist holds;
 *   <li>an offline CPU whose list is not yet migrated has nobody to run the IPI: the caller
 *       entrains for it, under barrier_lock, which rcutree_report_cpu_starting() also takes, so
 *       the CPU cannot come back meanwhile;
 *   <li>rcutree_migrate_callbacks() entrains too (under barrier_lock, before it merges) when an
 *       rcu_barrier() is running and has not reached that CPU yet: otherwise the moved callbacks
 *       could land behind a barrier callback already queued on the survivor, or on a survivor the
 *       loop already passed as empty.
 * </ul>
 * barrier_seq_snap (per CPU) says which rcu_barrier() has already dealt with a CPU, so each of
 * these happens at most once per call. barrier_cpu_count starts at 2 rather than 0, so that a
 * barrier callback invoked at once (or this task being preempted) cannot take it to zero before
 * every CPU was visited; the 2 is removed after the loop.
 *
 * <p>Differs from the kernel: there is no NOCB offload yet, so entrain neither flushes a bypass
 * list nor wakes an rcuog kthread, and offline CPUs hold callbacks only between
 * rcutree_report_cpu_dead() and the migration.
 */
final class RcuBarrier {
    private final RcuState s;

    RcuBarrier(RcuState s) {
        this.s = s;
    }

    /** rcu_barrier(). */
    void rcuBarrier(Kernel k) {
        if (s.config.preemptible() && k.current().rcu.readLockNesting.get() > 0) {
            // the kernel's lockdep says so at the mutex (a voluntary sleep in a reader)
            throw new SimFailure(SimFailure.Kind.RCU,
                    "WARNING: Illegal rcu_barrier() in RCU read-side critical section (" + k.current() + ")");
        }
        long snap = RcuSeq.snap(k.readOnce(s.barrierSequenceAddr));
        k.smpMb();
        k.mutexLock(s.barrierMutex);
        // did another rcu_barrier() do our work while we waited for the mutex?
        if (s.config.seqDone(k.readOnce(s.barrierSequenceAddr), snap)) {
            k.coverage(RcuCoverage.BARRIER_DONE_BY_OTHER);
            k.smpMb();
            k.mutexUnlock(s.barrierMutex);
            return;
        }
        long flags = k.rawSpinLockIrqsave(s.barrierLock);
        // rcu_seq_start(): the store, then smp_mb()
        k.writeOnce(s.barrierSequenceAddr, RcuSeq.start(k.readOnce(s.barrierSequenceAddr)));
        k.smpMb();
        long gseq = k.readOnce(s.barrierSequenceAddr);
        RcuGpKthread.checkSeqStarted(k, gseq, "barrier_sequence");
        trace(k, "Inc1", -1);
        s.barrierCompletion.reinit(k);
        k.atomicSet(s.barrierCpuCountAddr, 2);
        k.rawSpinUnlockIrqrestore(s.barrierLock, flags);

        for (RcuData rdp : s.rda) {
            for (;;) {
                if (k.smpLoadAcquire(rdp.barrierSeqSnap) == gseq) {
                    break;
                }
                flags = k.rawSpinLockIrqsave(s.barrierLock);
                if (rdp.nCbsLockless() == 0) {
                    k.writeOnce(rdp.barrierSeqSnap, gseq);
                    k.rawSpinUnlockIrqrestore(s.barrierLock, flags);
                    trace(k, "NQ", rdp.cpu);
                    break;
                }
                if (!rdpCpuOnline(rdp)) {
                    if (!s.config.injected(RcuFault.BARRIER_SKIPS_OFFLINE)) {
                        k.coverage(RcuCoverage.BARRIER_ENTRAIN_OFFLINE);
                        entrain(k, rdp);
                        k.warnOnOnce(k.readOnce(rdp.barrierSeqSnap) != gseq, "rcu_barrier: offline CPU "
                                + rdp.cpu + " barrier_seq_snap not updated");
                    }
                    k.rawSpinUnlockIrqrestore(s.barrierLock, flags);
                    trace(k, "OfflineNoCBQ", rdp.cpu);
                    break;
                }
                k.rawSpinUnlockIrqrestore(s.barrierLock, flags);
                // smp_call_function_single() fails with -ENXIO for a CPU already out of
                // cpu_online_mask but not yet reported dead to RCU (checked first here, to spare
                // the IPI's steps): wait a jiffy and look again. The IPI is waited for, as the
                // bias may only be dropped once the handler has counted its callback.
                final RcuData target = rdp;
                if (!k.cpuOnline(rdp.cpu) || k.smpCallFunctionSingle(rdp.cpu, kk -> barrierHandler(kk, target),
                        !s.config.injected(RcuFault.BARRIER_IPI_NO_WAIT)) != 0) {
                    k.coverage(RcuCoverage.BARRIER_RETRY_DYING_CPU);
                    k.setCurrentState(TaskState.UNINTERRUPTIBLE);
                    k.scheduleTimeout(1);
                    continue;
                }
                k.warnOnOnce(k.readOnce(rdp.barrierSeqSnap) != gseq, "rcu_barrier: CPU " + rdp.cpu
                        + " barrier_seq_snap not updated by the IPI");
                trace(k, "OnlineQ", rdp.cpu);
                break;
            }
        }

        // every CPU with callbacks is counted now: drop the bias
        if (k.atomicSubAndTest(s.barrierCpuCountAddr, 2)) {
            s.barrierCompletion.complete(k);
        }
        s.barrierCompletion.waitForCompletion(k);

        trace(k, "Inc2", -1);
        // rcu_seq_end(): smp_mb(), then the store
        k.smpMb();
        long ending = k.readOnce(s.barrierSequenceAddr);
        RcuGpKthread.checkSeqEnding(k, ending, "barrier_sequence");
        k.writeOnce(s.barrierSequenceAddr, RcuSeq.end(ending));
        gseq = k.readOnce(s.barrierSequenceAddr);
        for (RcuData rdp : s.rda) {
            k.writeOnce(rdp.barrierSeqSnap, gseq);
        }
        k.mutexUnlock(s.barrierMutex);
    }

    /** rcu_barrier_handler(): on the CPU itself, irqs off (hardirq). */
    private void barrierHandler(Kernel k, RcuData rdp) {
        k.lockdepAssertIrqsDisabled();
        k.warnOnOnce(rdp.cpu != k.smpProcessorId(), "rcu_barrier_handler for CPU " + rdp.cpu + " ran on CPU "
                + k.smpProcessorId());
        k.rawSpinLock(s.barrierLock);
        entrain(k, rdp);
        k.rawSpinUnlock(s.barrierLock);
    }

    /**
     * rcu_barrier_entrain(): queue rdp's barrier callback behind everything on its list, once
     * per rcu_barrier(), and count it. barrier_lock held; the caller is rdp's CPU, rcu_barrier()
     * for an offline CPU, or the hotplug task migrating the callbacks.
     */
    void entrain(Kernel k, RcuData rdp) {
        k.lockdepAssertHeld(s.barrierLock);
        long gseq = k.readOnce(s.barrierSequenceAddr);
        long lseq = k.readOnce(rdp.barrierSeqSnap);
        if (RcuSeq.state(lseq) != 0 || RcuSeq.state(gseq) == 0 || RcuSeq.ctr(gseq) != RcuSeq.ctr(lseq)) {
            // no rcu_barrier() in progress, or this CPU was already dealt with
            return;
        }
        if (k.orchestratesHotplugOf(rdp.cpu)) {
            k.coverage(RcuCoverage.MIGRATE_ENTRAINED_BARRIER);
        }
        trace(k, "IRQ", rdp.cpu);
        RcuHead head = rdp.barrierHead;
        if (head.debugQueue()) {
            throw new SimFailure(SimFailure.Kind.RCU, "WARNING: rcu_barrier: " + head.name() + " is still queued");
        }
        head.setFunc(this::barrierCallback);
        RcuNocb.lock(k, rdp); // irqs are off here
        boolean entrained = rdp.cblist().entrain(head);
        if (entrained) {
            k.atomicInc(s.barrierCpuCountAddr);
        } else {
            head.debugUnqueue();
            trace(k, "IRQNQ", rdp.cpu);
        }
        RcuNocb.unlock(k, rdp);
        k.smpStoreRelease(rdp.barrierSeqSnap, gseq);
        if (entrained && rdp.offloaded) {
            s.nocb.wakeNocbGp(k, rdp); // the barrier callback needs rcuog to wait for its grace period
        }
    }

    /** rcu_barrier_callback(): the last one completes the waiter. */
    private void barrierCallback(Kernel k) {
        if (k.atomicDecAndTest(s.barrierCpuCountAddr)) {
            trace(k, "LastCB", -1);
            s.barrierCompletion.complete(k);
        } else {
            trace(k, "CB", -1);
        }
    }

    /** rcu_rdp_cpu_online(): the CPU's bit in its leaf's qsmaskinitnext (read locklessly, as the kernel does). */
    static boolean rdpCpuOnline(RcuData rdp) {
        return (rdp.mynode.qsmaskinitnextReadOnce() & rdp.grpmask) != 0;
    }

    private void trace(Kernel k, String what, int cpu) {
        if (k.tracing()) {
            k.traceEvent("rcu_barrier", s.name + " " + what + " cpu " + cpu + " remaining "
                    + k.machineMemoryPeek(s.barrierCpuCountAddr) + " # " + k.machineMemoryPeek(s.barrierSequenceAddr));
        }
    }
}
