package rcusim.sched.replay;

import rcusim.machine.RunResult;
import rcusim.sched.ReplayDivergedException;

/**
 * How a replay ended.
 *
 * @param verdict whether the recording was reproduced
 * @param result the replayed run's result, or null when the replay stopped at a divergent decision
 * @param divergence what differed first, or null unless the verdict is {@link Verdict#DIVERGED}
 * @param trace the machine's event trace up to where the replay ended ("" unless traced)
 * @param ftrace the kernel trace in ftrace's text format up to where the replay ended ("" unless traced)
 */
public record ReplayOutcome(Verdict verdict, RunResult result, ReplayDivergedException divergence, String trace,
        String ftrace) {
    public enum Verdict {
        /** Every decision as recorded, and the same failure signature. */
        SAME_FAILURE,
        /** Every decision as recorded, and the run passed as the recording did. */
        PASSED_AGAIN,
        /** A decision, the decision or step count, or the failure differs from the recording. */
        DIVERGED
    }
}
