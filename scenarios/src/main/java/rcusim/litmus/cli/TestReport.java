package rcusim.litmus.cli;

import java.nio.file.Path;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.Verdict;

/**
 * One test's line in a litmus run: its result or the error that stopped it, and how it
 * compares with the expected verdict.
 */
record TestReport(Path path, LitmusResult result, String error, Verdict expected) {
    /** An expected Never was observed or an expected Always was violated: a soundness failure. */
    boolean violatesExpectation() {
        if (result == null || expected == null) {
            return false;
        }
        return expected.violatedBy(result.observed(), result.executions());
    }

    /** An expected Sometimes that no execution reached: incompleteness, not unsoundness. */
    boolean missesSometimes() {
        return result != null && expected == Verdict.SOMETIMES && result.observed() == 0;
    }

    String file() {
        return path.getFileName().toString();
    }
}
