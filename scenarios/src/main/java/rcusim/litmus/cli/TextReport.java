package rcusim.litmus.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.Verdict;

/**
 * jcstress-style text: a banner with the effective configuration, then per test (as it
 * finishes) a table of outcomes with counts and grades, then a summary with verdict counts,
 * expectation checks and timing.
 *
 * <p>Grades: an outcome satisfying the clause is FORBIDDEN when the test is expected Never,
 * otherwise INTERESTING; the others are ACCEPTABLE. An INCOMPLETE test has no verdict: its
 * outcomes are those reached before the search stopped.
 */
final class TextReport implements ReportSink {
    private final PrintWriter out;
    private final PrintWriter err;

    TextReport(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void begin(RunInfo run) {
        out.printf(Locale.ROOT, "rcusim litmus: model=%s jobs=%d max-states=%d memory=%d MiB per test timeout=%s tests=%d%n%n",
                run.modelName(), run.jobs(), run.budget().maxStates(), run.memoryMiB(),
                run.timeoutSeconds() < 0 ? "none" : run.timeoutSeconds() + "s", run.tests());
        out.flush();
    }

    @Override
    public void test(TestReport t) {
        LitmusResult r = t.result();
        if (r == null) {
            err.println(t.error());
            err.flush();
            out.println("ERROR  " + t.file());
            out.println("  " + t.error());
            out.println();
            out.flush();
            return;
        }
        String expected = t.expected() == null ? "" : " (expected " + t.expected() + ")";
        TestReport.Status status = t.status();
        String flags = r.flags().isEmpty() ? "" : " [flags: " + String.join(" ", r.flags()) + "]";
        if (t.expectedFlags() != null && t.flagsDisagree()) {
            flags += " (herd7 flags: " + (t.expectedFlags().isEmpty() ? "none" : String.join(" ", t.expectedFlags())) + ")";
        }
        if (r.complete()) {
            out.printf(Locale.ROOT, "%-5s %s  %s: %s%s%s%n", status.word(), t.file(), r.quantifier(), r.verdict(), expected,
                    flags);
        } else {
            out.printf(Locale.ROOT, "%-5s %s  %s: no verdict, the search stopped (%s)%s%s%n", status.word(), t.file(),
                    r.quantifier(), r.stopped().text(), expected,
                    status == TestReport.Status.FAIL ? ": a forbidden outcome was reached all the same" : "");
        }
        int width = Math.max(20, r.outcomes().stream().mapToInt(o -> o.text().length()).max().orElse(0));
        for (LitmusResult.Outcome o : r.outcomes()) {
            String grade = !o.satisfies() ? "ACCEPTABLE" : t.expected() == Verdict.NEVER ? "FORBIDDEN" : "INTERESTING";
            out.printf(Locale.ROOT, "      %-" + width + "s %14d  %s%n", o.text(), o.count(), grade);
        }
        out.printf(Locale.ROOT, "      %d executions, %d states, %.2f ms%s%s%s%n", r.executions(), r.states(),
                r.millis(), r.deadlocked() > 0 ? ", " + r.deadlocked() + " deadlocked" : "",
                r.complete() ? "" : "; so far (counts are lower bounds)",
                r.verdictOnly() ? "; verdict search: the outcomes shown are those found, not all" : "");
        if (t.machine() != null) {
            out.printf(Locale.ROOT, "      machine: %s%n", t.machineGrade());
        }
        out.println();
        out.flush();
    }

    @Override
    public void end(Tally s) {
        out.printf(Locale.ROOT, "%d tests%s: %d Never, %d Sometimes, %d Always, %d INCOMPLETE%s, %d errors%n",
                s.reported, s.interrupted ? " of " + s.planned + " (interrupted)" : "",
                s.count(Verdict.NEVER), s.count(Verdict.SOMETIMES), s.count(Verdict.ALWAYS),
                s.count(TestReport.Status.INCOMPLETE) + incompleteFails(s), stops(s.stops),
                s.count(TestReport.Status.ERROR));
        if (s.judged > 0 || s.count(TestReport.Status.FAIL) > 0) {
            out.printf(Locale.ROOT, "against expectations: %d FAIL (Never observed or Always violated);"
                    + " of %d complete tests with an expected verdict, %d agree; Sometimes reached %d/%d%n",
                    s.count(TestReport.Status.FAIL), s.judged, s.agree, s.reachedSometimes, s.expectedSometimes);
        }
        if (s.flagJudged > 0) {
            out.printf(Locale.ROOT, "flags: of %d complete tests with herd7's flags, %d agree%s%n", s.flagJudged, s.flagAgree,
                    s.flagMismatches.isEmpty() ? "" : "; differ: " + String.join(", ", s.flagMismatches));
        }
        if (s.machineGraded > 0 || s.machineUngraded > 0) {
            out.printf(Locale.ROOT, "machine graded against lkmm: %d tests, %d exact, %d unsound (reached an outcome LKMM"
                    + " forbids), %d incomplete (missed an allowed one), %d not finished%s%n", s.machineGraded,
                    s.machineExact, s.machineUnsound, s.machineIncomplete, s.machineUngraded,
                    s.machineUnsoundTests.isEmpty() ? "" : "; unsound: " + String.join(", ", s.machineUnsoundTests));
        }
        double[] ms = s.sortedMillis();
        double median = ms.length == 0 ? 0 : ms.length % 2 == 1 ? ms[ms.length / 2]
                : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        double max = ms.length == 0 ? 0 : ms[ms.length - 1];
        double sum = Arrays.stream(ms).sum();
        long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf(Locale.ROOT, "time: %.0f ms wall for the run (%d ms since JVM start), tests' own work %.0f ms,"
                + " per test median %.2f ms, max %.2f ms%n", s.wallMs, sinceStart, sum, median, max);
        out.printf(Locale.ROOT, "figures: %d tests, complete %.1f%%, Sometimes reached %d/%d, unsound %d, flags agree %d/%d,"
                + " median %.2f ms, total %.1f s%n", s.reported, s.reported == 0 ? 0.0
                        : 100.0 * (s.reported - s.count(TestReport.Status.INCOMPLETE) - s.count(TestReport.Status.ERROR)
                        - incompleteFails(s)) / s.reported,
                s.reachedSometimes, s.expectedSometimes, s.count(TestReport.Status.FAIL), s.flagAgree, s.flagJudged,
                median, s.wallMs / 1000);
        out.flush();
    }

    /** Incomplete searches that still found a violation are counted FAIL, and incomplete too. */
    private static int incompleteFails(Tally s) {
        return s.stops.values().stream().mapToInt(Integer::intValue).sum() - s.count(TestReport.Status.INCOMPLETE);
    }

    private static String stops(Map<rcusim.litmus.exec.StopReason, Integer> stops) {
        if (stops.isEmpty()) {
            return "";
        }
        return stops.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().text())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
