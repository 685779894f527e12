package rcusim.sched;

import rcusim.machine.decide.Decider;

/**
 * A way of making the decider for each run of a campaign; {@link Strategies} parses one from
 * its text. What run i gets is a function of the master seed and i only.
 */
public interface Strategy {
    /** The spec text this strategy stands for, e.g. {@code "pct:3:20000"} or {@code "portfolio"}. */
    String name();

    /** The decider for run {@code runIndex} of a campaign seeded with {@code masterSeed}. */
    Choice forRun(long masterSeed, long runIndex);

    /**
     * What one run uses: the concrete strategy's spec ({@code "random"}, {@code "pct:2:20000"}),
     * the seed it was built from and the decider. {@code Strategies.create(name, seed)} builds
     * the same decider again.
     */
    record Choice(String name, long seed, Decider decider) {
        @Override
        public String toString() {
            return name + " seed " + seed;
        }
    }
}
