package rcusim.sched.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import rcusim.machine.CoverageEvent;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.ScenarioRun;

/**
 * What a search found (a campaign of seeded runs, or a bounded exhaustive search), independent
 * of the order its runs finished in: failures are keyed by {@link Signature} and represented by
 * their lowest run index, so the same campaign gives the same result with any number of workers.
 */
public final class CampaignResult {
    /** One kind of failure: every run that failed this way, and the first of them. */
    public static final class Failure {
        public final Signature signature;
        public long firstRunIndex = Long.MAX_VALUE;
        public long firstSeed;
        public String firstStrategy;
        public long firstStrategySeed;
        public String report;
        /** The replay file, once written (a campaign writes it from another thread as it goes). */
        public volatile String replayFile;
        /** The run recorded in full for the replay file, and its index (-1: none yet); guarded by this. */
        transient ScenarioRun recordedRun;
        transient long recordedRunIndex = -1;
        /**
         * The representative run (the lowest run index), kept to write its replay file; recorded
         * in full when the campaign ends (until then its decisions are only counted).
         */
        public transient ScenarioRun run;
        public final List<Long> runIndices = new ArrayList<>();

        Failure(Signature signature) {
            this.signature = signature;
        }
    }

    public long runs;
    public long passed;
    public long steps;
    public long decisions;
    public double wallSeconds;
    public boolean interrupted;
    public final SortedMap<Signature, Failure> failures = new TreeMap<>();
    /**
     * Coverage: for each "sometimes" event, how many runs reached it; the scenario's declared
     * events are here from the start, with 0 until a run reaches them.
     */
    public final SortedMap<String, Long> coverage = new TreeMap<>();
    /** Statistics summed over runs (grace periods, histogram buckets), by name. */
    public final SortedMap<String, Long> counters = new TreeMap<>();
    /** Distinct decision streams seen (hashes). */
    public final java.util.TreeSet<Long> interleavings = new java.util.TreeSet<>();

    /** Lists each event in {@link #coverage}, with 0 runs if none has reached it yet. */
    public void declareCoverage(java.util.Collection<? extends CoverageEvent> events) {
        events.forEach(e -> coverage.putIfAbsent(e.text(), 0L));
    }

    /** Set by a bounded exhaustive search: how far it got; null for a campaign. */
    public BoundedSearch bounded;

    /**
     * How far a bounded exhaustive search got.
     *
     * @param complete whether every execution within the bound ran
     * @param incompleteBecause why not ("the budget ran out", ...), or null when complete
     * @param levelsCompleted how many levels (0 up) ran in full
     * @param maxLevel the bound's highest level
     * @param probes the random probes of the size estimate
     * @param estimatedTotal Knuth's estimate of the executions within the bound (infinite or NaN
     *     when the probes could not tell: one ran into the step limit)
     * @param boundLivelocks executions that ended in a livelock the bound caused (not failures)
     * @param boundLivelock the first one's message, or null
     * @param sleepBlocked with partial-order reduction: executions cut short as sleep-set blocked
     *     (not in runs); -1 without it
     */
    public record BoundedSearch(boolean complete, String incompleteBecause, int levelsCompleted, int maxLevel,
            int probes, double estimatedTotal, long boundLivelocks, String boundLivelock, long sleepBlocked) {
        public BoundedSearch(boolean complete, String incompleteBecause, int levelsCompleted, int maxLevel, int probes,
                double estimatedTotal, long boundLivelocks, String boundLivelock) {
            this(complete, incompleteBecause, levelsCompleted, maxLevel, probes, estimatedTotal, boundLivelocks,
                    boundLivelock, -1);
        }

        /** Whether the search was one with partial-order reduction. */
        public boolean reduced() {
            return sleepBlocked >= 0;
        }
    }

    public long failed() {
        return runs - passed;
    }

    /** Failing run indices, in order. */
    public List<Long> failingRuns() {
        List<Long> out = new ArrayList<>();
        failures.values().forEach(f -> out.addAll(f.runIndices));
        out.sort(null);
        return out;
    }
}
