package rcusim.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A task (task_struct): a kernel thread, a user task or a CPU's idle task. Its code runs in
 * its own context; while it is preempted at irq exit, the scheduler's context sits on top.
 *
 * <p>The RCU fields are kernel task_struct fields that Tree RCU owns; the machine only keeps
 * them (they follow the task when it migrates).
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

    /** lockdep's held-lock stack of this task (a rcusim.kernel.lockdep.HeldLocks). */
    Object heldLocks;

    // ---- fields Tree RCU owns (task_struct's RCU fields) ----
    /** rcu_read_lock_nesting. */
    public int rcuReadLockNesting;
    /** rcu_read_unlock_special (its bits are RCU's). */
    public int rcuReadUnlockSpecial;
    /** rcu_blocked_node: the rcu_node whose blkd_tasks list holds this task, or null. */
    public Object rcuBlockedNode;

    Task(int pid, String comm, Kind kind, boolean workload) {
        this.pid = pid;
        this.comm = comm;
        this.kind = kind;
        this.workload = workload;
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
