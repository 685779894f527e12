package rcusim.explore;

/**
 * The seed of run i of a campaign: a fixed mix (SplitMix64's finaliser) of the master seed and
 * i, so a run's seed depends on nothing else: not on the number of workers, the shard, or which
 * worker ran it.
 */
public final class RunSeeds {
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private RunSeeds() {
    }

    public static long seed(long master, long runIndex) {
        long z = master + (runIndex + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
