package rcusim.machine.decide;

/**
 * A {@link Decider} that may also act on the system between steps: a scripted schedule that
 * raises a tick or a reschedule IPI on demand, or notices that a condition it waits for has
 * come true. The machine calls {@link #beforeStep} before it lists the options of every step,
 * forced ones included, so what the decider does there happens at an exact machine step.
 * Ordinary strategies do not implement it and cost nothing.
 */
public interface SteeringDecider extends Decider {
    /** Before the options of machine step {@code step} (steps performed so far) are listed. */
    void beforeStep(long step);
}
