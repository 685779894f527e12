package rcusim.machine.decide;

/** What an option offered to a {@link Decider} does. */
public enum OptionKind {
    /** Run the CPU's next operation. */
    STEP,
    /** Move one entry of the CPU's store buffer to memory. */
    DRAIN,
    /** Which of the values a stale-read-capable load may return (0 = newest). */
    READ_VALUE,
    /** Take a pending interrupt on the CPU. */
    INTERRUPT,
    /** Which CPU a woken task is placed on. */
    PLACE,
    /** Which runnable task the CPU switches to. */
    PICK,
    /** Whether the tick asks for a reschedule (0: no, 1: yes): the time slice ran out. */
    RESCHED,
    /**
     * Whether the CPU that stepped last is frozen now, as a hypervisor deschedules a vCPU (0: it
     * runs on; j: frozen for the j-th of the machine's freeze lengths).
     */
    FREEZE
}
