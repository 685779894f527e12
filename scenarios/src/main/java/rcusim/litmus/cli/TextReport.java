package rcusim.litmus.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.Verdict;
import rcusim.machine.memory.MemoryModel;

/**
 * jcstress-style text: a banner with the effective configuration, then per test a table of
 * outcomes with counts and grades, then a summary with verdict counts, expectation checks and
 * timing.
 *
 * <p>Grades: an outcome satisfying the clause is FORBIDDEN when the test is expected Never,
 * otherwise INTERESTING; the others are ACCEPTABLE.
 */
final class TextReport {
    private final PrintWriter out;
    private final MemoryModel model;
    private final int jobs;
    private final long maxStates;

    TextReport(PrintWriter out, MemoryModel model, int jobs, long maxStates) {
        this.out = out;
        this.model = model;
        this.jobs = jobs;
        this.maxStates = maxStates;
    }

    void print(List<TestReport> reports, double wallMs) {
        out.printf(Locale.ROOT, "rcusim litmus: model=%s jobs=%d max-states=%d tests=%d%n%n",
                model.name().toLowerCase(Locale.ROOT), jobs, maxStates, reports.size());
        for (TestReport t : reports) {
            printTest(t);
        }
        printSummary(reports, wallMs);
    }

    private void printTest(TestReport t) {
        LitmusResult r = t.result();
        if (r == null) {
            out.println("ERROR  " + t.file());
            out.println("  " + t.error());
            out.println();
            return;
        }
        String status = t.violatesExpectation() ? "FAIL" : t.missesSometimes() ? "MISS" : "ok";
        out.printf(Locale.ROOT, "%-5s %s  %s: %s%s%s%n", status, t.file(), r.quantifier(), r.verdict(),
                t.expected() == null ? "" : " (expected " + t.expected() + ")", r.complete() ? "" : "  INCOMPLETE");
        int width = Math.max(20, r.outcomes().stream().mapToInt(o -> o.text().length()).max().orElse(0));
        for (LitmusResult.Outcome o : r.outcomes()) {
            String grade = !o.satisfies() ? "ACCEPTABLE" : t.expected() == Verdict.NEVER ? "FORBIDDEN" : "INTERESTING";
            out.printf(Locale.ROOT, "      %-" + width + "s %14d  %s%n", o.text(), o.count(), grade);
        }
        out.printf(Locale.ROOT, "      %d executions, %d states, %.2f ms%s%n%n", r.executions(), r.states(),
                r.millis(), r.deadlocked() > 0 ? ", " + r.deadlocked() + " deadlocked" : "");
    }

    private void printSummary(List<TestReport> reports, double wallMs) {
        long errors = reports.stream().filter(t -> t.result() == null).count();
        List<LitmusResult> done = reports.stream().filter(t -> t.result() != null).map(TestReport::result).toList();
        long never = done.stream().filter(r -> r.verdict() == Verdict.NEVER).count();
        long sometimes = done.stream().filter(r -> r.verdict() == Verdict.SOMETIMES).count();
        long always = done.stream().filter(r -> r.verdict() == Verdict.ALWAYS).count();
        long incomplete = done.stream().filter(r -> !r.complete()).count();
        out.printf(Locale.ROOT, "%d tests: %d Never, %d Sometimes, %d Always, %d errors, %d incomplete%n",
                reports.size(), never, sometimes, always, errors, incomplete);
        long expected = reports.stream().filter(t -> t.expected() != null && t.result() != null).count();
        if (expected > 0) {
            long failures = reports.stream().filter(TestReport::violatesExpectation).count();
            long expSometimes = reports.stream().filter(t -> t.expected() == Verdict.SOMETIMES && t.result() != null).count();
            long missed = reports.stream().filter(TestReport::missesSometimes).count();
            out.printf(Locale.ROOT, "against expectations (%d tests): %d FAIL (Never observed or Always violated),"
                    + " Sometimes reached %d/%d%n", expected, failures, expSometimes - missed, expSometimes);
        }
        double[] ms = done.stream().mapToDouble(LitmusResult::millis).sorted().toArray();
        double median = ms.length == 0 ? 0 : ms.length % 2 == 1 ? ms[ms.length / 2]
                : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        double max = ms.length == 0 ? 0 : ms[ms.length - 1];
        double sum = Arrays.stream(ms).sum();
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf(Locale.ROOT, "time: %.0f ms wall for the run (%d ms since JVM start), tests' own work %.0f ms,"
                + " per test median %.2f ms, max %.2f ms%n", wallMs, sinceStart, sum, median, max);
    }
}
