package rcusim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import rcusim.bench.CampaignThroughput.Baseline;
import rcusim.bench.CampaignThroughput.Round;
import rcusim.bench.CampaignThroughput;
import rcusim.sched.scenario.Scenario;

/** {@code rcusim throughput}: a campaign's runs per second with one and two workers. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        header = "Measures a campaign's runs per second with 1 and 2 workers.", sortOptions = false,
        description = {
            "Measures a campaign's executions per second with 1 and with 2 workers, in one JVM: a warm-up, then"
                    + " ROUNDS pairs of the same campaign (same seed, same runs) with 1 and 2 workers, each pair after"
                    + " the machine's own 2-thread speed-up on a compute-bound loop (did this round have two cores?),"
                    + " and at the end the compute-bound and a memory-bound reference loop at full size."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "2:usage error"})
public final class ThroughputCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "torture",
            description = "the scenario: a name or a scenario file's path (default: ${DEFAULT-VALUE})")
    String scenarioName;

    @Option(names = "--compare", paramLabel = "NAME",
            description = "instead of 1 against 2 workers: this scenario (a name or a file) against --scenario, one"
                    + " worker each, same seeds, alternating, ROUNDS times; prints each one's runs/s and the ratio")
    String compareName;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "400", description = "runs per campaign (default: ${DEFAULT-VALUE})")
    long runs;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "pairs of campaigns, 1 then 2 workers (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "master seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--baseline", paramLabel = "M", defaultValue = "600",
            description = "the reference loops' size: millions of compute-loop iterations, a tenth as many memory accesses"
                    + " (default: ${DEFAULT-VALUE}, about a second each here)")
    long baselineMillions;

    private Scenario scenario(String name) {
        return Scenarios.standard().find(name).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "unknown scenario '" + name + "' (see rcusim list), and no such file"));
    }

    /**
     * Runs per second of other against base, one worker each, the same seeds, alternating so
     * that both see the same machine load; the ratio base/other is how much slower other is.
     */
    private Integer compare(PrintWriter out, Scenario base, Scenario other) {
        out.printf(Locale.ROOT, "%s against %s, %d runs per campaign, 1 worker each, master seed %d%n", other.name(),
                base.name(), runs, seed);
        out.flush();
        CampaignThroughput.campaign(base, Math.max(10, runs / 2), 1, seed + 1); // warm-up: both compiled
        CampaignThroughput.campaign(other, Math.max(10, runs / 2), 1, seed + 1);
        out.printf(Locale.ROOT, "%5s %14s %14s %14s %14s %8s%n", "round", base.name() + " r/s", other.name() + " r/s",
                "steps/run", "steps/run", "ratio");
        List<Double> ratios = new ArrayList<>();
        List<Double> stepRatios = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            Round a = CampaignThroughput.campaign(base, runs, 1, seed);
            Round b = CampaignThroughput.campaign(other, runs, 1, seed);
            double ratio = a.runsPerSecond() / b.runsPerSecond();
            ratios.add(ratio);
            double stepsA = a.steps() / (double) a.runs();
            double stepsB = b.steps() / (double) b.runs();
            stepRatios.add((stepsA / a.seconds()) / (stepsB / b.seconds()));
            out.printf(Locale.ROOT, "%5d %14.1f %14.1f %14.0f %14.0f %8.2f%n", i, a.runsPerSecond(), b.runsPerSecond(),
                    stepsA, stepsB, ratio);
            out.flush();
        }
        out.printf(Locale.ROOT, "%s takes %.2fx the time per run of %s (median of %d rounds; min %.2f, max %.2f);"
                + " per step %.2fx%n", other.name(), median(ratios), base.name(), rounds, Collections.min(ratios),
                Collections.max(ratios), median(stepRatios));
        out.flush();
        return ExitCodes.PASS;
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Override
    public Integer call() {
        if (runs < 10 || rounds < 1 || baselineMillions < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--runs must be at least 10, --rounds and --baseline at least 1");
        }
        Scenario scenario = scenario(scenarioName);
        PrintWriter out = spec.commandLine().getOut();
        if (compareName != null) {
            return compare(out, scenario, scenario(compareName));
        }
        out.printf(Locale.ROOT, "%s, %d runs per campaign, %d processors%n", scenario.name(), runs,
                Runtime.getRuntime().availableProcessors());
        out.flush();
        // progress by steps: the warm-up, three per round, the two baselines at the end
        Progress progress = Progress.forTerminal(spec.commandLine().getErr());
        long steps = 3L + 3L * rounds;
        progress.progress("throughput", 0, steps, -1, "steps", () -> "warm-up");
        CampaignThroughput.campaign(scenario, Math.max(10, runs / 2), 2, seed + 1); // warm-up: both workers compiled
        progress.clear();
        out.printf(Locale.ROOT, "%5s %8s %9s %10s %12s %16s%n", "round", "workers", "runs/s", "speed-up", "CPU ms/run",
                "machine's own");
        List<Double> speedUps = new ArrayList<>();
        List<Double> machine = new ArrayList<>();
        long computeLoop = baselineMillions * 1_000_000;
        for (int i = 1; i <= rounds; i++) {
            // the compute loop's 2-thread speed-up just before: whether both cores were ours this round
            long done = 1L + 3L * (i - 1);
            int round = i;
            progress.progress("throughput", done, steps, -1, "steps", () -> "round " + round + ": compute loop");
            Baseline cores = CampaignThroughput.compute(computeLoop / 4);
            progress.progress("throughput", done + 1, steps, -1, "steps", () -> "round " + round + ": 1 worker");
            Round one = CampaignThroughput.campaign(scenario, runs, 1, seed);
            progress.progress("throughput", done + 2, steps, -1, "steps", () -> "round " + round + ": 2 workers");
            Round two = CampaignThroughput.campaign(scenario, runs, 2, seed);
            progress.clear();
            if (one.steps() != two.steps()) {
                throw new IllegalStateException("determinism bug: " + one.steps() + " steps with 1 worker, "
                        + two.steps() + " with 2");
            }
            double s = two.runsPerSecond() / one.runsPerSecond();
            speedUps.add(s);
            machine.add(cores.speedUp());
            out.printf(Locale.ROOT, "%5d %8d %9.1f %10s %12.1f%n", i, 1, one.runsPerSecond(), "", one.cpuSecondsPerRun() * 1e3);
            out.printf(Locale.ROOT, "%5d %8d %9.1f %10.2f %12.1f %16.2f%n", i, 2, two.runsPerSecond(), s,
                    two.cpuSecondsPerRun() * 1e3, cores.speedUp());
            out.flush();
        }
        out.printf(Locale.ROOT, "speed-up with 2 workers: median %.2f (min %.2f, max %.2f); the machine's own on the"
                + " compute loop: median %.2f%n", median(speedUps), Collections.min(speedUps), Collections.max(speedUps),
                median(machine));
        out.flush();
        progress.progress("throughput", steps - 2, steps, -1, "steps", () -> "the machine's own speed-up");
        List<Baseline> baselines = List.of(CampaignThroughput.compute(computeLoop),
                CampaignThroughput.memory((int) Math.min(Integer.MAX_VALUE, baselineMillions * 100_000)));
        progress.close();
        out.println("this machine's own speed-up with 2 threads (same process, just after):");
        for (Baseline b : baselines) {
            out.printf(Locale.ROOT, "  %-34s %.2f (1 thread %.2f s, 2 threads %.2f s)%n", b.name(), b.speedUp(),
                    b.oneThreadSeconds(), b.twoThreadSeconds());
        }
        out.flush();
        return ExitCodes.PASS;
    }
}
