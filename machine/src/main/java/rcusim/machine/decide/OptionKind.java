package rcusim.machine.decide;

/** What an option offered to a {@link Decider} does. */
public enum OptionKind {
    /** Run the CPU's next operation. */
    STEP,
    /** Move one entry of the CPU's store buffer to memory. */
    DRAIN,
    /** Which of the values a stale-read-capable load may return (0 = newest). */
    READ_VALUE
}
