package rcusim.sched;

import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/**
 * Counts preemptions along one run, CHESS-style, and prices an option before it is taken.
 *
 * <p>The <em>running CPU</em> is the CPU of the last STEP option this counter saw taken. A
 * <em>preemption</em> is taking the STEP option of another CPU while the running CPU's STEP
 * option is offered too, that is while it could have gone on. Switching when the running CPU
 * has blocked (spinning, waiting for its store buffer) or finished costs nothing.
 *
 * <p>Free, and leaving the running CPU as it is: DRAIN options (the memory system acting, not
 * the scheduler), INTERRUPT options (a device acting), and all inner choices (READ_VALUE, PLACE,
 * PICK, RESCHED). Counting drains would make bound 0 mean sequential consistency; we want bound
 * 0 to still cover every store-buffer behaviour of the non-preemptive schedules.
 *
 * <p>Forced moves (a single option) are not shown to deciders, so when machine steps were taken
 * between two scheduling decisions this counter no longer knows which CPU ran last and treats
 * the next switch as free. That errs towards exploring more, never less.
 */
public final class PreemptionCounter {
    private int running = -1;
    private long lastStep = Long.MIN_VALUE;
    private int preemptions;

    /** Preemptions taken so far. */
    public int preemptions() {
        return preemptions;
    }

    /** 1 if taking option i of o would be a preemption, else 0. Does not change the count. */
    public int cost(Options o, int i) {
        if (o.kind(i) != OptionKind.STEP || !DecisionKinds.isScheduling(o)) {
            return 0;
        }
        int current = runningAt(o);
        if (current < 0 || o.cpu(i) == current) {
            return 0;
        }
        return DecisionKinds.stepOf(o, current) >= 0 ? 1 : 0;
    }

    /** Records that option i of o was taken. Call for every decision of the run, in order. */
    public void taken(Options o, int i) {
        if (!DecisionKinds.isScheduling(o)) {
            return;
        }
        preemptions += cost(o, i);
        running = runningAt(o);
        lastStep = o.step();
        if (o.kind(i) == OptionKind.STEP) {
            running = o.cpu(i);
        }
    }

    private int runningAt(Options o) {
        // the decision right after the last one sees step() one higher; more means forced moves
        return o.step() == lastStep + 1 ? running : -1;
    }

    /** A decider that asks inner and counts the preemptions of the choices inner makes. */
    public static Decider counting(Decider inner, PreemptionCounter counter) {
        return o -> {
            int i = inner.choose(o);
            counter.taken(o, i);
            return i;
        };
    }
}
