package rcusim.litmus.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import rcusim.litmus.exec.LitmusResult;

/** One tab-separated line per test: file, verdict, observed, executions, complete, ms. */
final class TsvReport {
    private TsvReport() {
    }

    static void print(PrintWriter out, List<TestReport> reports) {
        out.println("file\tverdict\tobserved\texecutions\tcomplete\tms");
        for (TestReport t : reports) {
            LitmusResult r = t.result();
            if (r == null) {
                out.println(t.file() + "\terror\t0\t0\tno\t0");
            } else {
                out.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%s\t%.2f%n", t.file(), r.verdict(), r.observed(),
                        r.executions(), r.complete() ? "yes" : "no", r.millis());
            }
        }
    }
}
