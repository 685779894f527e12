package rcusim.sched;

import java.util.SplittableRandom;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.Options;

/** A seeded random walk: every option equally likely. Same seed, same run. */
public final class RandomDecider implements Decider {
    private final SplittableRandom random;

    public RandomDecider(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int choose(Options options) {
        return random.nextInt(options.size());
    }
}
