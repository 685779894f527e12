package rcusim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import rcusim.bench.GpRate;

/** {@code rcusim gp-rate}: Tree RCU's grace periods per second as the machine grows, warmed up, median of repetitions. */
@Command(name = "gp-rate", mixinStandardHelpOptions = true,
        header = "Measures grace periods per second at each CPU count.", sortOptions = false,
        description = {
            "Measures grace periods per second of preemptible Tree RCU (default fanouts 64/16) on an idle machine"
                    + " (synchronize_rcu() back to back) and under the torture workload, at each CPU count, with the"
                    + " steps per grace period and the peak heap. One JVM; each row is the same run (same seed, same"
                    + " steps) done --warmup times untimed (the JIT's warm-up), then --repeat times timed: the median"
                    + " and range of the timed runs' rates by wall time and by this thread's CPU time.",
            "Time is parallel: each CPU's operation takes 8 us of virtual time (a CPU's speed in the 8-CPU scenarios)"
                    + " and busy CPUs run side by side, so CPUs do not slow down as the machine grows."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run passed", "1:a run failed", "2:usage error"})
public final class GpRateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cpus", split = ",", paramLabel = "N,...", defaultValue = "8,64,512,4096",
            description = "CPU counts (default: ${DEFAULT-VALUE})")
    List<Integer> cpus;

    @Option(names = "--gps", paramLabel = "G", defaultValue = "100",
            description = "grace periods the idle machine's updater waits for (default: ${DEFAULT-VALUE}; 8 CPUs do 10 times as many)")
    int gps;

    @Option(names = "--updates", paramLabel = "U", defaultValue = "100",
            description = "the torture writer's updates (default: ${DEFAULT-VALUE})")
    int updates;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--no-torture", description = "idle machines only")
    boolean noTorture;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "5",
            description = "untimed runs of each row first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
            description = "timed runs of each row, of which the median is shown (default: ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() {
        for (int n : cpus) {
            if (n < 1 || n > 4096) {
                throw new ParameterException(spec.commandLine(), "--cpus: " + n + " is not between 1 and 4096");
            }
        }
        if (gps < 1 || updates < 1) {
            throw new ParameterException(spec.commandLine(), "--gps and --updates must be positive");
        }
        if (warmup < 0 || repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--warmup must be 0 or more and --repeat 1 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "each row: %d untimed run%s, then the median [min-max] of %d timed run%s%n", warmup,
                warmup == 1 ? "" : "s", repeat, repeat == 1 ? "" : "s");
        out.printf(Locale.ROOT, "%6s %-8s %6s %10s %8s %22s %22s %10s  %s%n", "CPUs", "load", "GPs", "steps", "steps/GP",
                "GP/s (wall)", "GP/s (CPU)", "peak heap", "outcome");
        out.flush();
        boolean ok = true;
        long rows = (long) cpus.size() * (noTorture ? 1 : 2);
        long done = 0;
        try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
            for (int n : cpus) {
                progress.progress("gp-rate", done++, rows, -1, "rows", () -> n + " CPUs idle");
                int idleGps = n <= 8 ? gps * 10 : gps;
                GpRate.Series idle = GpRate.repeat(warmup, repeat, () -> GpRate.idle(n, idleGps, seed));
                progress.clear();
                ok &= print(out, idle);
                if (!noTorture) {
                    progress.progress("gp-rate", done++, rows, -1, "rows", () -> n + " CPUs torture");
                    GpRate.Series torture = GpRate.repeat(warmup, repeat, () -> GpRate.torture(n, updates, seed));
                    progress.clear();
                    ok &= print(out, torture);
                }
            }
        }
        return ok ? ExitCodes.PASS : ExitCodes.FAILURE_FOUND;
    }

    private static boolean print(PrintWriter out, GpRate.Series r) {
        out.printf(Locale.ROOT, "%6d %-8s %6d %10d %8.0f %22s %22s %6.0f MiB  %s%n", r.cpus(), r.load(), r.gps(), r.steps(),
                r.stepsPerGp(), rates(r.wallRates()), rates(r.cpuRates()), r.peakHeapBytes() / 1048576.0, r.outcome());
        out.flush();
        return r.outcome().equals("passed");
    }

    /** "median [min-max]" of sorted rates. */
    private static String rates(double[] sorted) {
        return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", GpRate.Series.median(sorted), sorted[0],
                sorted[sorted.length - 1]);
    }
}
