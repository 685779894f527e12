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

/** {@code rcusim gp-rate}: Tree RCU's grace periods per wall-second as the machine grows. */
@Command(name = "gp-rate", mixinStandardHelpOptions = true,
        header = "Measures grace periods per second at each CPU count.", sortOptions = false,
        description = {
            "Measures grace periods per wall-second of preemptible Tree RCU (default fanouts 64/16) on an idle machine"
                    + " (synchronize_rcu() back to back) and under the torture workload, at each CPU count, with the"
                    + " peak heap of each run. One JVM, one run per row, in the order given.",
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
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%6s %-8s %7s %9s %9s %11s %10s  %s%n", "CPUs", "load", "GPs", "seconds", "GP/s",
                "steps", "peak heap", "outcome");
        out.flush();
        boolean ok = true;
        long rows = (long) cpus.size() * (noTorture ? 1 : 2);
        long done = 0;
        try (Progress progress = Progress.forTerminal(spec.commandLine().getErr())) {
            for (int n : cpus) {
                progress.progress("gp-rate", done++, rows, -1, "rows", () -> n + " CPUs idle");
                GpRate.Row idle = GpRate.idle(n, n <= 8 ? gps * 10 : gps, seed);
                progress.clear();
                ok &= print(out, idle);
                if (!noTorture) {
                    progress.progress("gp-rate", done++, rows, -1, "rows", () -> n + " CPUs torture");
                    GpRate.Row torture = GpRate.torture(n, updates, seed);
                    progress.clear();
                    ok &= print(out, torture);
                }
            }
        }
        return ok ? ExitCodes.PASS : ExitCodes.FAILURE_FOUND;
    }

    private static boolean print(PrintWriter out, GpRate.Row r) {
        out.printf(Locale.ROOT, "%6d %-8s %7d %9.2f %9.0f %11d %8.0f MiB  %s%n", r.cpus(), r.load(), r.gps(), r.seconds(),
                r.gpsPerSecond(), r.steps(), r.peakHeapBytes() / 1048576.0, r.outcome());
        out.flush();
        return r.outcome().equals("passed");
    }
}
