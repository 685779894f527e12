package rcusim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;
import rcusim.sched.shrink.Shrinker;

/** {@code rcusim shrink FILE}: a smaller run that fails the same way, as a new replay file. */
@Command(name = "shrink", mixinStandardHelpOptions = true,
        header = "Makes a failing recording shorter, keeping its failure.",
        description = {"Delta-debugs a failing run's decision stream: sets preemptions, delayed drains, interrupts,",
            "stale reads and other non-default choices back to the default, and turns the workload down where the",
            "scenario allows (fewer CPUs, tasks and iterations, a shorter stall timeout), while the run still fails",
            "with the same signature in fewer decisions, and writes the smaller run as a replay file (its",
            "configuration options included)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a shrunk replay file was written", "3:a bad replay file",
            "4:the recording does not reproduce its failure (the simulation changed)"})
public final class ShrinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a replay file of a failing run")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the shrunk replay file (default: FILE.shrunk.json)")
    Path out;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "100",
            description = "candidate runs to try at most, half in each of two passes (default: ${DEFAULT-VALUE})")
    int maxRuns;

    private final Catalog catalog;

    public ShrinkCommand() {
        this(Scenarios.standard());
    }

    public ShrinkCommand(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() throws IOException {
        if (maxRuns < 1) {
            throw new BadOptionValue(spec.commandLine(), "--max-runs must be at least 1, not " + maxRuns);
        }
        ReplayFile recording = ReplayFile.read(file, catalog);
        Scenario scenario = recording.scenarioIn(catalog);
        PrintWriter report = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!recording.failed()) {
            err.println("rcusim shrink: " + file + ": the recorded run passed; there is nothing to shrink");
            return ExitCodes.BAD_INPUT;
        }
        if (recording.schedule() != null) {
            // its schedule raised interrupts and started hotplug operations that are not decisions
            err.println("rcusim shrink: " + file + ": the run followed a schedule (" + recording.schedule().file()
                    + "), which shrinking cannot edit; write it out with `rcusim replay " + file
                    + " --schedule-out FILE` and edit that");
            return ExitCodes.BAD_INPUT;
        }
        Path target = out != null ? out : Path.of(file.toString().replaceFirst("\\.json$", "") + ".shrunk.json");
        if (target.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())
                || java.nio.file.Files.exists(target) && java.nio.file.Files.isSameFile(target, file)) {
            throw new BadOptionValue(spec.commandLine(), "--out " + target + " is the recording being shrunk; name"
                    + " another file");
        }
        OutDirectory.openFile(target, "--out", spec.commandLine()).close(); // a bad path fails now, not after the work
        ScenarioRun original = ScenarioRun.run(scenario, recording.seed(),
                new rcusim.sched.ReplayDecider(recording.decisions().toLog()), false);
        if (original.passed() || !Signature.of(original.result().failure()).equals(recording.signature())) {
            err.println("rcusim shrink: " + file + ": the recording does not reproduce its failure "
                    + recording.signature() + " (run `rcusim replay` to see where it diverges)");
            return ExitCodes.REPLAY_DIVERGED;
        }
        long start = System.nanoTime();
        Shrinker.Result r;
        try (Progress progress = Progress.forTerminal(err)) {
            Shrinker shrinker = new Shrinker(scenario, recording.seed(), maxRuns, progress);
            r = shrinker.shrink(original.result().decisions().chosenArray());
        }
        double s = (System.nanoTime() - start) / 1e9;
        ReplayFile.of(r.shrunk(), recording.strategy() + " shrunk", recording.strategySeed()).write(target);
        report.printf(Locale.ROOT, "shrunk %s: %s%n", file, recording.signature());
        report.printf(Locale.ROOT, "  decisions           %8d -> %8d (%.0f%%)%n", r.decisionsBefore(), r.decisionsAfter(),
                100.0 * r.decisionsAfter() / Math.max(1, r.decisionsBefore()));
        report.printf(Locale.ROOT, "  non-default choices %8d -> %8d (%.0f%%)  (preemptions, delayed drains, interrupts,"
                + " stale reads, ...)%n", r.nonDefaultBefore(), r.nonDefaultAfter(),
                100.0 * r.nonDefaultAfter() / Math.max(1, r.nonDefaultBefore()));
        String before = scenario.overrides().commandLine();
        String after = r.shrunk().scenario().overrides().commandLine();
        if (!after.equals(before)) {
            report.printf(Locale.ROOT, "  configuration       %s -> %s%n", before.isEmpty() ? "as defined" : before, after);
        }
        report.printf(Locale.ROOT, "  %d candidate runs, %.1f s%n", r.attempts(), s);
        report.println("  replay: ./rcusim replay " + target);
        report.flush();
        return ExitCodes.PASS;
    }
}
