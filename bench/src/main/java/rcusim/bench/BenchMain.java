package rcusim.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH benchmarks (JMH's own command line: {@code -f 1 -wi 3 ...}, a regexp selects
 * benchmarks) and prints the summary bench/run.sh shows: ns per strand switch (a), ns per
 * machine step (b), the ratio (b)/(a) against the goals, and the thread fallback (c).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions options = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(options).run();

        Double a = null;
        Double aDeep = null;
        Double aThread = null;
        Double b = null;
        Double bDecision = null;
        Double c = null;
        Double cDecision = null;
        Double stepsPerRun = null;
        Double decisionsPerRun = null;
        long cpuStepsPerRun = 0;
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            if (bench.contains(".StrandSwitch.")) {
                double score = r.getPrimaryResult().getScore();
                switch (method) {
                    case "continuation" -> a = score;
                    case "continuationDeep" -> aDeep = score;
                    case "thread" -> aThread = score;
                    default -> { }
                }
            } else if (bench.contains(".DecisionCost.")
                    && "WEAK".equals(r.getParams().getParam("model"))
                    && String.valueOf(DecisionCost.CPUS).equals(r.getParams().getParam("machineCpus"))) {
                // the summary's figures are the 4-CPU WEAK ones; other -p values are experiments
                Result<?> steps = r.getSecondaryResults().get("steps");
                Result<?> decisions = r.getSecondaryResults().get("decisions");
                if ("thread".equals(r.getParams().getParam("substrate"))) {
                    c = steps == null ? null : steps.getScore();
                    cDecision = decisions == null ? null : decisions.getScore();
                } else {
                    b = steps == null ? null : steps.getScore();
                    bDecision = decisions == null ? null : decisions.getScore();
                    double run = r.getPrimaryResult().getScore();
                    stepsPerRun = b == null ? null : run / b;
                    decisionsPerRun = bDecision == null ? null : run / bDecision;
                    cpuStepsPerRun = (long) DecisionCost.CPUS * Integer.parseInt(r.getParams().getParam("opsPerCpu"));
                }
            }
        }

        System.out.println();
        System.out.println("==== rcusim benchmark summary ====");
        line("(a)  continuation switch (resume+park)", a, "ns");
        line("     continuation switch, 8 frames deep", aDeep, "ns");
        line("     thread-strand switch", aThread, "ns");
        line("(b)  per machine step, 4 CPUs WEAK, continuation", b, "ns");
        line("     per asked decision (same runs)", bDecision, "ns");
        ratio("(b)/(a)  [goal <= 3, far goal 1.5]", b, a);
        if (stepsPerRun != null && a != null) {
            // every CPU step is one resume/park round trip; drains and read choices switch nothing
            double share = a * cpuStepsPerRun / stepsPerRun;
            System.out.println(String.format(Locale.ROOT, "     a run: %.0f steps (%d CPU steps = switches, %.0f drains),"
                    + " %.0f asked decisions", stepsPerRun, cpuStepsPerRun, stepsPerRun - cpuStepsPerRun,
                    decisionsPerRun == null ? Double.NaN : decisionsPerRun));
            line("     switch share of (b): (a) x CPU steps / steps", share, "ns");
            line("     rest of (b): machine, memory, decider", b - share, "ns");
        }
        line("(c)  per machine step, thread fallback", c, "ns");
        line("     per asked decision (same runs)", cDecision, "ns");
        ratio("(c)/(a)", c, a);
    }

    private static void line(String what, Double v, String unit) {
        System.out.println(String.format(Locale.ROOT, "%-52s %s", what,
                v == null ? String.format(Locale.ROOT, "%10s", "n/a") : String.format(Locale.ROOT, "%10.1f %s", v, unit)));
    }

    private static void ratio(String what, Double x, Double y) {
        System.out.println(String.format(Locale.ROOT, "%-52s %s", what,
                x == null || y == null ? String.format(Locale.ROOT, "%10s", "n/a") : String.format(Locale.ROOT, "%10.2f", x / y)));
    }
}
