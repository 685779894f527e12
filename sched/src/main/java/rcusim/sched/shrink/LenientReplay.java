package rcusim.sched.shrink;

import java.util.ArrayList;
import java.util.List;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;
import rcusim.sched.FairnessBound;

/**
 * Follows a list of choices without checking what is offered: choice i is taken when it is in
 * range; a negative choice, one out of range, or a decision past the end takes the default.
 * The default is the plain move: an interrupt pending on the CPU that stepped last (forced moves
 * included) is taken, else that CPU steps again if it can, else the first option; a CPU passed
 * over for more than {@link #FAIRNESS} decisions gets its interrupt, drain or step
 * ({@link FairnessBound}, as under PCT); and a tick that finds another task waiting ends the
 * running task's time slice (unless made without time slices: see {@link Shrinker}). So removing a choice from a stream means asking for the plain
 * move there, and a stretch of defaults starves no CPU and no task:
 * <ul>
 *   <li>without taking the running CPU's interrupts, a busy CPU never saw its tick, and a
 *       stall, which the tick detects, turned into a livelock;</li>
 *   <li>without the fairness bound, one CPU ran alone while virtual time passed and the others'
 *       starvation ended the candidate as an RCU stall;</li>
 *   <li>without the time slice (the tick's "no reschedule", which exhaustive search counts as
 *       its default), a busy task kept its CPU from the tasks queued behind it: an all-default
 *       torture run livelocked even without a fault, and defaulting the second half of a
 *       blocked-task-at-head failure ended in a stall on the fault-free kernel too.</li>
 * </ul>
 * It records which decisions were not the default and the kind of each option taken, for the
 * next round of shrinking; the run itself is recorded by the machine as usual, so its replay
 * file checks itself.
 *
 * <p>Choices are option indices. After an edit the run differs from the recording, and an index
 * no longer means what it meant; keeping choices by meaning instead (kind and CPU; the index
 * when it still means the same) was tried twice and shrank torture failures less: 23% against
 * 28% of the non-default choices on an init-qsmask-zero failure (25 runs), and, with the
 * fairness bound, halving the decisions of 1 of the first 8 torture faults in 40 runs, where
 * indices halved 6. A request that cannot be followed falls back to the default, while indices
 * keep every CPU moving.
 */
final class LenientReplay implements Decider {
    private final int[] choices;
    private int next;
    private int lastStepCpu = -1;
    private final List<Integer> nonDefault = new ArrayList<>();
    private final List<Integer> taken = new ArrayList<>();
    private final List<Integer> kinds = new ArrayList<>();

    /**
     * PCT's fairness bound. A looser bound (32) kept the plain move longer and shrank less: 10
     * of 16 torture failures to half the decisions or less, against 13 of 16 (both measured
     * before the time-slice default).
     */
    static final int FAIRNESS = 8;
    /** Its counters see every decision; its inner decider (the plain move) is not asked. */
    private final FairnessBound fair = new FairnessBound(this::plainMove, FAIRNESS);

    /** Whether a tick that finds another task waiting ends the running task's time slice by default. */
    private final boolean timeSlice;

    LenientReplay(int[] choices, boolean timeSlice) {
        this.choices = choices;
        this.timeSlice = timeSlice;
    }

    @Override
    public int choose(Options options) {
        int i = next++;
        int def = defaultOf(options);
        int c = i < choices.length && choices[i] >= 0 && choices[i] < options.size() ? choices[i] : def;
        fair.observe(options, c);
        if (c != def) {
            nonDefault.add(i);
        }
        taken.add(c);
        kinds.add(options.kind(c).ordinal());
        if (options.kind(c) == OptionKind.STEP) {
            lastStepCpu = options.cpu(c);
        }
        return c;
    }

    private int defaultOf(Options options) {
        int p = fair.starvedPick(options);
        return p >= 0 ? p : plainMove(options);
    }

    /** The running CPU's pending interrupt, else its step, else the first option. */
    private int plainMove(Options options) {
        if (options.kind(0) == OptionKind.RESCHED) {
            return timeSlice ? 1 : 0; // 1: the time slice ran out (see the class comment); 0: it goes on
        }
        int running = options.lastStepCpu() >= 0 ? options.lastStepCpu() : lastStepCpu;
        int def = 0;
        for (int k = 0; k < options.size(); k++) {
            if (options.kind(k) == OptionKind.STEP && options.cpu(k) == running) {
                def = k;
                break;
            }
        }
        for (int k = 0; k < options.size(); k++) {
            // an interrupt pending on the running CPU arrives: hardware does not hold it back
            if (options.kind(k) == OptionKind.INTERRUPT && options.cpu(k) == running) {
                def = k;
                break;
            }
        }
        return def;
    }

    /** The decisions (by index) that were not the default, in order. */
    List<Integer> nonDefault() {
        return nonDefault;
    }

    /** The choices taken, as a stream the next round can edit. */
    int[] taken() {
        return taken.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The {@link OptionKind} ordinal of each option taken. */
    int[] kinds() {
        return kinds.stream().mapToInt(Integer::intValue).toArray();
    }
}
