package rcusim.kernel;


/** What runs in a context: a task, or an interrupt handler invocation on top of one. */
public enum ContextKind {
    /** A task's own code, or the scheduler running on its behalf (preemption at irq exit). */
    TASK,
    /** A hardirq handler; the softirqs it runs on irq exit run in the same context. */
    HARDIRQ
}
