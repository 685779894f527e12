package rcusim.sched;

import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/**
 * A fairness bound around a strategy: a CPU that had an option (a step, a store-buffer drain,
 * an interrupt) but was passed over for more than {@code maxStarvation} consecutive decisions
 * gets one: a pending interrupt first (hardware delivers it promptly), then a store-buffer drain
 * (other CPUs may wait for that store, such as an unlock), then its step. A store that never drains is as unfair as a CPU that never runs:
 * an unlock stuck in a starved CPU's buffer holds the lock forever. Priority strategies such
 * as PCT starve CPUs on purpose, but a CPU that never runs while virtual time passes is a
 * stalled (virtual) CPU, which makes RCU report stalls that are not bugs of RCU; bounding the
 * starvation keeps the priority inversions PCT is good at and drops those false findings
 * (shuttle and Coyote bound unfairness for liveness checks in the same way).
 */
public final class FairnessBound implements Decider {
    private final Decider inner;
    private final int maxStarvation;
    private int[] starved = new int[8];

    public FairnessBound(Decider inner, int maxStarvation) {
        this.inner = inner;
        this.maxStarvation = maxStarvation;
    }

    @Override
    public int choose(Options o) {
        if (!schedulable(o.kind(0))) {
            return inner.choose(o); // a choice inside an operation, not between CPUs
        }
        int pick = starvedPick(o);
        int chosen = pick >= 0 ? pick : inner.choose(o);
        observe(o, chosen);
        return chosen;
    }

    /**
     * The option a CPU starved past the bound gets (the longest-starved CPU's interrupt, else
     * drain, else step), or -1 when none is starved or the decision is not between CPUs.
     */
    public int starvedPick(Options o) {
        if (!schedulable(o.kind(0))) {
            return -1;
        }
        int pick = -1;
        for (int i = 0; i < o.size(); i++) {
            if (counter(o.cpu(i)) > maxStarvation
                    && (pick < 0 || counter(o.cpu(i)) > counter(o.cpu(pick))
                    || (o.cpu(i) == o.cpu(pick) && rank(o.kind(i)) < rank(o.kind(pick))))) {
                pick = i;
            }
        }
        return pick;
    }

    /** Counts the decision: option chosen was taken, the other CPUs offered one were passed over. */
    public void observe(Options o, int chosen) {
        if (!schedulable(o.kind(0))) {
            return;
        }
        int winner = o.cpu(chosen);
        int last = -1;
        for (int i = 0; i < o.size(); i++) {
            int c = o.cpu(i);
            if (c != last) {
                grow(c);
                starved[c] = c == winner ? 0 : starved[c] + 1;
                last = c;
            }
        }
    }

    /** Which of a starved CPU's options it gets: interrupt, then drain, then step. */
    private static int rank(OptionKind k) {
        return k == OptionKind.INTERRUPT ? 0 : k == OptionKind.DRAIN ? 1 : 2;
    }

    private static boolean schedulable(OptionKind k) {
        return k == OptionKind.STEP || k == OptionKind.DRAIN || k == OptionKind.INTERRUPT;
    }

    private int counter(int cpu) {
        return cpu < starved.length ? starved[cpu] : 0;
    }

    private void grow(int cpu) {
        if (cpu >= starved.length) {
            starved = java.util.Arrays.copyOf(starved, Math.max(cpu + 1, starved.length * 2));
        }
    }

    @Override
    public String toString() {
        return inner + " (fairness bound " + maxStarvation + ")";
    }
}
