package rcusim.litmus.cli;

import java.nio.file.Path;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.Verdict;

/**
 * One test's line in a litmus run: its result or the error that stopped it, and how it
 * compares with the expected verdict.
 */
record TestReport(Path path, LitmusResult result, String error, Verdict expected) {
    /** A test's standing in the run, worst first. */
    enum Status {
        /** An expected Never was observed or an expected Always violated (even by a partial search). */
        FAIL,
        /** The file could not be read, parsed or run. */
        ERROR,
        /** The search stopped early: no verdict, whatever the outcomes seen so far. */
        INCOMPLETE,
        /** An expected Sometimes that no execution reached: incompleteness of the model. */
        MISS,
        OK;

        String word() {
            return this == OK ? "ok" : name();
        }
    }

    Status status() {
        if (result == null) {
            return Status.ERROR;
        }
        if (result.contradicts(expected)) {
            return Status.FAIL;
        }
        if (!result.complete()) {
            return Status.INCOMPLETE;
        }
        return missesSometimes() ? Status.MISS : Status.OK;
    }

    /** An expected Never was observed or an expected Always was violated: a soundness failure. */
    boolean violatesExpectation() {
        return status() == Status.FAIL;
    }

    /** A complete search that reached no expected Sometimes: incompleteness, not unsoundness. */
    boolean missesSometimes() {
        return result != null && result.complete() && expected == Verdict.SOMETIMES && result.observed() == 0;
    }

    /** Whether the test has a verdict of its own (it ran to the end). */
    boolean hasVerdict() {
        return result != null && result.complete();
    }

    String file() {
        return path.getFileName().toString();
    }
}
