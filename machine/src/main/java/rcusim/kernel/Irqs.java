package rcusim.kernel;

import java.util.function.Consumer;
import rcusim.machine.Preemption;
import rcusim.machine.Vector;
import rcusim.machine.decide.OptionKind;

/**
 * Interrupt entry and exit, the handlers of each vector, softirqs and ksoftirqd.
 *
 * <p>Taking a pending interrupt pushes a hardirq context on the CPU; its code is irq entry
 * (context tracking, then HARDIRQ_OFFSET), the vector's handler, and irq exit, which runs
 * pending softirqs in the same context with irqs enabled (so another hardirq may nest there)
 * unless the CPU is already in interrupt context. When the context ends the CPU's irq flag is
 * restored, and returning to a preemptible task with a reschedule due preempts it: the
 * scheduler runs in a context pushed on top of the task, which stays parked at the operation
 * it had posted.
 */
final class Irqs {
    /** __do_softirq() restarts at most this often before leaving the rest to ksoftirqd. */
    static final int MAX_SOFTIRQ_RESTART = 10;

    private final KernelEnvironment m;
    private final Kernel k;
    @SuppressWarnings("unchecked")
    private final Consumer<Kernel>[] actions = new Consumer[Softirq.NR];

    Irqs(KernelEnvironment m, Kernel k) {
        this.m = m;
        this.k = k;
        actions[Softirq.TIMER] = kk -> Timers.runExpired(kk, kk.thisCpu());
    }

    void openSoftirq(int nr, Consumer<Kernel> action) {
        if (nr < 0 || nr >= Softirq.NR) {
            throw new IllegalArgumentException("no softirq " + nr);
        }
        actions[nr] = action;
    }

    /** The machine takes pending vector v on CPU c. */
    void take(PerCpu c, Vector v) {
        c.hw.pendingIrqs &= ~v.bit();
        boolean fromWfi = c.inWfi();
        if (fromWfi) {
            c.hw.wfiWoken = true;
        }
        KernelContext interrupted = m.sync == null ? null : c.top();
        KernelContext x = m.pushIrqContext(c, v.contextName, () -> hardirq(v));
        if (m.sync != null) {
            m.sync.irqEntered(c.id, interrupted, x);
        }
        x.interruptedIrqsDisabled = c.hw.irqsDisabled;
        x.interruptedUser = c.irqStack.size() == 1 && c.curr != null && c.curr.inUser;
        c.hw.irqsDisabled = true;
        if (m.tracing()) {
            m.traceEvent(c, "irq_handler_entry " + v.traceName);
        }
        m.resume(c, x);
    }

    private void hardirq(Vector v) {
        KernelContext x = k.thisContext();
        ContextTracking.irqEnter(k);
        PerCpu c = k.thisCpu();
        c.preemptCount += PreemptCount.HARDIRQ_OFFSET;
        if (m.tracepoints.on()) {
            m.tracepoints.emit(c, "irq_handler_entry", "irq=" + v.ordinal() + " name=" + v.traceName);
        }
        switch (v) {
            case TICK -> tick(x);
            case RESCHEDULE -> {
                // scheduler_ipi(): the reschedule happens on the way out
            }
            case CALL_FUNCTION -> runCallQueue(c);
            case IRQ_WORK -> runIrqWork(c);
        }
        c = k.thisCpu();
        if (m.tracepoints.on()) {
            m.tracepoints.emit(c, "irq_handler_exit", "irq=" + v.ordinal() + " ret=handled");
        }
        c.preemptCount -= PreemptCount.HARDIRQ_OFFSET;
        if (!c.inInterrupt() && c.softirqPending != 0) {
            doSoftirq();
        }
        ContextTracking.irqExit(k);
    }

    /** The tick: RCU's hook, the scheduler's time slice, expired timers. */
    private void tick(KernelContext x) {
        m.hooks.schedClockIrq(k, x.interruptedUser);
        PerCpu c = k.thisCpu();
        if (c.curr != c.idle && !c.runqueue.isEmpty() && !c.needResched) {
            if (m.decide(OptionKind.RESCHED, c.id, 2) == 1) {
                c.needResched = true;
            }
        }
        if (Timers.anyExpired(c, k.jiffies())) {
            raiseSoftirqOn(c, Softirq.TIMER);
        }
    }

