package rcusim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.replay.AtomicFile;
import rcusim.sched.replay.PerfettoTimeline;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.schedule.ScheduleFile;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * {@code rcusim run NAME}: runs a built-in scenario under seeded random decisions, once per
 * seed, and reports every failure with the command that replays it.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs a scenario (a built-in or catalog name, see `rcusim list`, or a scenario file's path) N times under"
                    + " random decisions, with seeds S, S+1, ..., S+N-1.",
            "A run is a pure function of the scenario and its seed: every failure is printed with the command that"
                    + " runs exactly that run again.",
            "With --schedule FILE each run follows a scripted schedule first (docs/schedules.md)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every run passed",
            "1:a run failed (each failure is printed with its reproduce command)",
            "2:usage error, or no scenario of that name and no such file (the known names are listed)",
            "3:bad configuration: one the kernel would reject (fanout out of range, too many CPUs, --nocb naming"
                    + " absent CPUs); a scenario file with an error, a schedule that cannot be read, or a step of it the"
                    + " run cannot take (file:line:col)"
        })
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = BuiltinNames.class,
            description = "the scenario: a name (${COMPLETION-CANDIDATES}), a scenario file's path, or an rcutorture"
                    + " configuration (rcutorture/TREE04, or a path to one with NAME.boot and CFcommon beside it)")
    String name;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the first run (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "how many runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--inject", paramLabel = "NAME",
            description = "inject a fault into the scenario (see `rcusim list mutations`)")
    String inject;

    @Option(names = "--stop-on-first", description = "stop at the first failing run")
    boolean stopOnFirst;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    KcsanOption kcsanOption = new KcsanOption();

    @Mixin
    MemoryModelOption memoryModelOption = new MemoryModelOption();

    @Option(names = "--trace", paramLabel = "FILE",
            description = "write the machine's event trace of the first failing run (else the last run) to FILE")
    Path trace;

    @Option(names = "--ftrace", paramLabel = "FILE",
            description = "write the kernel trace, in ftrace's text format, of the first failing run (else the last run) to FILE")
    Path ftrace;

    @Option(names = "--perfetto", paramLabel = "FILE",
            description = "write a timeline (one track per CPU, grace periods) of the first failing run (else the last)"
                    + " for ui.perfetto.dev or chrome://tracing to FILE")
    Path perfetto;

    @Option(names = "--schedule", paramLabel = "FILE",
            description = "follow the scripted schedule in FILE (docs/schedules.md), then its 'then' strategy"
                    + " (default: random, seeded with the run's seed)")
    Path schedule;

    @Option(names = "--replay-out", paramLabel = "FILE",
            description = "write the replay file of the first failing run (else the last run) to FILE")
    Path replayOut;

    private final Catalog catalog;

    public RunCommand() {
        this(Scenarios.standard());
    }

    /** For tests and tools with a catalog of their own. */
    public RunCommand(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new BadOptionValue(spec.commandLine(), "--runs must be at least 1, got " + runs);
        }
        Optional<Scenario> chosen = kcsanOption.apply(memoryModelOption.apply(ScenarioChoice.resolve("run", catalog, name, inject,
                configOptions.overrides(), spec.commandLine()), spec.commandLine()), spec.commandLine());
        if (chosen.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Scenario scenario = chosen.get();
        // --schedule FILE, else a scenario file's own schedule { } block
        var embedded = rcusim.sched.scenario.KcsanScenario.unwrap(scenario) instanceof rcusim.scenarios.file.FileScenario f
                && schedule == null ? f.schedule()
                : java.util.Optional.<rcusim.sched.replay.ReplayFile.ScheduleText>empty();
        ScheduleFile sched = schedule != null ? ScheduleFile.read(schedule) : embedded.map(ScheduleFile::of).orElse(null);
        RunReport report = new RunReport(spec.commandLine().getOut(), scenario);
        if (schedule != null) {
            report.scheduled(schedule.toString(), sched.schedule().tail());
        } else if (sched != null) {
            report.scheduledByFile(sched.schedule().tail());
        }
        if (replayOut != null) {
            open(replayOut, "--replay-out").close(); // a bad path fails now, not after the runs
        }
        // Outputs are opened before the runs, so that a bad path fails before any work, and renamed
        // into place when complete, so that a kill leaves no half-written file.
        try (AtomicFile traceOut = open(trace, "--trace");
                AtomicFile ftraceOut = open(ftrace, "--ftrace");
                AtomicFile perfettoOut = open(perfetto, "--perfetto")) {
            ScenarioRun kept = runAll(scenario, report, sched);
            if (traceOut != null) {
                traceOut.writer().write(report.traceHeader(kept));
                traceOut.writer().write(kept.trace());
                traceOut.commit();
            }
            if (ftraceOut != null) {
                ftraceOut.writer().write(kept.ftrace());
                ftraceOut.commit();
            }
            if (perfettoOut != null) {
                PerfettoTimeline.write(kept.ftrace(), perfettoOut.writer());
                perfettoOut.commit();
            }
            if (replayOut != null) {
                writeReplay(kept, sched);
            }
            return kept.passed() ? ExitCodes.PASS : ExitCodes.FAILURE_FOUND;
        } catch (IOException e) {
            throw new BadInputException(null, "rcusim run: cannot write an output file: " + AtomicFile.reason(e));
        }
    }

    private AtomicFile open(Path path, String option) {
        return path == null ? null : OutDirectory.openFile(path, option, spec.commandLine());
    }

    private void writeReplay(ScenarioRun kept, ScheduleFile sched) {
        ReplayFile f = sched == null ? ReplayFile.of(kept, "random", kept.seed())
                : ReplayFile.of(kept, "schedule then " + sched.schedule().tail(), kept.seed(), sched.text());
        try {
            f.write(replayOut);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--replay-out: cannot write " + replayOut + ": "
                    + AtomicFile.reason(e));
        }
        spec.commandLine().getOut().println("replay file: " + replayOut + " (rcusim replay " + replayOut + ")");
    }

    /** Runs every seed; returns the run whose trace is kept: the first failing one, else the last. */
    private ScenarioRun runAll(Scenario s, RunReport report, ScheduleFile sched) {
        long start = System.nanoTime();
        report.banner(seed, runs);
        ScenarioRun kept = null;
        try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
            for (int i = 0; i < runs; i++) {
                boolean tracing = trace != null || ftrace != null || perfetto != null;
                ScenarioRun r = sched == null ? ScenarioRun.run(s, seed + i, tracing) : sched.run(s, seed + i, tracing);
                if (!r.passed()) {
                    progress.close();
                }
                report.record(r);
                if (kept == null || kept.passed()) {
                    kept = r;
                }
                if (!r.passed() && stopOnFirst) {
                    break;
                }
                int done = i + 1;
                progress.update(() -> s.name() + ": run " + done + " of " + runs + ", " + report.failed() + " failed");
            }
        }
        report.summary((System.nanoTime() - start) / 1e9);
        report.expectation();
        return kept;
    }

    /** The built-in scenario names, for the help text. */
    static final class BuiltinNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Scenarios.standard().names().iterator();
        }
    }
}
