package rcusim.machine;

import rcusim.machine.decide.Decider;

/**
 * A {@link Decider} that is also told what every step touched ({@link StepFootprint}), forced
 * steps included: what a partial-order reduction reads. Only when one runs the machine does it
 * record footprints; otherwise the cost is one null check per step.
 */
public interface StepObserver extends Decider {
    /** After each step, in order. The footprint is reused: copy what is kept. */
    void stepped(StepFootprint step);

    /**
     * At the end of the run, for each CPU that still had something posted: the step it would
     * take next (a STEP footprint of what is known of it: its location, or GLOBAL), so that a
     * step that never ran in this execution can still be found to race with those that did.
     */
    void pending(StepFootprint next);
}