    /** The hardirq context x on c has ended: restore irqs, maybe preempt the task. */
    void returned(PerCpu c, KernelContext x) {
        k.lockdep.checkNoneHeld(x);
        c.hw.irqsDisabled = x.interruptedIrqsDisabled;
        if (m.tracing()) {
            m.traceEvent(c, "irq_handler_exit " + x.name);
        }
        Task t = c.curr;
        boolean preemptible = m.kernelConfig().preemption() == Preemption.FULL || x.interruptedUser;
        if (c.irqStack.isEmpty() && t != null && t != c.idle && c.needResched && c.preemptCount == 0
                && !c.hw.irqsDisabled && preemptible && t.top().kind == ContextKind.TASK && t.stack.size() == 1) {
            KernelContext sched = m.pushTaskContext(t, c, "preempt/" + t.comm, () -> k.schedule(true));
            m.resume(c, sched);
        }
    }

    void raiseSoftirq(int nr) {
        PerCpu c = k.thisCpu();
        raiseSoftirqOn(c, nr);
        if (!c.inInterrupt()) {
            wakeKsoftirqd(c);
        }
    }

    private static void raiseSoftirqOn(PerCpu c, int nr) {
        c.softirqPending |= 1 << nr;
    }

    private void wakeKsoftirqd(PerCpu c) {
        Task t = c.ksoftirqd;
        if (t != null && c.hw.online && t.state == TaskState.INTERRUPTIBLE) {
            m.runQueues.wakeUp(t, c);
        }
    }

    /**
     * __do_softirq(): serves pending softirqs with irqs enabled, restarting while new ones are
     * raised, up to {@link #MAX_SOFTIRQ_RESTART} rounds; what is left goes to ksoftirqd.
     */
    void doSoftirq() {
        m.sharedStateTouched(); // softirq handlers (RCU's core) are not audited one by one
        PerCpu c = k.thisCpu();
        boolean irqsWereDisabled = c.hw.irqsDisabled;
        c.preemptCount += PreemptCount.SOFTIRQ_OFFSET;
        int restart = MAX_SOFTIRQ_RESTART;
        while (k.thisCpu().softirqPending != 0 && restart-- > 0) {
            c = k.thisCpu();
            int pending = c.softirqPending;
            c.softirqPending = 0;
            c.hw.irqsDisabled = false;
            for (int nr = 0; nr < Softirq.NR; nr++) {
                if ((pending & (1 << nr)) != 0 && actions[nr] != null) {
                    if (m.tracing()) {
                        m.traceEvent(k.thisCpu(), "softirq_entry vec=" + nr + " [action=" + Softirq.name(nr) + "]");
                        m.tracepoints.emit(k.thisCpu(), "softirq_entry", "vec=" + nr + " [action=" + Softirq.name(nr) + "]");
                    }
                    actions[nr].accept(k);
                    if (m.tracing()) {
                        m.tracepoints.emit(k.thisCpu(), "softirq_exit", "vec=" + nr + " [action=" + Softirq.name(nr) + "]");
                    }
                }
            }
            k.thisCpu().hw.irqsDisabled = true;
        }
        c = k.thisCpu();
        c.preemptCount -= PreemptCount.SOFTIRQ_OFFSET;
        c.hw.irqsDisabled = irqsWereDisabled;
        if (c.softirqPending != 0) {
            wakeKsoftirqd(c);
        }
    }

