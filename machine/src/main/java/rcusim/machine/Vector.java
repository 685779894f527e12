package rcusim.machine;

/** The interrupt vectors a CPU can have pending, each taken as one decision. */
public enum Vector {
    /** The scheduling-clock tick (LOCAL_TIMER_VECTOR). */
    TICK,
    /** The resched IPI (RESCHEDULE_VECTOR): its exit is a preemption point. */
    RESCHEDULE,
    /** smp_call_function_single() IPIs (CALL_FUNCTION_SINGLE_VECTOR). */
    CALL_FUNCTION,
    /** irq_work self-IPIs (IRQ_WORK_VECTOR). */
    IRQ_WORK;

    static final Vector[] ALL = values();

    public final String traceName = name().toLowerCase(java.util.Locale.ROOT);
    public final String contextName = "irq/" + traceName;

    public int bit() {
        return 1 << ordinal();
    }
}
