package rcusim.machine;

import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import rcusim.machine.strand.Strand;

/**
 * One execution context: a strand of simulated code (a task, the scheduler preempting a task,
 * or one hardirq invocation) and the operation it has posted and waits to perform.
 */
final class Context {
    final ContextKind kind;
    /** The task this context runs as (for a hardirq: the task it interrupted). */
    final Task task;
    final String name;
    Strand strand;
    /** The CPU this context runs on now (a task's changes when it migrates). */
    Cpu cpu;

    // the posted operation
    Op op = Op.START;
    int loc = -1;
    long a;
    long b;
    Ordering ordering;
    RmwOp rmw;
    LongPredicate condition;
    BooleanSupplier waitCondition;
    /** What a WAIT or blocked op waits for, for deadlock reports. */
    String waitsFor;

    /** Which of the readable values the decider picked for a posted load. */
    int choice;

    /** For a hardirq: whether irqs were disabled when it was taken (restored at its end). */
    boolean interruptedIrqsDisabled;
    /** For a hardirq: its lockdep held-lock stack (a rcusim.machine.lockdep.HeldLocks), made on first use. */
    Object heldLocks;
    /** For a hardirq: whether it interrupted user mode. */
    boolean interruptedUser;

    Context(ContextKind kind, Task task, String name, Cpu cpu) {
        this.kind = kind;
        this.task = task;
        this.name = name;
        this.cpu = cpu;
    }

    @Override
    public String toString() {
        return name;
    }
}
