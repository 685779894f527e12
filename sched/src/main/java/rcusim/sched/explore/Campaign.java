package rcusim.sched.explore;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import rcusim.sched.RunSeeds;
import rcusim.sched.Strategies;
import rcusim.sched.Strategy;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * A campaign: workers, each on its own thread, run whole simulations (run i with the seed
 * {@link RunSeeds#forRun} of (master seed, i)) and publish each outcome into a Disruptor ring;
 * one aggregator folds them into a {@link CampaignResult} and reports progress. Stopping
 * (the first failure with stop-on-first, the time budget, or {@link #stop()} from Ctrl-C) lets
 * runs in flight finish and keeps their results.
 */
public final class Campaign implements Search {
    private final CampaignConfig config;
    private final Strategy strategy;
    private final AtomicLong nextRun = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CampaignResult result = new CampaignResult();
    /** Where progress and each new failure signature are shown; set by {@link #run(StatusLine)}. */
    private StatusLine status = StatusLine.NONE;

    public Campaign(CampaignConfig config) {
        this.config = config;
        this.strategy = Strategies.parse(config.strategy());
        result.declareCoverage(config.scenario().coverageEvents());
    }

    @Override
    public Scenario scenario() {
        return config.scenario();
    }

    @Override
    public List<String> plan() {
        CampaignConfig c = config;
        return List.of(String.format(Locale.ROOT, "  campaign  %s, strategy %s, master seed %d, %d job%s, shard %s%s",
                c.runs() >= 0 ? c.runs() + " runs" : "for " + c.timeBudgetMillis() / 1000.0 + " s", c.strategy(),
                c.masterSeed(), c.jobs(), c.jobs() == 1 ? "" : "s", c.shard(),
                c.scenario().injection() == null ? "" : ", injected: " + c.scenario().injection()));
    }

    /** Asks the campaign to stop after the runs in flight (Ctrl-C). */
    @Override
    public void stop() {
        stopping.set(true);
    }

    @Override
    public void writeSummary(Path dir, CampaignResult r) throws IOException {
        CampaignSummaryFile.write(dir.resolve("summary.json"), config, r);
    }

    /** Runs the campaign with no status line (benchmarks, tests). */
    public CampaignResult run() {
        return run(StatusLine.NONE);
    }

    @Override
    public CampaignResult run(StatusLine status) {
        this.status = status;
        long start = System.nanoTime();
        Disruptor<RunOutcome> disruptor = new Disruptor<>(RunOutcome::new, 1024, DaemonThreadFactory.INSTANCE,
                ProducerType.MULTI, new BlockingWaitStrategy());
        CountDownLatch workersDone = new CountDownLatch(config.jobs());
        disruptor.handleEventsWith(new Aggregator(workersDone));
        RingBuffer<RunOutcome> ring = disruptor.start();
        Thread[] workers = new Thread[config.jobs()];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(() -> work(ring, start), "rcusim-worker-" + w);
            workers[w].start();
        }
        try {
            workersDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        }
        disruptor.shutdown();
        recordFailures();
        result.wallSeconds = (System.nanoTime() - start) / 1e9;
        result.interrupted = stopping.get() && !stoppedByFailure;
        return result;
    }

    private volatile boolean stoppedByFailure;

    private boolean timeUp(long start) {
        return config.timeBudgetMillis() >= 0 && (System.nanoTime() - start) / 1_000_000 >= config.timeBudgetMillis();
    }

    private void work(RingBuffer<RunOutcome> ring, long start) {
        long limit = config.runsInShard();
        try {
            while (!stopping.get() && !timeUp(start)) {
                long k = nextRun.getAndIncrement();
                if (limit >= 0 && k >= limit) {
                    break;
                }
                long runIndex = config.shard().runIndex(k);
                long seed = RunSeeds.forRun(config.masterSeed(), runIndex);
                Strategy.Choice choice = strategy.forRun(config.masterSeed(), runIndex);
                ScenarioRun run = ScenarioRun.runUnrecorded(config.scenario(), seed, choice.decider());
                publish(ring, runIndex, seed, choice, run);
            }
        } finally {
            long seq = ring.next();
            RunOutcome o = ring.get(seq);
            o.clear();
            o.workerDone = true;
            ring.publish(seq);
        }
    }

    /**
     * Each failure's first run once more, recorded for its replay file and full report (the
     * campaign's runs count their decisions only): seed and strategy make it the same run.
     */
    private void recordFailures() {
        for (CampaignResult.Failure f : result.failures.values()) {
            Strategy.Choice again = strategy.forRun(config.masterSeed(), f.firstRunIndex);
            ScenarioRun run = ScenarioRun.run(config.scenario(), f.firstSeed, again.decider(), false);
            if (run.result().decisions().hash() != f.run.result().decisions().hash() || run.passed()) {
                throw new IllegalStateException("determinism bug: run " + f.firstRunIndex + " (seed " + f.firstSeed
                        + ") took other decisions when run again to record them");
            }
            f.run = run;
            f.report = run.result().describe();
        }
    }

    private static void publish(RingBuffer<RunOutcome> ring, long runIndex, long seed, Strategy.Choice choice,
            ScenarioRun run) {
        long seq = ring.next();
        try {
            RunOutcome o = ring.get(seq);
            o.clear();
            o.runIndex = runIndex;
            o.seed = seed;
            o.strategy = choice.name();
            o.strategySeed = choice.seed();
            o.passed = run.passed();
            o.steps = run.result().steps();
            o.decisions = run.result().decisions().size();
            o.interleaving = run.result().decisions().hash();
            o.coverage = run.coverage();
            o.counters = run.counters();
            if (!run.passed()) {
                o.signature = Signature.of(run.result().failure());
                o.failedRun = run;
            }
        } finally {
            ring.publish(seq);
        }
    }

    /** The single consumer of the ring: owns the result. */
    private final class Aggregator implements EventHandler<RunOutcome> {
        private final CountDownLatch workersDone;

        Aggregator(CountDownLatch workersDone) {
            this.workersDone = workersDone;
        }

        @Override
        public void onEvent(RunOutcome o, long sequence, boolean endOfBatch) {
            if (o.workerDone) {
                workersDone.countDown();
                return;
            }
            result.runs++;
            result.steps += o.steps;
            result.decisions += o.decisions;
            result.interleavings.add(o.interleaving);
            if (o.coverage != null) {
                for (String e : o.coverage) {
                    result.coverage.merge(e, 1L, Long::sum);
                }
            }
            if (o.counters != null) {
                o.counters.forEach((name, v) -> result.counters.merge(name, v, Long::sum));
            }
            if (o.passed) {
                result.passed++;
            } else {
                CampaignResult.Failure f = result.failures.computeIfAbsent(o.signature, CampaignResult.Failure::new);
                f.runIndices.add(o.runIndex);
                boolean first = f.runIndices.size() == 1;
                if (o.runIndex < f.firstRunIndex) {
                    f.firstRunIndex = o.runIndex;
                    f.firstSeed = o.seed;
                    f.firstStrategy = o.strategy;
                    f.firstStrategySeed = o.strategySeed;
                    f.report = o.failedRun.result().describe();
                    f.run = o.failedRun;
                }
                if (first) {
                    status.update(() -> "new failure: " + f.signature);
                }
                if (config.stopOnFirst()) {
                    stoppedByFailure = true;
                    stop();
                }
            }
            o.clear();
            if (endOfBatch) {
                status.progress(config.scenario().name(), result.runs, config.runsInShard(),
                        config.timeBudgetMillis(), "runs", () -> String.format(Locale.ROOT, "%d failed, %d unique",
                        result.failed(), result.failures.size()));
            }
        }
    }
}
