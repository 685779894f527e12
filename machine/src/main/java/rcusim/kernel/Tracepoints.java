package rcusim.kernel;

import rcusim.kernel.trace.TraceFlags;
import rcusim.kernel.trace.Tracer;

/**
 * The kernel environment's trace events, with the kernel's tracepoint names and fields,
 * recorded in ftrace's text format. Every call site checks {@link #on()} first, so a disabled
 * tracer costs one field read.
 */
final class Tracepoints {
    final Tracer tracer;
    private final KernelEnvironment m;

    Tracepoints(KernelEnvironment m, boolean enabled) {
        this.m = m;
        this.tracer = new Tracer(enabled, 1_000_000);
        tracer.setCpus(m.cpus.length);
    }

    boolean on() {
        return tracer.enabled();
    }

    /** Public so simulated subsystems (RCU) can emit their own events through the kernel. */
    void emit(PerCpu c, String event, String fields) {
        KernelContext x = c.top();
        Task t = x != null ? x.task : c.curr;
        int flags = TraceFlags.of(c.hw.irqsDisabled, c.needResched, c.inHardirq(), c.inServingSoftirq(), false,
                c.preemptCount & PreemptCount.PREEMPT_MASK);
        String comm = t == null ? "<idle>" : t.isIdle() ? "<idle>" : t.comm;
        tracer.emit(c.id, comm, t == null ? 0 : t.pid, flags, m.clock.nowNs, event, fields);
        if (m.watcher != null) {
            m.watcher.tracepoint(c.id, event, fields);
        }
    }

    static String stateLetter(Task t) {
        return switch (t.state) {
            case RUNNING -> "R";
            case INTERRUPTIBLE -> "S";
            case UNINTERRUPTIBLE -> "D";
            case PARKED -> "P";
            case DEAD -> "X";
        };
    }

    void schedSwitch(PerCpu c, Task prev, Task next, boolean preempt) {
        emit(c, "sched_switch", "prev_comm=" + prev.comm + " prev_pid=" + prev.pid + " prev_prio=120 prev_state="
                + (preempt && prev.state == TaskState.RUNNING ? "R+" : stateLetter(prev)) + " ==> next_comm="
                + next.comm + " next_pid=" + next.pid + " next_prio=120");
    }

    void schedWakeup(PerCpu c, Task p, PerCpu target) {
        emit(c, "sched_wakeup", "comm=" + p.comm + " pid=" + p.pid + " prio=120 target_cpu=" + String.format("%03d", target.id));
    }
}
