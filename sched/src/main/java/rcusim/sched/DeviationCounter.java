package rcusim.sched;

import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/**
 * Prices the options of a run for bounded exhaustive search in two currencies: preemptions and
 * other deviations from the undisturbed run. Counts what was taken along one run.
 *
 * <p>The <em>running CPU</em> is the CPU whose STEP the machine performed last, forced moves
 * included ({@link Options#lastStepCpu()}). A scheduling decision is <em>free</em> when there is
 * no running CPU (the first decision) or when the running CPU cannot step (it is blocked on a fence, a lock
 * or a condition, waiting for an interrupt, or done): every option of a free decision costs
 * nothing, since the machine has to do something else and any of its options is as natural as
 * another. At any other scheduling decision the running CPU's STEP is the default and costs
 * nothing; another CPU's STEP is a <em>preemption</em>; a DRAIN (a store becoming visible
 * early, while its CPU still runs) or an INTERRUPT (taken before the running CPU stops) is a
 * <em>deviation</em>. In an inner choice option 0 is the default (READ_VALUE: the newest value;
 * PLACE, PICK: the first candidate; RESCHED: no reschedule) and any other option is a deviation
 * (a stale read, another placement).
 *
 * <p>So with no deviation at all stores reach memory only when their CPU stops or fences, and
 * interrupts arrive only at CPUs that wait for them; each deviation brings one of those
 * forward, or reads one stale value. Which is why the undisturbed run is small enough to
 * enumerate around, and why bugs that need a few early drains, early interrupts or stale reads
 * still lie within a small bound.
 */
public final class DeviationCounter {
    private int running = -1;
    private long lastStep = Long.MIN_VALUE;
    private int preemptions;
    private int deviations;

    public int preemptions() {
        return preemptions;
    }

    public int deviations() {
        return deviations;
    }

    /** 1 if taking option i of o would be a preemption, else 0. */
    public int preemptionCost(Options o, int i) {
        if (!DecisionKinds.isScheduling(o) || o.kind(i) != OptionKind.STEP) {
            return 0;
        }
        int current = runningAt(o);
        if (current < 0 || o.cpu(i) == current) {
            return 0;
        }
        return DecisionKinds.stepOf(o, current) >= 0 ? 1 : 0;
    }

    /** 1 if taking option i of o would be a deviation (other than a preemption), else 0. */
    public int deviationCost(Options o, int i) {
        if (!DecisionKinds.isScheduling(o)) {
            return i == 0 ? 0 : 1;
        }
        if (o.kind(i) == OptionKind.STEP) {
            return 0;
        }
        int current = runningAt(o);
        return current >= 0 && DecisionKinds.stepOf(o, current) >= 0 ? 1 : 0;
    }

    /** Records that option i of o was taken. Call for every decision of the run, in order. */
    public void taken(Options o, int i) {
        preemptions += preemptionCost(o, i);
        deviations += deviationCost(o, i);
        if (!DecisionKinds.isScheduling(o)) {
            return;
        }
        running = runningAt(o);
        lastStep = o.step();
        if (o.kind(i) == OptionKind.STEP) {
            running = o.cpu(i);
        }
    }

    private int runningAt(Options o) {
        if (o.lastStepCpu() >= 0) {
            return o.lastStepCpu(); // the machine knows, forced moves included
        }
        // the decision right after the last one sees step() one higher; more means forced moves
        return o.step() == lastStep + 1 ? running : -1;
    }
}
