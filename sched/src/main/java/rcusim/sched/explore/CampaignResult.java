package rcusim.sched.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a campaign found, independent of the order its runs finished in: failures are keyed by
 * signature and represented by their lowest run index, so the same campaign gives the same
 * result with any number of workers.
 */
public final class CampaignResult {
    /** One kind of failure: every run that failed this way, and the first of them. */
    public static final class Failure {
        public final String signature;
        public long firstRunIndex = Long.MAX_VALUE;
        public long firstSeed;
        public String firstStrategy;
        public long firstStrategySeed;
        public String report;
        public String replayFile;
        /**
         * The representative run (the lowest run index), kept to write its replay file; recorded
         * in full when the campaign ends (until then its decisions are only counted).
         */
        public transient rcusim.sched.scenario.ScenarioRun run;
        public final List<Long> runIndices = new ArrayList<>();

        Failure(String signature) {
            this.signature = signature;
        }
    }

    public long runs;
    public long passed;
    public long steps;
    public long decisions;
    public double wallSeconds;
    public boolean interrupted;
    public final SortedMap<String, Failure> failures = new TreeMap<>();
    /** Coverage: for each "sometimes" event, how many runs reached it. */
    public final SortedMap<String, Long> coverage = new TreeMap<>();
    /** Statistics summed over runs (grace periods, histogram buckets), by name. */
    public final SortedMap<String, Long> counters = new TreeMap<>();
    /** Distinct decision streams seen (hashes). */
    public final java.util.TreeSet<Long> interleavings = new java.util.TreeSet<>();

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
