package rcusim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import rcusim.machine.RunResult;
import rcusim.sched.BoundedExhaustive;
import rcusim.sched.ReplayDecider;
import rcusim.sched.SearchBound;
import rcusim.sched.replay.BuildInfo;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * {@code rcusim explore SCENARIO --strategy exhaustive:B}: every execution of the scenario
 * within the bound, on one thread, lowest level first, reporting how many executions ran,
 * whether that was all of them (complete) and the wall time.
 */
final class ExhaustiveExplore {
    /** Probes for the size estimate printed before the search, at most (fewer under a budget). */
    static final int PROBES = 256;

    private final Scenario scenario;
    private final String spec;
    private final SearchBound bound;
    private final long seed;
    private final long maxExecutions;
    private final long millis;
    private final boolean stopOnFirst;
    private final Path out;

    ExhaustiveExplore(Scenario scenario, String spec, SearchBound bound, long seed, long maxExecutions, long millis,
            boolean stopOnFirst, Path out) {
        this.scenario = scenario;
        this.spec = spec;
        this.bound = bound;
        this.seed = seed;
        this.maxExecutions = maxExecutions;
        this.millis = millis;
        this.stopOnFirst = stopOnFirst;
        this.out = out;
    }

    /** The estimate's probes are runs too: a tenth of an execution budget, 32 under a time budget. */
    private int probes() {
        int n = maxExecutions == Long.MAX_VALUE ? PROBES : (int) Math.max(4, Math.min(PROBES, maxExecutions / 10));
        return millis >= 0 ? Math.min(n, 32) : n;
    }

    int run(PrintWriter stdout, PrintWriter err) throws IOException {
        stdout.printf(Locale.ROOT, "rcusim explore %s: %s%n", scenario.name(), scenario.description());
        stdout.printf(Locale.ROOT, "  machine   %d CPUs, memory model %s, HZ %d, preemption %s%n", scenario.config().cpus(),
                scenario.config().model().name().toLowerCase(Locale.ROOT), scenario.config().kernel().hz(),
                scenario.config().kernel().preemption().name().toLowerCase(Locale.ROOT));
        stdout.printf(Locale.ROOT, "  search    %s: bounded exhaustive, %s; seed %d, 1 job%s%n", spec, bound.describe(),
                seed, scenario.injection() == null ? "" : ", injected: " + scenario.injection());
        stdout.printf(Locale.ROOT, "  budget    %s%s%n", maxExecutions == Long.MAX_VALUE ? "none" : maxExecutions + " executions",
                millis < 0 ? "" : ", " + millis / 1000.0 + " s");
        stdout.printf(Locale.ROOT, "  build     %s%n", BuildInfo.current().versionLine());
        stdout.flush();
        long start = System.nanoTime();
        long deadline = millis < 0 ? Long.MAX_VALUE : start + millis * 1_000_000L;
        AtomicBoolean interrupted = new AtomicBoolean();
        BoundedExhaustive.Result r;
        try (Progress progress = Progress.forTerminal(err)) {
            BoundedExhaustive.Monitor monitor = new BoundedExhaustive.Monitor() {
                private long failed;

                @Override
                public void executed(long executions, int level, RunResult result) {
                    failed += result.passed() ? 0 : 1;
                    progress.update(() -> String.format(Locale.ROOT, "%s: level %d, %d executions, %d failed, %.0f s",
                            scenario.name(), level, executions, failed, (System.nanoTime() - start) / 1e9));
                }

                @Override
                public boolean stop() {
                    return interrupted.get() || System.nanoTime() - deadline > 0;
                }
            };
            Thread hook = new Thread(() -> interrupted.set(true), "rcusim-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            r = new BoundedExhaustive(probes(), 1, stopOnFirst).explore(
                    d -> ScenarioRun.run(scenario, seed, d, false).result(), bound, maxExecutions, monitor);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already (Ctrl-C): the report below still comes out
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout.println();
        stdout.printf(Locale.ROOT, "%d executions, %s; %d failed; %.1f s wall, %.0f executions/s%n", r.executions(),
                r.complete() ? "complete: every execution within the bound was explored"
                        : "incomplete: " + (r.failed() && stopOnFirst ? "stopped at the first failure"
                        : interrupted.get() ? "interrupted" : "the budget ran out") + " (levels 0 to "
                        + (r.levelsCompleted() - 1) + " of " + bound.maxLevel() + " complete)",
                r.failedExecutions(), seconds, r.executions() / Math.max(1e-9, seconds));
        stdout.printf(Locale.ROOT, "  estimated size of the tree within the bound (Knuth, %d probes): %.3g executions%n",
                probes(), r.estimatedTotal());
        if (r.failed()) {
            ScenarioRun failing = ScenarioRun.run(scenario, seed, new ReplayDecider(r.firstFailureLog()), false);
            stdout.println();
            stdout.printf(Locale.ROOT, "FAILURE %s%n  first of %d failing execution%s (lowest level first)%n",
                    Signature.of(r.firstFailure().failure()), r.failedExecutions(), r.failedExecutions() == 1 ? "" : "s");
            stdout.println("  " + failing.result().describe().stripTrailing().replace("\n", "\n  "));
            if (out != null) {
                Files.createDirectories(out);
                String kind = r.firstFailure().failure().kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
                Path file = out.resolve("failure-1-" + kind + ".json");
                ReplayFile.of(failing, spec, 0).write(file);
                stdout.println("  replay: ./rcusim replay " + file);
            }
        }
        stdout.flush();
        return r.failed() ? ExitCodes.FAILURE_FOUND : ExitCodes.PASS;
    }
}
