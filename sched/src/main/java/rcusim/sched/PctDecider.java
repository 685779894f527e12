package rcusim.sched;

import java.util.Arrays;
import java.util.SplittableRandom;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/**
 * PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
 * ASPLOS 2010), with CPUs as the threads. Same seed, same parameters, same run.
 *
 * <p>The algorithm. Each CPU gets a random priority, all distinct, when it first shows up in an
 * option. Before the run, {@code depth - 1} distinct change points are drawn uniformly from
 * {@code [1, expectedSteps]}. At each scheduling decision the CPU with the highest priority
 * among those with an option acts. When the count of scheduling steps reaches a change point,
 * the CPU that was about to act is lowered below every initial priority (the first lowered CPU
 * ends up above the second, and so on), and the decision is made again with the new order. In
 * the paper's model a bug that needs {@code depth} ordering constraints is then found with
 * probability at least {@code 1 / (n * k^(depth-1))} per run, for n threads and k steps.
 *
 * <p>Where this deviates from the paper, and why:
 * <ul>
 *   <li><b>What counts as a step.</b> The paper counts every instruction executed. Like Coyote
 *       and shuttle we count only scheduling decisions whose options belong to two or more
 *       CPUs, the only places where priorities decide anything (the paper's section 4.1 notes
 *       change points inside sequential stretches are wasted). Forced moves are never shown to
 *       a decider, and a decision among one CPU's own options (its STEP against its DRAINs) is
 *       not a choice between CPUs. So {@code expectedSteps} is a count of such decisions;
 *       {@link #schedulingSteps()} reports it after a run, for calibration.</li>
 *   <li><b>Store buffers and interrupts.</b> The paper has threads only. Here a DRAIN or
 *       INTERRUPT option belongs to its CPU and carries that CPU's priority. When the chosen CPU
 *       could also STEP, one of its DRAIN/INTERRUPT options is taken with probability 1/4
 *       (uniformly among them), otherwise the STEP: buffers do drain and interrupts do arrive
 *       while the CPU runs, yet a low-priority CPU's stores stay buffered for as long as it
 *       is starved, which is what weak-memory bugs need. A separate priority per store buffer
 *       (Nidhugg-style flush threads) would make depth count drains too; we keep it simple.</li>
 *   <li><b>Inner choices</b> (READ_VALUE, PLACE, PICK, RESCHED) are data, not scheduling: they
 *       are drawn uniformly from the seeded stream and do not count as steps.</li>
 * </ul>
 *
 * <p>PCT is not fair: a CPU that busy-waits with plain loads for a lower-priority CPU spins
 * until a change point or the step limit. Spin-assume primitives (spinlocks,
 * {@code smp_cond_load_*}) disable the waiting CPU instead, so they are fine.
 */
public final class PctDecider implements Decider {
    /** How often a CPU that can step takes one of its drains or interrupts instead. */
    private static final int OTHER_THAN_STEP_ONE_IN = 4;

    private final int depth;
    private final long expectedSteps;
    private final PriorityOrder priorities;
    private final SplittableRandom choices;
    private final long[] changePoints;
    private int nextChange;
    private long steps;

    /**
     * @param seed the only source of randomness
     * @param depth the bug depth aimed at, at least 1 (1: random priorities, no change points)
     * @param expectedSteps roughly how many scheduling steps a run takes (see class comment)
     */
    public PctDecider(long seed, int depth, long expectedSteps) {
        if (depth < 1) {
            throw new IllegalArgumentException("PCT depth must be at least 1, got " + depth);
        }
        if (expectedSteps < 1) {
            throw new IllegalArgumentException("expected steps must be at least 1, got " + expectedSteps);
        }
        this.depth = depth;
        this.expectedSteps = expectedSteps;
        SplittableRandom root = new SplittableRandom(seed);
        // separate streams: how many inner choices a run makes does not move its change points
        SplittableRandom schedule = root.split();
        this.choices = root.split();
        this.changePoints = drawChangePoints(schedule, depth - 1, expectedSteps);
        this.priorities = new PriorityOrder(schedule);
    }

    /** count distinct values from [1, range], ascending (Floyd's sampling, no rejection loop). */
    private static long[] drawChangePoints(SplittableRandom random, int count, long range) {
        int n = (int) Math.min(count, range);
        long[] picked = new long[n];
        for (int j = 0; j < n; j++) {
            long r = range - n + j + 1;
            long t = 1 + random.nextLong(r);
            picked[j] = contains(picked, j, t) ? r : t;
        }
        Arrays.sort(picked);
        return picked;
    }

    private static boolean contains(long[] a, int n, long v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int choose(Options o) {
        if (!DecisionKinds.isScheduling(o)) {
            return choices.nextInt(o.size());
        }
        for (int i = 0; i < o.size(); i++) {
            priorities.see(o.cpu(i));
        }
        if (DecisionKinds.spansCpus(o)) {
            steps++;
            if (nextChange < changePoints.length && changePoints[nextChange] == steps) {
                nextChange++;
                priorities.lower(topCpu(o));
            }
        }
        return pickFor(o, topCpu(o));
    }

    private int topCpu(Options o) {
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < o.size(); i++) {
            int r = priorities.rank(o.cpu(i));
            if (r < bestRank) {
                bestRank = r;
                best = o.cpu(i);
            }
        }
        return best;
    }

    /** The STEP of cpu, or now and then (or when it cannot step) one of its other options. */
    private int pickFor(Options o, int cpu) {
        int step = -1;
        int others = 0;
        for (int i = 0; i < o.size(); i++) {
            if (o.cpu(i) == cpu) {
                if (o.kind(i) == OptionKind.STEP) {
                    step = i;
                } else {
                    others++;
                }
            }
        }
        if (others == 0 || (step >= 0 && choices.nextInt(OTHER_THAN_STEP_ONE_IN) != 0)) {
            return step;
        }
        int nth = choices.nextInt(others);
        for (int i = 0; i < o.size(); i++) {
            if (o.cpu(i) == cpu && o.kind(i) != OptionKind.STEP && nth-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Scheduling steps counted so far: after a run, a measured value for expectedSteps. */
    public long schedulingSteps() {
        return steps;
    }

    /** The change points, ascending (for tests and reports). */
    long[] changePoints() {
        return changePoints.clone();
    }

    /** The CPUs seen so far, highest priority first (for tests and reports). */
    int[] ranking() {
        return priorities.ranking();
    }

    @Override
    public String toString() {
        return "pct:" + depth + ":" + expectedSteps;
    }
}
