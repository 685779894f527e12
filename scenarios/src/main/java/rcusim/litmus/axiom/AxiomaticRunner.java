package rcusim.litmus.axiom;

import java.util.ArrayList;
import java.util.List;
import rcusim.litmus.ast.LitmusTest;
import rcusim.litmus.exec.LitmusCompiler;
import rcusim.litmus.exec.LitmusProgram;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.OutcomeJudge;
import rcusim.litmus.exec.SearchBudget;

/**
 * Runs litmus tests under LKMM axiomatically, as herd7 does with the kernel's
 * linux-kernel.cat: candidate executions are enumerated and each is checked against the
 * model's relations. Exact: the verdict is LKMM's, or the test is reported incomplete (its
 * budget of candidates or time ran out, or it is larger than the engine enumerates).
 * "Executions" in the result are candidate executions LKMM allows, as herd7 counts them.
 */
public final class AxiomaticRunner {
    private final SearchBudget budget;

    public AxiomaticRunner(SearchBudget budget) {
        this.budget = budget;
    }

    public AxiomaticRunner() {
        this(SearchBudget.defaults());
    }

    public LitmusResult run(LitmusTest test) {
        long start = System.nanoTime();
        LitmusProgram program = LitmusCompiler.compile(test);
        AxiomaticSearch.Found f = new AxiomaticSearch(program, budget, start).run();
        OutcomeJudge judge = new OutcomeJudge(program);
        List<LitmusResult.Outcome> outcomes = new ArrayList<>();
        long executions = 0;
        long observed = 0;
        for (int i = 0; i < f.outcomes().size(); i++) {
            long[] v = f.outcomes().get(i);
            long c = f.counts().get(i);
            boolean sat = judge.satisfies(v);
            outcomes.add(new LitmusResult.Outcome(judge.format(v), c, sat));
            executions += c;
            if (sat) {
                observed += c;
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        return new LitmusResult(test.file(), test.name(), test.quantifier().keyword(), outcomes, executions, observed,
                0, f.candidates(), f.stopped(), ms, f.flags(), f.verdictOnly());
    }
}
