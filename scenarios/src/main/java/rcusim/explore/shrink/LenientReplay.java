package rcusim.explore.shrink;

import java.util.ArrayList;
import java.util.List;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/**
 * Follows a list of choices without checking what is offered, taking the default where a choice
 * is missing (negative, or past the end) or cannot be followed. The default is "no
 * preemption": the CPU that stepped last (forced moves included) steps again if it can, else
 * the first option. So removing a choice from a stream means asking for the plain,
 * non-preemptive move there.
 *
 * <p>Choices are kept by what they mean, not by their index among the options: "the second
 * DRAIN of CPU 2", "STEP of CPU 1", "READ_VALUE 1" ({@link #encode}). Once an edit has made a
 * run differ from the recording, the options at a decision are not the recorded ones, and an
 * index would point at anything; a meaning still asks for the same CPU to do the same kind of
 * thing, so the rest of the schedule keeps its shape. A recording's raw indices are read once
 * ({@link #fromIndices}) and come out as meanings ({@link #taken()}).
 *
 * <p>It records which decisions were not the default, for the next round of shrinking; the run
 * itself is recorded by the machine as usual, so its replay file checks itself.
 */
final class LenientReplay implements Decider {
    private final int[] choices;
    private final boolean indices;
    private int next;
    private int lastStepCpu = -1;
    private final List<Integer> nonDefault = new ArrayList<>();
    private final List<Integer> taken = new ArrayList<>();

    private LenientReplay(int[] choices, boolean indices) {
        this.choices = choices;
        this.indices = indices;
    }

    /** Follows choices given as meanings ({@link #encode}), e.g. a previous round's {@link #taken()}. */
    LenientReplay(int[] meanings) {
        this(meanings, false);
    }

    /** Follows a recording's choices, given as option indices. */
    static LenientReplay fromIndices(int[] indices) {
        return new LenientReplay(indices, true);
    }

    @Override
    public int choose(Options options) {
        int i = next++;
        int running = options.lastStepCpu() >= 0 ? options.lastStepCpu() : lastStepCpu;
        int def = 0;
        for (int k = 0; k < options.size(); k++) {
            if (options.kind(k) == OptionKind.STEP && options.cpu(k) == running) {
                def = k;
                break;
            }
        }
        int c = def;
        if (i < choices.length && choices[i] >= 0) {
            int wanted = indices ? (choices[i] < options.size() ? choices[i] : -1) : decode(options, choices[i]);
            c = wanted >= 0 ? wanted : def;
        }
        if (c != def) {
            nonDefault.add(i);
        }
        taken.add(encode(options, c));
        if (options.kind(c) == OptionKind.STEP) {
            lastStepCpu = options.cpu(c);
        }
        return c;
    }

    /** Option i as a meaning: its kind, its CPU and its rank among the options of that kind and CPU. */
    static int encode(Options o, int i) {
        int rank = 0;
        for (int k = 0; k < i; k++) {
            if (o.kind(k) == o.kind(i) && o.cpu(k) == o.cpu(i)) {
                rank++;
            }
        }
        return o.kind(i).ordinal() << 26 | Math.min(o.cpu(i), 0x3fff) << 12 | Math.min(rank, 0xfff);
    }

    /** The option with that meaning, or -1 when none is offered. */
    static int decode(Options o, int meaning) {
        int kind = meaning >>> 26;
        int cpu = meaning >>> 12 & 0x3fff;
        int rank = meaning & 0xfff;
        for (int k = 0; k < o.size(); k++) {
            if (o.kind(k).ordinal() == kind && o.cpu(k) == cpu && rank-- == 0) {
                return k;
            }
        }
        return -1;
    }

    /** The decisions (by index) that were not the default, in order. */
    List<Integer> nonDefault() {
        return nonDefault;
    }

    /** The choices taken, as meanings, a stream the next round can edit. */
    int[] taken() {
        return taken.stream().mapToInt(Integer::intValue).toArray();
    }
}
