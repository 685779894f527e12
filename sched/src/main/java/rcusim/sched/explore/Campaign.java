package rcusim.sched.explore;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import rcusim.sched.RunSeeds;
import rcusim.sched.Strategies;
import rcusim.sched.Strategy;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * A campaign: workers, each on its own thread, run whole simulations (run i with the seed
 * {@link RunSeeds#forRun} of (master seed, i)) and publish each outcome into a Disruptor ring;
 * one aggregator folds them into a {@link CampaignResult} and reports progress. Stopping
 * (the first failure with stop-on-first, the time budget, or {@link #stop()} from Ctrl-C) lets
 * runs in flight finish and keeps their results.
 *
 * <p>Given a directory ({@link #writeAsYouGo}), the campaign keeps it current while it runs:
 * each unique failure's replay file as soon as the failure is seen (recorded again on an
 * archiver thread, so the workers never wait), and summary.json every {@link
 * #SUMMARY_INTERVAL_NANOS} (from the aggregator, which owns the result). A kill at any moment
 * leaves what was written, each file whole. {@link #resume} continues a campaign from its
 * summary: the runs it finished are skipped and its totals are the starting point.
 */
public final class Campaign implements Search {
    private final CampaignConfig config;
    private final Strategy strategy;
    private final AtomicLong nextRun = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CampaignResult result = new CampaignResult();
    /** Where progress and each new failure signature are shown; set by {@link #run(StatusLine)}. */
    private StatusLine status = StatusLine.NONE;
    /** summary.json is rewritten at most this often while the campaign runs. */
    static final long SUMMARY_INTERVAL_NANOS = 2_000_000_000L;
    /** Where files go while running, or null. */
    private Path outDir;
    /** Records failing runs in full and writes their replay files, off the aggregator's thread. */
    private ExecutorService archiver;
    /** Shard positions whose runs are counted in the result (the aggregator's). */
    private final CompletedRuns done = new CompletedRuns();
    /** Positions finished by an earlier session ({@link #resume}): the workers skip them. */
    private CompletedRuns skip = new CompletedRuns();
    private double earlierWallSeconds;
    private long lastSummary;
    /** Why writing failed while running (reported at the end, not swallowed), or null. */
    private volatile IOException writeError;

    public Campaign(CampaignConfig config) {
        this.config = config;
        this.strategy = Strategies.parse(config.strategy());
        result.declareCoverage(config.scenario().coverageEvents());
    }

    public CampaignConfig config() {
        return config;
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
        if (writeError != null) {
            throw writeError;
        }
        CampaignSummaryFile.write(dir.resolve("summary.json"), config, r, done, finalState(r));
    }

    private CampaignSummaryFile.State finalState(CampaignResult r) {
        return r.interrupted ? CampaignSummaryFile.State.INTERRUPTED
                : stoppedByFailure ? CampaignSummaryFile.State.STOPPED : CampaignSummaryFile.State.FINISHED;
    }

    @Override
    public void writeAsYouGo(Path dir) {
        this.outDir = dir;
    }

    /**
     * Continues the campaign a summary describes (the caller checked it is this campaign): its
     * finished runs are skipped, its totals and failures are the starting point, so the end result
     * is that of one uninterrupted campaign (wall time aside, which adds up).
     */
    public void resume(CampaignSummaryFile.Read earlier) {
        CampaignSummaryFile.merge(result, earlier.result());
        result.interrupted = false;
        for (long[] range : earlier.done().ranges()) {
            done.addRange(range[0], range[1]);
            skip.addRange(range[0], range[1]);
        }
        earlierWallSeconds = earlier.result().wallSeconds;
    }

    /** Runs the campaign with no status line (benchmarks, tests). */
    public CampaignResult run() {
        return run(StatusLine.NONE);
    }

    @Override
    public CampaignResult run(StatusLine status) {
        this.status = status;
        long start = System.nanoTime();
        startNanos = start;
        summaryIfDue(true); // at once: the directory says a campaign is under way, with no runs yet
        Disruptor<RunOutcome> disruptor = new Disruptor<>(RunOutcome::new, 1024, DaemonThreadFactory.INSTANCE,
                ProducerType.MULTI, new BlockingWaitStrategy());
        CountDownLatch workersDone = new CountDownLatch(config.jobs());
        disruptor.handleEventsWith(new Aggregator(workersDone));
        if (outDir != null) {
            archiver = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rcusim-archiver");
                t.setDaemon(true);
                return t;
            });
        }
        lastSummary = start;
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
        if (archiver != null) {
            archiver.shutdown(); // the replay files of failures seen so far are written before the summary
            try {
                archiver.awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        recordFailures();
        result.wallSeconds = earlierWallSeconds + (System.nanoTime() - start) / 1e9;
        result.interrupted = stopping.get() && !stoppedByFailure;
        return result;
    }

    private volatile boolean stoppedByFailure;
    private long startNanos;

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
                if (skip.contains(k)) {
                    continue; // finished in an earlier session of this campaign
                }
                long runIndex = config.shard().runIndex(k);
                long seed = RunSeeds.forRun(config.masterSeed(), runIndex);
                Strategy.Choice choice = strategy.forRun(config.masterSeed(), runIndex);
                ScenarioRun run = ScenarioRun.runUnrecorded(config.scenario(), seed, choice.decider());
                publish(ring, k, runIndex, seed, choice, run);
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
            if (f.run == null && f.replayFile != null) {
                continue; // from an earlier session of a resumed campaign: its file and report are kept
            }
            if (f.run == null) {
                // an earlier session was killed before this failure's file was written: record it now
                ScenarioRun run = ScenarioRun.run(config.scenario(), f.firstSeed,
                        strategy.forRun(config.masterSeed(), f.firstRunIndex).decider(), false);
                if (run.passed() || !Signature.of(run.result().failure()).equals(f.signature)) {
                    throw new IllegalStateException("determinism bug: run " + f.firstRunIndex + " (seed " + f.firstSeed
                            + ") no longer fails with " + f.signature);
                }
                f.run = run;
                f.report = run.result().describe();
                continue;
            }
            synchronized (f) {
                if (f.recordedRunIndex == f.firstRunIndex) {
                    f.run = f.recordedRun;
                    f.report = f.run.result().describe();
                    continue;
                }
            }
            ScenarioRun run = record(f.firstRunIndex, f.firstSeed, f.run.result().decisions().hash());
            f.run = run;
            f.report = run.result().describe();
        }
    }

    /** Runs a failing run again, recorded in full; seed and strategy make it the same run. */
    private ScenarioRun record(long runIndex, long seed, long decisionsHash) {
        Strategy.Choice again = strategy.forRun(config.masterSeed(), runIndex);
        ScenarioRun run = ScenarioRun.run(config.scenario(), seed, again.decider(), false);
        if (run.result().decisions().hash() != decisionsHash || run.passed()) {
            throw new IllegalStateException("determinism bug: run " + runIndex + " (seed " + seed
                    + ") took other decisions when run again to record them");
        }
        return run;
    }

    /** On the archiver: records the failure's run and writes its replay file, unless a lower run came since. */
    private void archive(CampaignResult.Failure f, long runIndex, long seed, String strategyName, long strategySeed,
            long decisionsHash) {
        archiver.execute(() -> {
            synchronized (f) {
                if (f.recordedRunIndex >= 0 && f.recordedRunIndex <= runIndex) {
                    return;
                }
            }
            try {
                ScenarioRun run = record(runIndex, seed, decisionsHash);
                Path file = FailureArchive.fileFor(outDir, f.signature);
                ReplayFile.of(run, strategyName, strategySeed).write(file);
                synchronized (f) {
                    f.recordedRun = run;
                    f.recordedRunIndex = runIndex;
                }
                f.replayFile = file.toString();
            } catch (IOException | RuntimeException e) {
                writeError = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        });
    }

    /** From the aggregator: summary.json as it stands, if the interval has passed. */
    private void summaryIfDue(boolean now) {
        long t = System.nanoTime();
        if (outDir == null || !now && t - lastSummary < SUMMARY_INTERVAL_NANOS) {
            return;
        }
        lastSummary = t;
        result.wallSeconds = earlierWallSeconds + (t - startNanos) / 1e9;
        try {
            CampaignSummaryFile.write(outDir.resolve("summary.json"), config, result, done,
                    CampaignSummaryFile.State.RUNNING);
        } catch (IOException e) {
            writeError = e;
        }
    }

    private static void publish(RingBuffer<RunOutcome> ring, long position, long runIndex, long seed,
            Strategy.Choice choice, ScenarioRun run) {
        long seq = ring.next();
        try {
            RunOutcome o = ring.get(seq);
            o.clear();
            o.runIndex = runIndex;
            o.position = position;
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
            done.add(o.position);
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
                    if (outDir != null) {
                        archive(f, o.runIndex, o.seed, o.strategy, o.strategySeed,
                                o.failedRun.result().decisions().hash());
                    }
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
                summaryIfDue(false);
            }
        }
    }
}
