package rcusim.litmus.cli;

import java.io.PrintWriter;
import java.util.Locale;
import rcusim.litmus.exec.LitmusResult;

/**
 * One tab-separated line per test, printed as it finishes: file, verdict, observed,
 * executions, complete, ms, status, stopped, states. An incomplete test's verdict is
 * {@code INCOMPLETE} and {@code stopped} says why (max-states, memory, timeout, interrupted).
 */
final class TsvReport implements ReportSink {
    private final PrintWriter out;
    private final PrintWriter err;

    TsvReport(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void begin(RunInfo run) {
        out.println("file\tverdict\tobserved\texecutions\tcomplete\tms\tstatus\tstopped\tstates");
        out.flush();
    }

    @Override
    public void test(TestReport t) {
        LitmusResult r = t.result();
        if (r == null) {
            err.println(t.error());
            err.flush();
            out.println(t.file() + "\terror\t0\t0\tno\t0\tERROR\t-\t0");
        } else {
            out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%s\t%.2f\t%s\t%s\t%d%n", t.file(),
                    r.complete() ? r.verdict() : "INCOMPLETE", r.observed(), r.executions(),
                    r.complete() ? "yes" : "no", r.millis(), t.status().word(),
                    r.complete() ? "-" : r.stopped().word(), r.states());
        }
        out.flush();
    }

    @Override
    public void end(Tally tally) {
        out.flush();
    }
}
