package rcusim.litmus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import rcusim.cli.BadInputException;
import rcusim.cli.Progress;
import rcusim.cli.ProgressText;
import rcusim.litmus.axiom.AxiomaticRunner;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.LitmusRunner;
import rcusim.litmus.exec.LitmusRuntimeException;
import rcusim.litmus.exec.SearchBudget;
import rcusim.litmus.parse.LitmusParser;
import rcusim.litmus.parse.LitmusSyntaxException;
import rcusim.machine.memory.MemoryModel;

/**
 * Runs litmus tests on a pool of workers and hands each report to the sink in input order as
 * soon as it and every test before it have finished. {@link #cancel()} (Ctrl-C) stops the
 * searches in flight, which report INCOMPLETE (interrupted), and starts no more.
 */
final class LitmusBatch {
    /** Files larger than this are refused: no real litmus test comes near it. */
    static final long MAX_FILE_BYTES = 16L << 20;

    /** The machine's model, or null for the axiomatic LKMM engine. */
    private final MemoryModel model;
    /** With --also: the machine's model run beside the LKMM engine, or null. */
    private final MemoryModel also;
    private final SearchBudget budget;
    private final int jobs;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger finished = new AtomicInteger();
    /** Tests whose worker failed with a bug of rcusim's own (reported as errors, exit 70). */
    private final AtomicInteger internalErrors = new AtomicInteger();

    LitmusBatch(MemoryModel model, MemoryModel also, SearchBudget budget, int jobs) {
        this.model = model;
        this.also = also;
        this.budget = budget.withCancel(cancelled::get);
        this.jobs = jobs;
    }

    void cancel() {
        cancelled.set(true);
    }

    boolean cancelled() {
        return cancelled.get();
    }

    int internalErrors() {
        return internalErrors.get();
    }

    /** Runs every file; reports go to {@code sink} and {@code tally} in input order. */
    void run(List<Path> files, Expectations expectations, ReportSink sink, Tally tally, Progress progress)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, files.size())), r -> {
            Thread t = new Thread(r, "litmus-worker");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            List<Future<TestReport>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    if (cancelled.get()) {
                        return null;
                    }
                    try {
                        return runOne(f, expectations);
                    } finally {
                        finished.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < files.size(); i++) {
                TestReport r = await(futures.get(i), files.get(i), expectations, progress, files.size(), start);
                if (r != null) {
                    progress.clear();
                    sink.test(r);
                    tally.add(r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private TestReport await(Future<TestReport> fu, Path f, Expectations expectations, Progress progress,
            int total, long start) throws InterruptedException {
        while (true) {
            try {
                return fu.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                progress.update(() -> ProgressText.of("litmus", finished.get(), total, "tests", start, System.nanoTime()));
            } catch (ExecutionException e) {
                internalErrors.incrementAndGet();
                return new TestReport(f, null, f + ": internal error while running it (please report): "
                        + e.getCause(), expectations.expected(f));
            }
        }
    }

    private TestReport runOne(Path f, Expectations expectations) {
        var expected = expectations.expected(f);
        try {
            long size = Files.size(f);
            if (size > MAX_FILE_BYTES) {
                return new TestReport(f, null, f + ": " + size + " bytes, more than the "
                        + (MAX_FILE_BYTES >> 20) + " MiB a litmus test may have", expected);
            }
            var test = LitmusParser.parse(f);
            LitmusResult r = model == null ? new AxiomaticRunner(budget).run(test) : new LitmusRunner(model, budget).run(test);
            LitmusResult machine = also == null ? null : new LitmusRunner(also, budget).run(test);
            return new TestReport(f, r, null, expected, expectations.flags(f), machine);
        } catch (LitmusSyntaxException e) {
            return new TestReport(f, null, f.getParent() == null ? e.getMessage()
                    : f.getParent().resolve(e.getMessage()).toString(), expected);
        } catch (LitmusRuntimeException e) {
            return new TestReport(f, null, new BadInputException(f.toString(), e.pos().line(), e.pos().column(),
                    e.getMessage()).getMessage(), expected);
        } catch (IOException e) {
            return new TestReport(f, null, f + ": cannot read: " + e.getMessage(), expected);
        } catch (rcusim.sched.replay.BadFileException e) {
            return new TestReport(f, null, e.getMessage(), expected);
        } catch (StackOverflowError e) {
            return new TestReport(f, null, f + ": too deeply nested to compile", expected);
        } catch (OutOfMemoryError e) {
            // The search handles its own; this is parsing or compiling a huge file.
            return new TestReport(f, null, f + ": too large: the heap ran out before its search began", expected);
        }
    }
}
