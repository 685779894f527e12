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
 * machine step (b), the ratio (b)/(a) against the goals, and the thread fallback (c); then the
 * kernel environment on 8 CPUs ({@link KernelCost}): ns per simulated context switch (e) and
 * per tick (f), with their ratios to (b) from the same run.
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
        Double bParking = null;
        Double c = null;
        Double cDecision = null;
        Double stepsPerRun = null;
        Double decisionsPerRun = null;
        long cpuStepsPerRun = 0;
        Double e = null;
        Double eStep = null;
        Double eRun = null;
        Double f = null;
        Double fStep = null;
        Double fRun = null;
        Double gStep = null;
        Double gRun = null;
        double fErr = Double.NaN;
        double gErr = Double.NaN;
        Double hStep = null;
        java.util.List<RunResult> otherTicks = new java.util.ArrayList<>();
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
            } else if (bench.contains(".KernelCost.")) {
                double run = r.getPrimaryResult().getScore();
                Double steps = aux(r, "steps");
                switch (method) {
                    case "contextSwitch" -> {
                        e = aux(r, "switches");
                        eStep = steps;
                        eRun = run;
                    }
                    case "tick" -> {
                        if (!"1000".equals(r.getParams().getParam("tickStepNs"))
                                || !"10000".equals(r.getParams().getParam("tickHz"))) {
                            // other tick rates (-p tickStepNs=...): experiments, listed below
                            otherTicks.add(r);
                            continue;
                        }
                        f = aux(r, "ticks");
                        fStep = steps;
                        fRun = run;
                        fErr = r.getPrimaryResult().getScoreError();
                    }
                    case "tickless" -> {
                        gStep = steps;
                        gRun = run;
                        gErr = r.getPrimaryResult().getScoreError();
                    }
                    case "bare" -> hStep = steps;
                    default -> { }
                }
            } else if (bench.contains(".DecisionCost.")
                    && "WEAK".equals(r.getParams().getParam("model"))
                    && String.valueOf(DecisionCost.CPUS).equals(r.getParams().getParam("machineCpus"))) {
                // the summary's figures are the 4-CPU WEAK ones; other -p values are experiments
                Result<?> steps = r.getSecondaryResults().get("steps");
                Result<?> decisions = r.getSecondaryResults().get("decisions");
                if ("false".equals(r.getParams().getParam("inlineSteps"))) {
                    bParking = steps == null ? null : steps.getScore();
                } else if ("thread".equals(r.getParams().getParam("substrate"))) {
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
        if (bParking != null) {
            line("(b') the same, every step parks (-p inlineSteps=false)", bParking, "ns");
            ratio("(b')/(a)", bParking, a);
        }
        if (stepsPerRun != null && a != null) {
            // at most one resume/park round trip a CPU step (none when the strand goes on inline);
            // drains and read choices switch nothing
            double share = a * cpuStepsPerRun / stepsPerRun;
            System.out.println(String.format(Locale.ROOT, "     a run: %.0f steps (%d CPU steps = switches, %.0f drains),"
                    + " %.0f asked decisions", stepsPerRun, cpuStepsPerRun, stepsPerRun - cpuStepsPerRun,
                    decisionsPerRun == null ? Double.NaN : decisionsPerRun));
            line("     switch share of (b), at most: (a) x CPU steps / steps", share, "ns");
            line("     rest of (b): machine, memory, decider", b - share, "ns");
        }
        line("(c)  per machine step, thread fallback", c, "ns");
        line("     per asked decision (same runs)", cDecision, "ns");
        ratio("(c)/(a)", c, a);

        if (e != null || f != null || gStep != null) {
            System.out.println("---- kernel environment, 8 CPUs WEAK, KernelConfig.kernel() (KernelCost) ----");
            line("(e)  per context switch (ping-pong, HZ 1000)", e, "ns");
            perSecond("     context switches per host second", e);
            line("     per machine step, same runs", eStep, "ns");
            perRun("     a run", eRun, eStep, e, "switches", "switch");
            ratio("(e)/(b)  switch / bare step", e, b);
            ratio("     switch-run step / bare step", eStep, b);
            line("(f)  per tick taken (READ_ONCE loop, HZ 10000)", f, "ns");
            perSecond("     ticks per host second", f);
            line("     per machine step, same runs", fStep, "ns");
            perRun("     a run", fRun, fStep, f, "ticks", "tick");
            ratio("(f)/(b)  host time per tick / bare step", f, b);
            ratio("     tick-run step / bare step", fStep, b);
            line("(g)  per machine step, same loop, HZ 0", gStep, "ns");
            ratio("     tickless step / bare step", gStep, b);
            if (fRun != null && gRun != null && f != null) {
                double ticks = fRun / f;
                double marginal = (fRun - gRun) / ticks;
                // JMH's 99.9% half-widths of the two run times, combined
                double err = Math.sqrt(fErr * fErr + gErr * gErr) / ticks;
                System.out.println(String.format(Locale.ROOT, "%-52s %10.1f ns +- %.1f%s",
                        "(f') marginal tick: (tick run - tickless run)/ticks", marginal, err,
                        Math.abs(marginal) < err ? " (within noise)" : ""));
                ratio("(f')/(b)", marginal, b);
            }
            for (RunResult r : otherTicks) {
                Double t = aux(r, "ticks");
                double run = r.getPrimaryResult().getScore();
                String what = "HZ " + r.getParams().getParam("tickHz") + ", " + r.getParams().getParam("tickStepNs")
                        + " ns a step";
                line("     tick, " + what, t, "ns");
                if (t != null && gRun != null) {
                    double ticks = run / t;
                    double err = Math.sqrt(Math.pow(r.getPrimaryResult().getScoreError(), 2) + gErr * gErr) / ticks;
                    Double st = aux(r, "steps");
                    System.out.println(String.format(Locale.ROOT, "%-52s %10.1f ns +- %.1f (%.0f ticks, %.0f steps a run)",
                            "     marginal tick, " + what, (run - gRun) / ticks, err, ticks, st == null ? Double.NaN : run / st));
                }
            }
            line("(h)  per machine step, same loop, bare 8 CPUs", hStep, "ns");
            ratio("     (h)/(b)", hStep, b);
            ratio("     (g)/(h)  kernel environment, no tick", gStep, hStep);
            ratio("     (e)/(h)  switch / bare 8-CPU step", e, hStep);
        }
    }

    private static Double aux(RunResult r, String name) {
        Result<?> x = r.getSecondaryResults().get(name);
        return x == null ? null : x.getScore();
    }

    private static void perSecond(String what, Double nsPerOp) {
        System.out.println(String.format(Locale.ROOT, "%-52s %s", what, nsPerOp == null
                ? String.format(Locale.ROOT, "%10s", "n/a") : String.format(Locale.ROOT, "%10.0f /s", 1e9 / nsPerOp)));
    }

    /** One run's time and its counts (derived: run time / time per unit). */
    private static void perRun(String what, Double run, Double perStep, Double perUnit, String units, String unit) {
        if (run == null || perStep == null || perUnit == null) {
            return;
        }
        System.out.println(String.format(Locale.ROOT, "%-52s %10.2f ms: %.0f steps, %.0f %s, %.2f steps per %s",
                what, run / 1e6, run / perStep, run / perUnit, units, perUnit / perStep, unit));
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
