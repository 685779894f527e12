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
 * @param complete false when the state cap stopped the search early
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
        boolean complete,
        double millis) {

    /** One final outcome, e.g. "0:r0=1; 1:r0=0;", and whether it satisfies the condition. */
    public record Outcome(String text, long count, boolean satisfies) {
    }

    /** herd7's verdict on the clause as written: Never, Sometimes or Always. */
    public Verdict verdict() {
        return Verdict.of(observed, executions);
    }
}
