package rcusim.litmus.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.Verdict;

/**
 * One test's line in a litmus run: its result or the error that stopped it, and how it
 * compares with the expected verdict and flags; with {@code --also}, the machine's result
 * graded against it.
 *
 * @param expectedFlags herd7's flags from an EXPECTED.tsv with a herd7_flags column, or null
 * @param machine the operational machine's result on the same test ({@code --also}), or null
 */
record TestReport(Path path, LitmusResult result, String error, Verdict expected, List<String> expectedFlags,
                  LitmusResult machine) {

    TestReport(Path path, LitmusResult result, String error, Verdict expected) {
        this(path, result, error, expected, null, null);
    }

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
        /** The verdict agrees but the model's flags (data-race) differ from herd7's. */
        FLAGS,
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
        if (missesSometimes()) {
            return Status.MISS;
        }
        return flagsDisagree() ? Status.FLAGS : Status.OK;
    }

    /** An expected Never was observed or an expected Always was violated: a soundness failure. */
    boolean violatesExpectation() {
        return status() == Status.FAIL;
    }

    /** A complete search that reached no expected Sometimes: incompleteness, not unsoundness. */
    boolean missesSometimes() {
        return result != null && result.complete() && expected == Verdict.SOMETIMES && result.observed() == 0;
    }

    /** Whether flags are expected for this test and a complete result raised others. */
    boolean flagsDisagree() {
        return expectedFlags != null && result != null && result.complete()
                && !Set.copyOf(relevant(expectedFlags)).equals(Set.copyOf(result.flags()));
    }

    /** The flags this engine models (data-race); herd7's others are not compared. */
    static List<String> relevant(List<String> flags) {
        return flags.stream().filter(f -> f.equals("data-race")).toList();
    }

    /** Whether the test has a verdict of its own (it ran to the end). */
    boolean hasVerdict() {
        return result != null && result.complete();
    }

    String file() {
        return path.getFileName().toString();
    }

    /** With --also: the machine reached an outcome LKMM forbids (needs a complete lkmm result). */
    boolean machineUnsound() {
        if (machine == null || !hasVerdict()) {
            return false;
        }
        if (result.verdictOnly()) {
            // only the verdict is known: compare what each side says about the condition
            return machine.observed() > 0 && result.observed() == 0
                    || machine.observed() < machine.executions() && result.observed() == result.executions();
        }
        return !outcomeTexts(result).containsAll(outcomeTexts(machine));
    }

    /** With --also: LKMM allows an outcome the machine's complete search did not reach. */
    boolean machineIncomplete() {
        if (machine == null || !hasVerdict() || !machine.complete()) {
            return false;
        }
        if (result.verdictOnly()) {
            return machine.observed() == 0 && result.observed() > 0
                    || machine.observed() == machine.executions() && result.observed() < result.executions();
        }
        return !outcomeTexts(machine).containsAll(outcomeTexts(result));
    }

    /** "weak: Never, unsound" and the like, for reports. */
    String machineGrade() {
        if (machine == null) {
            return null;
        }
        String v = machine.complete() ? machine.verdict().toString() : "INCOMPLETE (" + machine.stopped().word() + ")";
        String g = machineUnsound() ? "unsound" : !hasVerdict() ? "ungraded" : !machine.complete() ? "incomplete search"
                : machineIncomplete() ? "incomplete" : "exact";
        return v + ", " + g;
    }

    private static Set<String> outcomeTexts(LitmusResult r) {
        return r.outcomes().stream().map(LitmusResult.Outcome::text).collect(Collectors.toSet());
    }
}
