package rcusim.sched;

import java.util.function.LongFunction;
import rcusim.machine.decide.Decider;

/** One kind of decider, built from a seed: run i gets the seed {@link RunSeeds#forRun}. */
public record SeededStrategy(String name, LongFunction<Decider> factory) implements Strategy {
    public Decider decider(long seed) {
        return factory.apply(seed);
    }

    @Override
    public Choice forRun(long masterSeed, long runIndex) {
        long seed = RunSeeds.forRun(masterSeed, runIndex);
        return new Choice(name, seed, decider(seed));
    }
}
