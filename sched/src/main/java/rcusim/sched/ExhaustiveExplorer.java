package rcusim.sched;

import java.util.Arrays;
import java.util.function.Function;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.Options;

/**
 * Bounded exhaustive enumeration of a run's decision tree by stateless depth-first search:
 * each execution re-runs the program from the start, following a prefix of choices and
 * taking option 0 beyond it; then the deepest choice with options left is advanced.
 * Suited to small programs; the litmus runner has a faster stateful search.
 */
public final class ExhaustiveExplorer {
    private final long maxExecutions;

    public ExhaustiveExplorer(long maxExecutions) {
        this.maxExecutions = maxExecutions;
    }

    /** Summary of an exploration. */
    public record Summary(long executions, boolean complete) {
    }

    /**
     * Explores every execution. {@code execute} builds a fresh program, runs it under the
     * given decider and reports the result (it may record outcomes on the side).
     */
    public Summary explore(Function<Decider, RunResult> execute) {
        int[] choice = new int[64];
        int[] count = new int[64];
        int[] depth = {0};
        int prefix = 0;
        long executions = 0;
        while (true) {
            if (executions == maxExecutions) {
                return new Summary(executions, false);
            }
            final int fixed = prefix;
            final int[][] arrays = {choice, count};
            depth[0] = 0;
            Decider dfs = (Options o) -> {
                int d = depth[0]++;
                if (d < fixed) {
                    if (arrays[1][d] != o.size()) {
                        throw new IllegalStateException("nondeterministic program: decision " + d
                                + " offered " + o.size() + " options, earlier " + arrays[1][d]);
                    }
                    return arrays[0][d];
                }
                if (d == arrays[0].length) {
                    arrays[0] = Arrays.copyOf(arrays[0], d * 2);
                    arrays[1] = Arrays.copyOf(arrays[1], d * 2);
                }
                arrays[0][d] = 0;
                arrays[1][d] = o.size();
                return 0;
            };
            execute.apply(dfs);
            choice = arrays[0];
            count = arrays[1];
            executions++;
            int d = depth[0] - 1;
            while (d >= 0 && choice[d] == count[d] - 1) {
                d--;
            }
            if (d < 0) {
                return new Summary(executions, true);
            }
            choice[d]++;
            prefix = d + 1;
        }
    }
}
