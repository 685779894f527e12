package rcusim.sched;

import java.util.SplittableRandom;
import java.util.function.Function;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;

/**
 * Knuth's estimator of a search tree's size (Knuth 1975, "Estimating the efficiency of
 * backtrack programs"): walk one random path from the root, choosing uniformly at each node,
 * and multiply the branching factors met on the way. The product is an unbiased estimate of
 * the number of leaves, here complete executions; the mean over several probes is the
 * estimate. The tree is the one {@link BoundedExhaustive} searches: options that would exceed
 * the preemption bound are not branches. Very deep trees overflow to infinity, which is the
 * honest answer to "can we enumerate this?".
 */
public final class TreeSizeEstimator {
    private TreeSizeEstimator() {
    }

    /**
     * The mean of {@code probes} probes (NaN for none), each one run of {@code run}.
     * Deterministic in the seed.
     */
    public static double estimate(Function<Decider, RunResult> run, int preemptionBound, int probes, long seed) {
        return estimate(run, SearchBound.preemptions(preemptionBound), probes, seed);
    }

    /** As {@link #estimate(Function, int, int, long)}, for the tree within any bound. */
    public static double estimate(Function<Decider, RunResult> run, SearchBound bound, int probes, long seed) {
        if (probes <= 0) {
            return Double.NaN;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        for (int p = 0; p < probes; p++) {
            sum += probe(run, bound, random);
        }
        return sum / probes;
    }

    private static double probe(Function<Decider, RunResult> run, SearchBound bound, SplittableRandom random) {
        SearchBound.Pricer pricer = bound.start();
        double[] product = {1};
        run.apply(o -> {
            int allowed = 0;
            for (int i = 0; i < o.size(); i++) {
                if (pricer.levelAfter(o, i) >= 0) {
                    allowed++;
                }
            }
            int nth = random.nextInt(allowed);
            int chosen = -1;
            for (int i = 0; i < o.size() && chosen < 0; i++) {
                if (pricer.levelAfter(o, i) >= 0 && nth-- == 0) {
                    chosen = i;
                }
            }
            product[0] *= allowed;
            pricer.taken(o, chosen);
            return chosen;
        });
        return product[0];
    }
}
