package rcusim.litmus.exec;

import java.util.List;

/**
 * What an exhaustive run of one litmus test found.
 *
 * @param outcomes every reachable final outcome with its execution count, in discovery order
 * @param executions executions counted (paths through the state graph, filter passed)
 * @param observed executions satisfying the final condition
 * @param deadlocked executions that ended with a process unable to continue
 * @param states distinct machine states expanded
 * @param stopped why the search stopped early, or null when it explored every state; a
 *     stopped search's outcomes were all reached, but others may exist and counts are lower bounds
 * @param flags the model's flags raised by some allowed execution (LKMM: "data-race"), sorted
 * @param verdictOnly the search looked only for one execution satisfying the condition and one
 *     not (a large test without plain accesses): the verdict is exact, the outcomes and counts
 *     are those found, not all
 */
public record LitmusResult(
        String file,
        String name,
        String quantifier,
        List<Outcome> outcomes,
        long executions,
        long observed,
        long deadlocked,
        long states,
        StopReason stopped,
        double millis,
        List<String> flags,
        boolean verdictOnly) {

    /** A result without model flags (the operational machine's). */
    public LitmusResult(String file, String name, String quantifier, List<Outcome> outcomes, long executions,
            long observed, long deadlocked, long states, StopReason stopped, double millis) {
        this(file, name, quantifier, outcomes, executions, observed, deadlocked, states, stopped, millis, List.of(),
                false);
    }

    /** Whether every reachable state was explored, so that the verdict is the search's own. */
    public boolean complete() {
        return stopped == null;
    }

    /**
     * Whether even this (possibly partial) result contradicts an expected verdict: a Never
     * outcome observed, or an Always condition false in some execution. Both are sound on a
     * partial search, since every outcome counted was reached.
     */
    public boolean contradicts(Verdict expected) {
        return expected != null && expected.violatedBy(observed, executions);
    }

    /** One final outcome, e.g. "0:r0=1; 1:r0=0;", and whether it satisfies the condition. */
    public record Outcome(String text, long count, boolean satisfies) {
    }

    /** herd7's verdict on the clause as written: Never, Sometimes or Always. */
    public Verdict verdict() {
        return Verdict.of(observed, executions);
    }
}
