package rcusim.kernel;

import rcusim.kernel.lockdep.HeldLocks;
import rcusim.machine.Context;
import rcusim.machine.Cpu;

/**
 * An execution context as the kernel sees it: a task's own code, the scheduler running on a
 * task's behalf (preempting it at irq exit), or one hardirq invocation.
 */
final class KernelContext extends Context {
    final ContextKind kind;
    /** The task this context runs as (for a hardirq: the task it interrupted). */
    final Task task;

    /** For a hardirq: whether irqs were disabled when it was taken (restored at its end). */
    boolean interruptedIrqsDisabled;
    /** For a hardirq: its lockdep held-lock stack, made on first use. */
    HeldLocks heldLocks;
    /** For a hardirq: whether it interrupted user mode. */
    boolean interruptedUser;

    KernelContext(ContextKind kind, Task task, String name, Cpu cpu) {
        super(name, cpu);
        this.kind = kind;
        this.task = task;
    }
}
