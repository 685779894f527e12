package rcusim.sched;

/**
 * The seed of run i of a campaign, from the campaign's master seed and i alone, so a run's
 * decisions do not depend on how many workers or shards share the campaign, or in what order
 * they take runs. The mix is SplitMix64's finaliser over master + (i + 1) * golden gamma:
 * neighbouring runs get unrelated seeds, and the function never changes (replays rely on it).
 */
public final class RunSeeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RunSeeds() {
    }

    public static long forRun(long masterSeed, long runIndex) {
        if (runIndex < 0) {
            throw new IllegalArgumentException("run index must be >= 0, got " + runIndex);
        }
        long z = masterSeed + (runIndex + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
