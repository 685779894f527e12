package rcusim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.replay.BuildInfo;
import rcusim.sched.replay.AtomicFile;
import rcusim.sched.replay.PerfettoTimeline;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.replay.ReplayOutcome;
import rcusim.sched.replay.Replayer;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.schedule.Intervention;
import rcusim.sched.schedule.ScheduleRecorder;
import rcusim.sched.schedule.ScheduleReplayDecider;
import rcusim.sched.schedule.ScheduleWriter;

/**
 * {@code rcusim replay FILE}: runs a recorded run again, decision by decision, checking at
 * each that the simulation offers what it offered when recorded, and reports whether the same
 * failure came out.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs a recorded run (a replay file) again, exactly, and says whether the recorded failure comes out again.",
            "At every decision it checks that the simulation offers the options it offered when recorded; the first"
                    + " difference stops the replay and is named."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the recorded run passed, and passed again",
            "1:the recorded failure was reproduced (same signature)",
            "2:usage error",
            "3:the file is not a readable replay file, or its scenario is unknown or has changed",
            "4:the replay diverged from the recording (the decision is named)"
        })
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the replay file")
    Path file;

    @picocli.CommandLine.Mixin
    KcsanOption kcsanOption = new KcsanOption();

    @Option(names = "--trace", paramLabel = "FILE", description = "write the machine's event trace to FILE")
    Path trace;

    @Option(names = "--ftrace", paramLabel = "FILE", description = "write the kernel trace, in ftrace's text format, to FILE")
    Path ftrace;

    @Option(names = "--perfetto", paramLabel = "FILE",
            description = "write a timeline (one track per CPU, grace periods) for ui.perfetto.dev or chrome://tracing to FILE")
    Path perfetto;

    @Option(names = "--schedule-out", paramLabel = "FILE",
            description = "write the run as a readable schedule to FILE: `rcusim run NAME --seed S --schedule FILE`"
                    + " runs it again, decision for decision")
    Path scheduleOut;

    private final Catalog catalog;

    public ReplayCommand() {
        this(Scenarios.standard());
    }

    /** For tests and tools with a catalog of their own. */
    public ReplayCommand(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() {
        ReplayFile recording = ReplayFile.read(file, catalog);
        // --kcsan adds the detector to a recording made without it (the decisions are the same:
        // the detector takes none); a recording made with it replays with it anyway
        Scenario scenario = rcusim.sched.scenario.KcsanScenario.optionsOf(recording.scenarioIn(catalog)) == null
                ? kcsanOption.apply(recording.scenarioIn(catalog), spec.commandLine()) : recording.scenarioIn(catalog);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (scheduleOut != null) {
            open(scheduleOut, "--schedule-out").close(); // a bad path fails now, not after the replay
        }
        // Outputs are opened before the run, so that a bad path fails before any work; each is
        // written to a temporary name and renamed when complete (a kill leaves no half a file).
        try (AtomicFile traceOut = open(trace, "--trace");
                AtomicFile ftraceOut = open(ftrace, "--ftrace");
                AtomicFile perfettoOut = open(perfetto, "--perfetto")) {
            banner(out, recording, scenario);
            ScheduleRecorder[] recorder = new ScheduleRecorder[1];
            ReplayOutcome o = Replayer.replay(recording, scenario, trace != null || ftrace != null || perfetto != null,
                    d -> recorder[0] = new ScheduleRecorder(d));
            if (scheduleOut != null && o.divergence() == null) {
                writeSchedule(recording, scenario, recorder[0]);
            }
            if (o.result() != null) {
                out.println(o.result().describe().stripTrailing());
                out.println();
            }
            writeOutputs(o, traceOut, ftraceOut, perfettoOut);
            return verdict(out, err, recording, o);
        } catch (IOException e) {
            throw new BadInputException(null, "rcusim replay: cannot write an output file: " + AtomicFile.reason(e));
        }
    }

    /** The replayed run as a schedule, written whole or not at all. */
    private void writeSchedule(ReplayFile f, Scenario s, ScheduleRecorder recorder) {
        java.util.List<Intervention> raised = recorder.wrapped() instanceof ScheduleReplayDecider sr
                ? sr.schedule().interventions() : java.util.List.of();
        String command = RunReport.reproduceCommand(s, f.seed()) + " --schedule " + scheduleOut;
        String text = ScheduleWriter.write(java.util.List.of(
                "written by: rcusim replay " + file + " --schedule-out " + scheduleOut,
                "the run: scenario " + s.name() + ", seed " + f.seed() + (f.injection() == null ? ""
                        : ", injected fault " + f.injection()) + ", " + f.decisions().count() + " decisions, "
                        + f.decisions().steps() + " steps; " + (f.failed() ? "failed: " + f.signature() : "passed"),
                "run it: " + command,
                "one line per decision the machine asked for (see docs/schedules.md); 'then stop' ends it"),
                recorder.choices(), raised);
        try {
            AtomicFile.write(scheduleOut, w -> w.write(text));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--schedule-out: cannot write " + scheduleOut + ": "
                    + AtomicFile.reason(e));
        }
        spec.commandLine().getOut().println("schedule: " + scheduleOut + " (" + text.lines().count() + " lines; " + command
                + ")");
    }

    private void banner(PrintWriter out, ReplayFile f, Scenario s) {
        out.printf(Locale.ROOT, "rcusim replay %s%n", file);
        out.printf(Locale.ROOT, "  scenario   %s: %s%n", s.name(), s.description());
        out.printf(Locale.ROOT, "  run        seed %d%s%n", f.seed(),
                f.injection() == null ? "" : ", injected fault " + f.injection());
        out.printf(Locale.ROOT, "  strategy   %s, seed %d%n", f.strategy(), f.strategySeed());
        out.printf(Locale.ROOT, "  decisions  %d (%d steps)%n", f.decisions().count(), f.decisions().steps());
        out.printf(Locale.ROOT, "  recorded   %s%n", f.failed() ? f.signature() : "passed");
        out.printf(Locale.ROOT, "  build      %s%s%n%n", f.build(), sameBuild(f) ? " (this build)"
                : "; this is " + BuildInfo.current().buildId());
        out.flush();
    }

    private static boolean sameBuild(ReplayFile f) {
        return f.build().equals(BuildInfo.current().buildId());
    }

    private Integer verdict(PrintWriter out, PrintWriter err, ReplayFile f, ReplayOutcome o) {
        switch (o.verdict()) {
            case SAME_FAILURE -> {
                out.println("reproduced: the same failure, " + f.signature());
                return ExitCodes.FAILURE_FOUND;
            }
            case PASSED_AGAIN -> {
                out.println("reproduced: passed, as recorded");
                return ExitCodes.PASS;
            }
            default -> {
                out.println("not reproduced: " + o.divergence().getMessage());
                out.flush();
                err.println("rcusim replay: " + file + ": " + o.divergence().getMessage());
                if (!sameBuild(f)) {
                    err.println("rcusim replay: the recording comes from build " + f.build() + ", this is "
                            + BuildInfo.current().buildId() + "; a change in between can explain it");
                }
                return ExitCodes.REPLAY_DIVERGED;
            }
        }
    }

    private void writeOutputs(ReplayOutcome o, AtomicFile traceOut, AtomicFile ftraceOut, AtomicFile perfettoOut)
            throws IOException {
        if (traceOut != null) {
            traceOut.writer().write("# ./rcusim replay " + file + "\n# " + ending(o) + "\n# decision cpu event\n");
            traceOut.writer().write(o.trace());
            traceOut.commit();
        }
        if (ftraceOut != null) {
            ftraceOut.writer().write(o.ftrace());
            ftraceOut.commit();
        }
        if (perfettoOut != null) {
            PerfettoTimeline.write(o.ftrace(), perfettoOut.writer());
            perfettoOut.commit();
        }
    }

    /** One line on how the replayed run ended, for the trace's header. */
    private static String ending(ReplayOutcome o) {
        if (o.divergence() != null) {
            return o.divergence().getMessage();
        }
        return o.result().describe().lines().findFirst().orElse("");
    }

    private AtomicFile open(Path path, String option) {
        return path == null ? null : OutDirectory.openFile(path, option, spec.commandLine());
    }
}
