package rcusim.machine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One simulated CPU: its current task and runqueue, the hardirq contexts running on top of
 * the task, preempt_count and the irq flag, pending interrupts and softirqs, context tracking
 * and timers.
 */
final class Cpu {
    final int id;
    boolean online = true;

    Task curr;
    Task idle;
    /** Runnable tasks waiting for this CPU, in arrival order (curr is not in it). */
    final ArrayDeque<Task> runqueue = new ArrayDeque<>();
    /** Hardirq contexts on top of the current task, innermost last. */
    final List<Context> irqStack = new ArrayList<>(2);

    int preemptCount;
    boolean irqsDisabled;
    boolean needResched;
    /** Pending interrupt vectors, one bit per {@link Vector}. */
    int pendingIrqs;
    /** Pending softirqs, one bit per softirq number. */
    int softirqPending;
    /** Queued smp_call_function_single() requests. */
    final ArrayDeque<CallSingleData> callQueue = new ArrayDeque<>();
    /** Queued irq_work items. */
    final ArrayDeque<IrqWork> irqWorkQueue = new ArrayDeque<>();

    /** The CPU waits in WFI; an interrupt taken there ends the wait. */
    boolean wfiWoken;

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

    Cpu(int id) {
        this.id = id;
    }

    /** The context that runs when this CPU steps, or null when it has none. */
    Context top() {
        if (!irqStack.isEmpty()) {
            return irqStack.get(irqStack.size() - 1);
        }
        return curr == null || curr.stack.isEmpty() ? null : curr.top();
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
        Context t = top();
        return t != null && t.op == Op.WFI && irqStack.isEmpty();
    }

    /** Irqs are off and the CPU waits for something only another CPU can change. */
    boolean irqsDisabledForever() {
        return irqsDisabled && !inWfi();
    }

    /** Whether an interrupt may be taken now: online, irqs on (or halted in WFI, which enables them). */
    boolean interruptible() {
        return online && (!irqsDisabled || inWfi());
    }
}
