package rcusim.litmus.cli;

import java.io.PrintWriter;
import java.util.Locale;
import rcusim.litmus.exec.LitmusResult;

/**
 * One tab-separated line per test, printed as it finishes: file, verdict, observed,
 * executions, complete, ms, status, stopped, states, flags (the model's, comma-separated, or -),
 * and with --also the machine's verdict and grade. An incomplete test's verdict is
 * {@code INCOMPLETE} and {@code stopped} says why (max-states, memory, timeout, interrupted).
 */
final class TsvReport implements ReportSink {
    private final PrintWriter out;
    private final PrintWriter err;
    private boolean also;

    TsvReport(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void begin(RunInfo run) {
        also = run.also() != null;
        out.println("file\tverdict\tobserved\texecutions\tcomplete\tms\tstatus\tstopped\tstates\tflags"
                + (also ? "\tmachine\tmachine_grade" : ""));
        out.flush();
    }

    @Override
    public void test(TestReport t) {
        LitmusResult r = t.result();
        if (r == null) {
            err.println(t.error());
            err.flush();
            out.println(t.file() + "\terror\t0\t0\tno\t0\tERROR\t-\t0\t-" + (also ? "\t-\t-" : ""));
        } else {
            out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%s\t%.2f\t%s\t%s\t%d\t%s%s%n", t.file(),
                    r.complete() ? r.verdict() : "INCOMPLETE", r.observed(), r.executions(),
                    r.complete() ? "yes" : "no", r.millis(), t.status().word(),
                    r.complete() ? "-" : r.stopped().word(), r.states(),
                    r.flags().isEmpty() ? "-" : String.join(",", r.flags()), machineColumns(t));
        }
        out.flush();
    }

    private String machineColumns(TestReport t) {
        if (!also) {
            return "";
        }
        if (t.machine() == null) {
            return "\t-\t-";
        }
        String g = t.machineGrade();
        return "\t" + g.substring(0, g.indexOf(',')) + "\t" + g.substring(g.indexOf(", ") + 2);
    }

    @Override
    public void end(Tally tally) {
        out.flush();
    }
}
