package rcusim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.sched.replay.BuildInfo;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * The text of {@code rcusim run}, jcstress-like: a banner with the effective configuration,
 * each failing run's report with the command that reproduces it, and a summary line.
 */
final class RunReport {
    private final PrintWriter out;
    private final Scenario scenario;
    private final Map<String, Integer> failuresByKind = new TreeMap<>();
    private int runs;
    private int failed;
    private long steps;
    /** " --schedule FILE" when the runs follow a schedule, else "". */
    private String scheduleOption = "";
    private String decisionsText = "random decisions";

    RunReport(PrintWriter out, Scenario scenario) {
        this.out = out;
        this.scenario = scenario;
    }

    private int failedWith;

    /** The runs follow the schedule in file, then tail decides. */
    void scheduled(String file, String tail) {
        scheduleOption = " --schedule " + file;
        decisionsText = "schedule " + file + ", then " + tail;
    }

    /** The runs follow the scenario file's own schedule block (reproduced without --schedule), then tail decides. */
    void scheduledByFile(String tail) {
        decisionsText = "the file's schedule block, then " + tail;
    }

    void banner(long firstSeed, int count) {
        MachineConfig c = scenario.config();
        out.printf(Locale.ROOT, "rcusim run %s: %s%n", scenario.name(), scenario.description());
        out.printf(Locale.ROOT, "  machine  %d CPUs, memory model %s, %s, step limit %d%n", c.cpus(),
                c.model().text(), kernel(c.kernel()), c.stepLimit());
        out.printf(Locale.ROOT, "  runs     %d, seeds %d to %d, %s%n", count, firstSeed,
                firstSeed + count - 1, decisionsText);
        out.printf(Locale.ROOT, "  build    %s%n%n", BuildInfo.current().versionLine());
        out.flush();
    }

    private static String kernel(KernelConfig k) {
        if (!k.idleTasks()) {
            return "bare CPUs (no tick, no idle tasks, preemption " + name(k.preemption()) + ")";
        }
        return (k.hz() == 0 ? "no tick" : "HZ " + k.hz()) + ", preemption " + name(k.preemption()) + ", "
                + k.stepNs() + " ns per step";
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Counts a run; a failing one is printed at once, with how to reproduce it. */
    void record(ScenarioRun r) {
        runs++;
        steps += r.result().steps();
        if (r.passed()) {
            return;
        }
        failed++;
        if (rcusim.sched.scenario.KcsanScenario.unwrap(scenario) instanceof rcusim.scenarios.file.FileScenario fs && failedAsExpected(r, fs.mustFailWith())) {
            failedWith++;
        }
        failuresByKind.merge(r.result().failure().kind().name(), 1, Integer::sum);
        out.printf(Locale.ROOT, "--- seed %d%n", r.seed());
        out.println(r.result().describe().stripTrailing());
        out.println("reproduce: " + reproduceCommand(scenario, r.seed()) + scheduleOption);
        out.println();
        out.flush();
    }

    /** The command line that runs exactly this run again. */
    static String reproduceCommand(Scenario s, long seed) {
        return "./rcusim run " + s.name() + " --seed " + seed + (s.injection() == null ? "" : " --inject " + s.injection())
                + (s.optionsText().isEmpty() ? "" : " " + s.optionsText());
    }

    int failed() {
        return failed;
    }

    void summary(double wallSeconds) {
        StringBuilder kinds = new StringBuilder();
        failuresByKind.forEach((k, n) -> kinds.append(kinds.isEmpty() ? " (" : ", ").append(k).append(' ').append(n));
        if (!kinds.isEmpty()) {
            kinds.append(')');
        }
        out.printf(Locale.ROOT, "%s: %d runs, %d passed, %d failed%s; %d steps; %.2f s wall%n", scenario.name(),
                runs, runs - failed, failed, kinds, steps, wallSeconds);
        out.flush();
    }

    /**
     * For a scenario file, whether the runs met its expectation: {@code must pass} (every run
     * passed) or {@code must fail with "TEXT"} (a run failed with TEXT in its signature or message).
     */
    void expectation() {
        if (!(rcusim.sched.scenario.KcsanScenario.unwrap(scenario) instanceof rcusim.scenarios.file.FileScenario fs)) {
            return;
        }
        String want = fs.mustFailWith();
        String verdict;
        if (want == null) {
            verdict = "must pass: " + (failed == 0 ? "met" : "NOT met, " + failed + " of " + runs + " runs failed");
        } else {
            verdict = "must fail with \"" + want + "\": " + (failedWith > 0 ? "met, " + failedWith + " of " + runs
                    + " runs failed with it" : "NOT met, no run failed with it");
        }
        out.printf(Locale.ROOT, "expectation: %s%n", verdict);
        out.flush();
    }

    /** Whether r failed the way a scenario file's {@code must fail with "TEXT"} says. */
    static boolean failedAsExpected(ScenarioRun r, String text) {
        if (r.passed() || text == null) {
            return false;
        }
        String message = r.result().failure().getMessage();
        return rcusim.sched.replay.Signature.of(r.result().failure()).toString().contains(text)
                || (message != null && message.contains(text));
    }

    /** The header of a trace file: which run it is and how it ended. */
    String traceHeader(ScenarioRun r) {
        RunResult res = r.result();
        String outcome = res.passed() ? res.describe() : res.describe().lines().findFirst().orElse("");
        return "# " + reproduceCommand(r.scenario(), r.seed()) + scheduleOption + "\n# " + outcome + "\n# decision cpu event\n";
    }
}
