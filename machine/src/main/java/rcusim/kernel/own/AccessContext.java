package rcusim.kernel.own;

/**
 * What an ownership rule may ask about the code doing an access. The machine implements it for
 * the context that runs now (task, softirq or hardirq handler on some CPU).
 */
public interface AccessContext {

    /** The CPU the accessing code runs on. */
    int cpu();

    /** preempt_count is non-zero or irqs are disabled: the code cannot migrate off {@link #cpu()}. */
    boolean preemptDisabled();

    boolean irqsDisabled();

    boolean inHardirq();

    /** The current context holds this lock instance. */
    boolean holds(Object lock);

    /** The current code is the hotplug control task taking {@code cpu} down or bringing it up. */
    boolean orchestratesOffliningOf(int cpu);

    /**
     * The accessing code runs as this task: the task's own code, or an interrupt handler that
     * interrupted it (which shares its task_struct as current).
     */
    default boolean runsAs(Object task) {
        return false;
    }

    /** The machine is being set up and no simulated code runs yet: every rule passes. */
    boolean isInitializing();

    /**
     * The context as a failure report shows it, e.g. "CPU 1, task rcu_preempt/12, preempt
     * disabled, irqs enabled, holding [rcu_node_0]". Called only when a rule is broken.
     */
    String describe();
}
