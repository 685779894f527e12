package rcusim.machine;

/** The kernel's preemption model (CONFIG_PREEMPT_NONE or CONFIG_PREEMPT). */
public enum Preemption {
    /** No involuntary preemption in the kernel: a task switches only when it sleeps, calls
     *  schedule() or cond_resched(), or returns to user mode. */
    NONE,
    /** Preemption at irq exit and at preempt_enable() whenever preempt_count is 0. */
    FULL
}
