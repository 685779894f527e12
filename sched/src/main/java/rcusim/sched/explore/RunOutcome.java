package rcusim.sched.explore;

import java.util.SortedSet;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.ScenarioRun;

/**
 * One finished run, as a worker publishes it to the aggregator (a Disruptor ring entry,
 * reused: the worker fills it, the aggregator reads it).
 */
final class RunOutcome {
    long runIndex;
    /** The run's position in its shard (runIndex = position * N + i). */
    long position;
    long seed;
    String strategy;
    long strategySeed;
    boolean passed;
    long steps;
    int decisions;
    /** A hash of the decision stream: distinct values count distinct interleavings. */
    long interleaving;
    SortedSet<String> coverage;
    java.util.SortedMap<String, Long> counters;
    Signature signature;
    /** Kept only for failures (for the report and the replay file, recorded again at the end). */
    ScenarioRun failedRun;
    /** Set by a worker that ran out of work: the aggregator counts these to know all are done. */
    boolean workerDone;

    void clear() {
        failedRun = null;
        coverage = null;
        counters = null;
        signature = null;
        workerDone = false;
    }
}
