package rcusim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one rcusim command printed and returned, run in-process with the built-in catalog. */
record Outcome(int code, String out, String err) {
    static Outcome rcusim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