    /** ksoftirqd/N: serves softirqs in task context when irq exit left some. */
    void ksoftirqdLoop() {
        while (!k.kthreadShouldStop()) {
            if (k.kthreadShouldPark()) {
                k.kthreadParkme();
                continue;
            }
            k.setCurrentStateNoBarrier(TaskState.INTERRUPTIBLE);
            if (k.thisCpu().softirqPending == 0 && !k.kthreadShouldPark()) {
                k.current().blockedOn = "softirqs";
                k.schedule();
                continue;
            }
            k.setCurrentStateNoBarrier(TaskState.RUNNING);
            k.localIrqDisable();
            if (k.thisCpu().softirqPending != 0) {
                doSoftirq();
            }
            k.localIrqEnable();
            k.condResched();
        }
    }

    /**
     * smp_call_function_single(): 0, or -ENXIO when target is offline. The online check and the
     * queueing are one step, as in the kernel, where the caller's disabled preemption keeps
     * stop_machine() (and so take_cpu_down()) from running in between: a request is either
     * queued before the CPU leaves cpu_online_mask (and flushed as it dies) or refused.
     */
    int callFunctionSingle(PerCpu target, Consumer<Kernel> func, boolean wait) {
        // get_cpu(): the caller cannot migrate between choosing "here" and queueing (or running)
        k.preemptDisable();
        try {
            return callFunctionSingleOnThisCpu(target, func, wait);
        } finally {
            k.preemptEnable();
        }
    }

    private int callFunctionSingleOnThisCpu(PerCpu target, Consumer<Kernel> func, boolean wait) {
        PerCpu here = k.thisCpu();
        if (wait && here.hw.irqsDisabled && target != here) {
            throw k.misuse("smp_call_function_single() waiting with irqs disabled (it could deadlock)");
        }
        if (target == here) {
            long flags = k.localIrqSave();
            func.accept(k);
            k.localIrqRestore(flags);
            return 0;
        }
        k.smpMb();
        k.sharedKernelStep("smp_call_function_single");
        if (!target.hw.online) {
            return -Kernel.ENXIO;
        }
        CallSingleData csd = new CallSingleData(func, here.id);
        target.callQueue.add(csd);
        target.hw.raise(Vector.CALL_FUNCTION);
        m.wake(target);
        if (wait) {
            k.waitUntil(() -> csd.done, "smp_call_function_single to CPU " + target.id);
            k.smpMb();
        }
        return 0;
    }

    boolean irqWorkQueue(PerCpu target, IrqWork w) {
        if (w.pending) {
            return false;
        }
        k.sharedKernelStep("irq_work_queue"); // w.pending: written only in GLOBAL steps
        w.pending = true;
        target.irqWorkQueue.add(w);
        target.hw.raise(Vector.IRQ_WORK);
        m.wake(target);
        return true;
    }

    /** Runs c's queued smp_call_function_single() requests (the handler runs on c). */
    private void runCallQueue(PerCpu c) {
        m.sharedStateTouched(); // the requests of other CPUs, and whatever their functions do
        if (!c.callQueue.isEmpty()) {
            // __flush_smp_call_function_queue() takes the queue with llist_del_all(), a fully
            // ordered xchg() that pairs with the sender's llist_add(): the handler sees every
            // store the caller made before smp_call_function_single()
            k.smpMb();
        }
        while (!c.callQueue.isEmpty()) {
            CallSingleData csd = c.callQueue.poll();
            csd.func.accept(k);
            // csd_unlock() is a store-release that the waiter's csd_lock_wait() acquires: what
            // the handler stored is visible to a waiting caller (a full barrier here, stronger)
            k.smpMb();
            csd.done = true;
        }
    }

    private void runIrqWork(PerCpu c) {
        m.sharedStateTouched(); // irq_work items queued from other CPUs, and what they run
        while (!c.irqWorkQueue.isEmpty()) {
            IrqWork w = c.irqWorkQueue.poll();
            w.pending = false;
            w.func.accept(k);
        }
    }

    /** Runs the queued IPIs and irq_work of a dying CPU on it, as the kernel flushes them. */
    void flushQueues(PerCpu c) {
        runCallQueue(c);
        runIrqWork(c);
        c.hw.pendingIrqs &= ~(Vector.CALL_FUNCTION.bit() | Vector.IRQ_WORK.bit() | Vector.RESCHEDULE.bit());
    }
}
