package rcusim.explore;

import rcusim.sched.RandomDecider;

/** The strategies a campaign can use, by name. */
public final class StrategyFactories {
    public static final String NAMES = "random";

    private StrategyFactories() {
    }

    /** Checks a strategy spec; throws IllegalArgumentException naming the valid ones. */
    public static Campaign.StrategyFactory forSpec(String spec) {
        if (!spec.equals("random")) {
            throw new IllegalArgumentException("unknown strategy '" + spec + "'; strategies: " + NAMES);
        }
        return (s, seed, runIndex) -> new Campaign.StrategyFactory.Named("random", new RandomDecider(seed));
    }
}
