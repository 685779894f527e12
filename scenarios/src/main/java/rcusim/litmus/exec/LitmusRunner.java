package rcusim.litmus.exec;

import java.util.ArrayList;
import java.util.List;
import rcusim.litmus.ast.LitmusTest;
import rcusim.machine.memory.MemoryModel;

/** Compiles and exhaustively explores litmus tests on the simulated machine. */
public final class LitmusRunner {
    /** States explored before a test is reported incomplete. */
    public static final long DEFAULT_MAX_STATES = SearchBudget.DEFAULT_MAX_STATES;

    private final MemoryModel model;
    private final SearchBudget budget;

    public LitmusRunner(MemoryModel model, SearchBudget budget) {
        this.model = model;
        this.budget = budget;
    }

    public LitmusRunner(MemoryModel model, long maxStates) {
        this(model, SearchBudget.states(maxStates));
    }

    public LitmusRunner(MemoryModel model) {
        this(model, SearchBudget.defaults());
    }

    /**
     * Runs one parsed test. Throws {@link rcusim.litmus.parse.LitmusSyntaxException} when the
     * test does not compile and {@link LitmusRuntimeException} when an execution does
     * something invalid.
     */
    public LitmusResult run(LitmusTest test) {
        long start = System.nanoTime();
        LitmusProgram program = LitmusCompiler.compile(test);
        LitmusExplorer.Exploration x = new LitmusExplorer(program, model, budget).run();
        OutcomeJudge judge = new OutcomeJudge(program);
        List<LitmusResult.Outcome> outcomes = new ArrayList<>();
        long executions = 0;
        long observed = 0;
        for (int i = 2; i < x.outcomes().size(); i++) {
            long[] values = x.outcomes().get(i);
            long count = x.counts()[i];
            boolean sat = judge.satisfies(values);
            outcomes.add(new LitmusResult.Outcome(judge.format(values), count, sat));
            executions = saturatingAdd(executions, count);
            if (sat) {
                observed = saturatingAdd(observed, count);
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        return new LitmusResult(test.file(), test.name(), test.quantifier().keyword(), outcomes, executions, observed,
                x.counts()[LitmusExplorer.DEADLOCKED], x.states(), x.stopped(), ms);
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
