package rcusim.machine;

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

    /** In cond_resched(), whether or not it reschedules (rcu_all_qs() in some configurations). */
    default void condResched(Kernel k) {
    }

    KernelHooks NONE = new KernelHooks() {
    };
}
