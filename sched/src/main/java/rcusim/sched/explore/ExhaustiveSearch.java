package rcusim.sched.explore;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import rcusim.machine.RunResult;
import rcusim.sched.BoundedExhaustive;
import rcusim.sched.DporExplorer;
import rcusim.sched.ReplayDecider;
import rcusim.sched.SearchBound;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * {@code --strategy exhaustive:B}: every execution of the scenario within the bound, on one
 * thread, lowest level first, up to an execution or time budget. The result says how many
 * executions ran, whether that was all of them (complete), and holds the first failure found,
 * run again in full for its replay file. With {@code --strategy dpor[:P[:D]]} the search is
 * {@link DporExplorer}'s: partial-order reduced, unbounded unless a bound is given.
 */
public final class ExhaustiveSearch implements Search {
    /** Probes for the size estimate printed before the search, at most (fewer under a budget). */
    public static final int PROBES = 256;

    private final Scenario scenario;
    private final String spec;
    private final SearchBound bound;
    private final long seed;
    private final long maxExecutions;
    private final long millis;
    private final boolean stopOnFirst;
    private final AtomicBoolean interrupted = new AtomicBoolean();

    /**
     * @param spec the strategy as given, e.g. {@code exhaustive:1} (the replay file's strategy);
     *     {@code dpor...} asks for partial-order reduction
     * @param bound the bound; null (dpor only) for none
     * @param maxExecutions the execution budget, or {@link Long#MAX_VALUE} for none
     * @param millis the time budget in milliseconds, or -1 for none
     */
    public ExhaustiveSearch(Scenario scenario, String spec, SearchBound bound, long seed, long maxExecutions,
            long millis, boolean stopOnFirst) {
        this.scenario = scenario;
        this.spec = spec;
        this.bound = bound;
        this.seed = seed;
        this.maxExecutions = maxExecutions;
        this.millis = millis;
        this.stopOnFirst = stopOnFirst;
    }

    /** The estimate's probes are runs too: a tenth of an execution budget, 32 under a time budget. */
    private boolean dpor() {
        return rcusim.sched.Strategies.isDpor(spec);
    }

    private int probes() {
        if (dpor()) {
            return 0;
        }
        int n = maxExecutions == Long.MAX_VALUE ? PROBES : (int) Math.max(4, Math.min(PROBES, maxExecutions / 10));
        return millis >= 0 ? Math.min(n, 32) : n;
    }

    @Override
    public Scenario scenario() {
        return scenario;
    }

    @Override
    public List<String> plan() {
        String what = dpor() ? "exhaustive with partial-order reduction (source sets, sleep sets), "
                + (bound == null ? "no bound" : bound.describe()) : "bounded exhaustive, " + bound.describe();
        return List.of(
                String.format(Locale.ROOT, "  search    %s: %s; seed %d, 1 job%s", spec, what, seed, scenario.injection() == null ? "" : ", injected: " + scenario.injection()),
                String.format(Locale.ROOT, "  budget    %s%s",
                        maxExecutions == Long.MAX_VALUE ? "none" : maxExecutions + " executions",
                        millis < 0 ? "" : ", " + millis / 1000.0 + " s"));
    }

    @Override
    public void stop() {
        interrupted.set(true);
    }

    @Override
    public CampaignResult run(StatusLine status) {
        long start = System.nanoTime();
        long deadline = millis < 0 ? Long.MAX_VALUE : start + millis * 1_000_000L;
        BoundedExhaustive.Monitor monitor = new BoundedExhaustive.Monitor() {
            private long failed;

            @Override
            public void executed(long executions, int level, RunResult result) {
                progress(executions, result, () -> String.format(Locale.ROOT, "level %d, %d failed", level, failed));
            }

            @Override
            public void executed(long executions, int level, RunResult result, DoubleSupplier estimatedTotal) {
                progress(executions, result, () -> String.format(Locale.ROOT, "%d failed, %s", failed,
                        treeSoFar(executions, estimatedTotal.getAsDouble())));
            }

            private void progress(long executions, RunResult result, Supplier<String> detail) {
                failed += result.passed() ? 0 : 1;
                status.progress(scenario.name(), executions, maxExecutions == Long.MAX_VALUE ? -1 : maxExecutions,
                        millis, "executions", detail);
            }

            @Override
            public boolean stop() {
                return interrupted.get() || System.nanoTime() - deadline > 0;
            }
        };
        CampaignResult result = new CampaignResult();
        if (dpor()) {
            DporExplorer.Result r = new DporExplorer(bound, stopOnFirst).explore(
                    d -> ScenarioRun.run(scenario, seed, d, false).result(), maxExecutions, monitor);
            result.wallSeconds = (System.nanoTime() - start) / 1e9;
            result.runs = r.executions();
            result.passed = r.executions() - r.failedExecutions();
            result.interrupted = interrupted.get();
            result.bounded = new CampaignResult.BoundedSearch(r.complete(), r.complete() ? null
                    : r.failed() && stopOnFirst ? "stopped at the first failure"
                    : interrupted.get() ? "interrupted"
                    : r.stopped() ? "the budget ran out"
                    : "the bound cut executions the reduction needed (bounded DPOR may miss an execution within the"
                            + " bound whose equivalent it would have run lies beyond it)",
                    0, bound == null ? Integer.MAX_VALUE : bound.maxLevel(), 0,
                    r.estimatedTotal(), 0, null, r.sleepBlocked());
            if (r.failed()) {
                recordFailure(result, r.firstFailureLog(), r.firstFailure());
            }
            return result;
        }
        BoundedExhaustive.Result r = new BoundedExhaustive(probes(), 1, stopOnFirst).explore(
                d -> ScenarioRun.run(scenario, seed, d, false).result(), bound, maxExecutions, monitor);
        result.wallSeconds = (System.nanoTime() - start) / 1e9;
        result.runs = r.executions();
        result.passed = r.executions() - r.failedExecutions(); // a livelock of the bound's making is no failure
        result.interrupted = interrupted.get();
        result.bounded = new CampaignResult.BoundedSearch(r.complete(), r.complete() ? null
                : r.failed() && stopOnFirst ? "stopped at the first failure"
                : interrupted.get() ? "interrupted" : "the budget ran out",
                r.levelsCompleted(), bound.maxLevel(), probes(), r.estimatedTotal(), r.boundLivelocks(),
                r.firstBoundLivelock() == null ? null : r.firstBoundLivelock().failure().getMessage());
        if (r.failed()) {
            recordFailure(result, r.firstFailureLog(), r.firstFailure());
        }
        return result;
    }

    /** The status line's view of a reduced search's tree: see {@code DporExplorer.Search.exploredShare}. */
    static String treeSoFar(long executions, double estimatedTotal) {
        if (!Double.isFinite(estimatedTotal)) {
            return "tree size not known yet";
        }
        return String.format(Locale.ROOT, "about %.2g%% of the tree planned so far behind (about %.2g executions in all)",
                100 * executions / estimatedTotal, estimatedTotal);
    }

    private void recordFailure(CampaignResult result, rcusim.machine.decide.DecisionLog log, RunResult first) {
        // the first failing run again, recorded in full this time, for the report and the replay file
        ScenarioRun failing = ScenarioRun.run(scenario, seed, new ReplayDecider(log), false);
        CampaignResult.Failure f = result.failures.computeIfAbsent(Signature.of(first.failure()),
                CampaignResult.Failure::new);
        f.firstRunIndex = 0;
        f.firstSeed = seed;
        f.firstStrategy = spec;
        f.firstStrategySeed = 0;
        f.run = failing;
        f.report = failing.result().describe();
    }
}
