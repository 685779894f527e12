package rcusim.sched;

import rcusim.machine.decide.Options;

/**
 * What a bounded exhaustive search may explore, and in which order: each run is priced as it
 * goes, option by option, and its <em>level</em> is what it has spent so far. Options that
 * would leave the bound are never taken; {@link BoundedExhaustive} runs the executions of
 * level 0 first, then 1, and so on up to {@link #maxLevel()}. Taking one option raises the
 * level by at most 1.
 */
public interface SearchBound {
    /** The highest level an execution may reach. */
    int maxLevel();

    /** A fresh pricer for one run. */
    Pricer start();

    /** The bound as a person reads it, e.g. "at most 2 preemptions and 2 deviations". */
    String describe();

    /** Prices the options of one run and follows the choices taken. */
    interface Pricer {
        /** The level the run would reach by taking option i of o, or -1 when that leaves the bound. */
        int levelAfter(Options o, int i);

        /** Records that option i of o was taken. Called for every decision of the run, in order. */
        void taken(Options o, int i);
    }

    /** At most {@code bound} preemptions ({@link PreemptionCounter}); drains, interrupts and inner choices free. */
    static SearchBound preemptions(int bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("preemption bound must be >= 0, got " + bound);
        }
        return new SearchBound() {
            @Override
            public int maxLevel() {
                return bound;
            }

            @Override
            public Pricer start() {
                PreemptionCounter c = new PreemptionCounter();
                return new Pricer() {
                    @Override
                    public int levelAfter(Options o, int i) {
                        int level = c.preemptions() + c.cost(o, i);
                        return level <= bound ? level : -1;
                    }

                    @Override
                    public void taken(Options o, int i) {
                        c.taken(o, i);
                    }
                };
            }

            @Override
            public String describe() {
                return "at most " + bound + " preemption" + (bound == 1 ? "" : "s");
            }
        };
    }

    /**
     * At most {@code preemptions} preemptions and {@code deviations} other deviations, as
     * {@link DeviationCounter} defines them; the level is their sum, so executions come in
     * order of how far they stray from the undisturbed run.
     */
    static SearchBound deviations(int preemptions, int deviations) {
        if (preemptions < 0 || deviations < 0) {
            throw new IllegalArgumentException("bounds must be >= 0, got " + preemptions + " and " + deviations);
        }
        return new SearchBound() {
            @Override
            public int maxLevel() {
                return preemptions + deviations;
            }

            @Override
            public Pricer start() {
                DeviationCounter c = new DeviationCounter();
                return new Pricer() {
                    @Override
                    public int levelAfter(Options o, int i) {
                        int p = c.preemptions() + c.preemptionCost(o, i);
                        int d = c.deviations() + c.deviationCost(o, i);
                        return p <= preemptions && d <= deviations ? p + d : -1;
                    }

                    @Override
                    public void taken(Options o, int i) {
                        c.taken(o, i);
                    }
                };
            }

            @Override
            public String describe() {
                return "at most " + preemptions + " preemption" + (preemptions == 1 ? "" : "s") + " and " + deviations
                        + " deviation" + (deviations == 1 ? "" : "s") + " (early drains, early interrupts, stale reads,"
                        + " other placements)";
            }
        };
    }
}
