package rcusim.kernel;


/**
 * Where the kernel environment calls out to a subsystem such as RCU, which the machine does
 * not know about. Each hook runs as simulated code in the context the kernel runs it in.
 */
public interface KernelHooks {
    /** In __schedule(), before the switch, with preemption off (rcu_note_context_switch()). */
    default void noteContextSwitch(Kernel k, boolean preempt) {
    }

    /** In the tick's hardirq (rcu_sched_clock_irq()); user: the tick interrupted user mode. */
    default void schedClockIrq(Kernel k, boolean user) {
    }

    /**
     * In cpu_down(), first of all teardowns, in the control task (sched_cpu_deactivate(), the
     * CPUHP_AP_ACTIVE teardown): the kernel waits for a full grace period there (synchronize_rcu()),
     * so that whatever saw the CPU active has finished before it goes on.
     */
    default void cpuDeactivate(Kernel k, int cpu) {
    }

    /** In cond_resched(), whether or not it reschedules (rcu_all_qs() in some configurations). */
    default void condResched(Kernel k) {
    }

    /**
     * The CPU enters an extended quiescent state (idle, or user mode when user is true), irqs
     * disabled, just before context tracking stops RCU watching it.
     */
    default void eqsEnter(Kernel k, boolean user) {
    }

    /** The CPU leaves idle or user mode, irqs disabled, just after RCU watches it again. */
    default void eqsExit(Kernel k, boolean user) {
    }

    /**
     * Whether a subsystem needs CPU cpu's tick while the CPU idles (rcu_needs_cpu(): it has
     * callbacks). Asked by the clock, outside simulated code: read state, do not act.
     */
    default boolean needsTick(int cpu) {
        return false;
    }

    KernelHooks NONE = new KernelHooks() {
    };
}
