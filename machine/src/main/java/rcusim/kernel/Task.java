package rcusim.kernel;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.lockdep.HeldLocks;
import rcusim.kernel.own.Ownership;

/**
 * A task (task_struct): a kernel thread, a user task or a CPU's idle task. Its code runs in
 * its own context; while it is preempted at irq exit, the scheduler's context sits on top.
 *
 * <p>The RCU fields ({@link TaskRcu}) are task_struct fields that Tree RCU owns; the kernel
 * only keeps them (they follow the task when it migrates).
 */
public final class Task {
    public enum Kind { KTHREAD, USER, IDLE }

    final int pid;
    final String comm;
    final Kind kind;
    /** The CPU the task may run on, or -1 for any online CPU. */
    int boundCpu = -1;
    /** A per-CPU kthread's CPU (kthread_bind()), restored by kthread_unpark(); -1 otherwise. */
    int homeCpu = -1;
    /** Whether the run ends only after this task has exited. */
    final boolean workload;

    TaskState state = TaskState.UNINTERRUPTIBLE;
    /** The CPU it runs on or is queued on, or last ran on. */
    PerCpu cpu;
    boolean onRq;
    /** Contexts of this task, bottom first: its own, then the scheduler's while preempted. */
    final List<KernelContext> stack = new ArrayList<>(2);
    /** The stopper (migration/N): always picked first on its CPU. */
    boolean stopper;
    /** In user mode (between enterUser and exitUser). */
    boolean inUser;
    /** What the task sleeps on, for deadlock reports. */
    String blockedOn;

    // kthread control
    boolean shouldStop;
    boolean shouldPark;
    boolean parked;

    /** lockdep's held-lock stack of this task, made on first use. */
    HeldLocks heldLocks;

    /** task_struct's RCU fields, which Tree RCU owns. */
    public final TaskRcu rcu;
    /** What wakes it hands on to it (for a data-race detector). */
    public final SyncPoint wakeSync = new SyncPoint();
    /** A data-race detector's state for this task, or null. */
    public Object raceState;

    Task(int pid, String comm, Kind kind, boolean workload, Ownership own) {
        this.pid = pid;
        this.comm = comm;
        this.kind = kind;
        this.workload = workload;
        this.rcu = new TaskRcu(own, this);
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    public Kind kind() {
        return kind;
    }

    public TaskState state() {
        return state;
    }

    /** The CPU it is on or last ran on, or -1 before it first ran. */
    public int cpu() {
        return cpu == null ? -1 : cpu.id;
    }

    public int boundCpu() {
        return boundCpu;
    }

    public boolean isIdle() {
        return kind == Kind.IDLE;
    }

    boolean allowedOn(PerCpu c) {
        return boundCpu < 0 || boundCpu == c.id;
    }

    KernelContext top() {
        return stack.get(stack.size() - 1);
    }

    @Override
    public String toString() {
        return comm + "/" + pid;
    }
}
