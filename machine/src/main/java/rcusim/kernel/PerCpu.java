package rcusim.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import rcusim.machine.Cpu;
import rcusim.machine.Op;

/**
 * What the kernel keeps for one CPU (its run queue and per-CPU data): the current and idle
 * tasks and the runqueue, the hardirq contexts running on top of the task, preempt_count,
 * need_resched, pending softirqs, queued IPIs and irq_work, context tracking, the timer base
 * and the hotplug state. The CPU itself (online, irq flag, pending vectors) is {@link #hw}.
 */
final class PerCpu {
    final int id;
    /** The hardware CPU. */
    final Cpu hw;

    Task curr;
    Task idle;
    /** Runnable tasks waiting for this CPU, in arrival order (curr is not in it). */
    final ArrayDeque<Task> runqueue = new ArrayDeque<>();
    /** Hardirq contexts on top of the current task, innermost last. */
    final List<KernelContext> irqStack = new ArrayList<>(2);

    int preemptCount;
    boolean needResched;
    /** Pending softirqs, one bit per softirq number. */
    int softirqPending;
    /** Queued smp_call_function_single() requests. */
    final ArrayDeque<CallSingleData> callQueue = new ArrayDeque<>();
    /** Queued irq_work items. */
    final ArrayDeque<IrqWork> irqWorkQueue = new ArrayDeque<>();

    // context tracking (the counter lives in simulated memory, RCU reads it)
    int ctCounterLoc = -1;
    /** 1 in the kernel, 0 in idle or user mode (ct->nesting). */
    int ctNesting = 1;
    /** Interrupt nesting seen by context tracking. */
    int ctIrqNesting;

    long nextTickNs;
    /** Timers queued on this CPU, by expiry. */
    final TreeSet<TimerList> timers = new TreeSet<>(TimerList.ORDER);

    // hotplug
    boolean bootRequested;
    boolean dead;
    /** This CPU's stopper kthread (migration/N), created on first hotplug. */
    Task stopper;
    /** ksoftirqd/N, created with the kernel environment. */
    Task ksoftirqd;
    /** take_cpu_down() is queued for the stopper. */
    boolean stopperWork;

    PerCpu(Cpu hw) {
        this.id = hw.id;
        this.hw = hw;
    }

    /** The context that runs when this CPU steps, or null when it has none. */
    KernelContext top() {
        return top;
    }

    /**
     * {@link #top()}, kept rather than derived: the machine asks for it several times a step,
     * and it changes only when a context is pushed or ends, or another task is switched in.
     * Whatever changes {@link #irqStack}, {@link #curr} or curr's stack calls {@link #topChanged}.
     */
    private KernelContext top;

    /** The hardirq stack, the current task or its stack changed: {@link #top()} is derived again. */
    void topChanged() {
        top = derivedTop();
    }

    private KernelContext derivedTop() {
        if (!irqStack.isEmpty()) {
            return irqStack.get(irqStack.size() - 1);
        }
        return curr == null || curr.stack.isEmpty() ? null : curr.top();
    }

    /** Test builds: a change that did not call {@link #topChanged} (the machine would run the wrong context). */
    void checkTop() {
        if (top != derivedTop()) {
            throw new IllegalStateException("CPU " + id + " runs " + derivedTop() + " but its kept top is " + top
                    + " (a missing PerCpu.topChanged())");
        }
    }

    boolean inHardirq() {
        return (preemptCount & PreemptCount.HARDIRQ_MASK) != 0;
    }

    boolean inInterrupt() {
        return (preemptCount & (PreemptCount.HARDIRQ_MASK | PreemptCount.SOFTIRQ_MASK)) != 0;
    }

    boolean inServingSoftirq() {
        return (preemptCount & PreemptCount.SOFTIRQ_OFFSET) != 0;
    }

    /** Whether the running code is the idle task waiting for an interrupt. */
    boolean inWfi() {
        KernelContext t = top();
        return t != null && t.op() == Op.WFI && irqStack.isEmpty();
    }

    /** Irqs are off and the CPU waits for something only another CPU can change. */
    boolean irqsDisabledForever() {
        return hw.irqsDisabled && !inWfi();
    }

    /** Whether an interrupt may be taken now: online, irqs on (or halted in WFI, which enables them). */
    boolean interruptible() {
        return hw.online && (!hw.irqsDisabled || inWfi());
    }
}
