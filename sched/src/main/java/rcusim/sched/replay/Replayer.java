package rcusim.sched.replay;

import rcusim.kernel.Simulation;
import rcusim.machine.RunResult;
import rcusim.machine.strand.StrandFactory;
import rcusim.sched.ReplayDecider;
import rcusim.sched.ReplayDivergedException;
import rcusim.sched.scenario.Scenario;

/**
 * Runs a recording again under {@link ReplayDecider}, which checks every decision against the
 * recording, then checks that the run took as many decisions and steps and ended with the same
 * failure signature.
 */
public final class Replayer {
    private Replayer() {
    }

    /**
     * @param scenario the recorded scenario, from {@link ReplayFile#scenarioIn}
     * @param tracing whether to record the traces (they do not change the run)
     */
    public static ReplayOutcome replay(ReplayFile file, Scenario scenario, boolean tracing) {
        ReplayDecider decider = new ReplayDecider(file.decisions().toLog());
        // Not ScenarioRun.run: when the decider throws, the traces up to that decision are
        // still wanted, and only the machine has them.
        Simulation m = new Simulation(scenario.config(), StrandFactory.best(), tracing);
        scenario.load(m, file.seed());
        RunResult r;
        try {
            r = m.run(decider);
        } catch (RuntimeException e) {
            ReplayDivergedException d = divergenceIn(e);
            if (d == null) {
                throw e;
            }
            return new ReplayOutcome(ReplayOutcome.Verdict.DIVERGED, null, d, m.trace(), m.ftrace());
        }
        try {
            decider.checkConsumed(r);
        } catch (ReplayDivergedException d) {
            return new ReplayOutcome(ReplayOutcome.Verdict.DIVERGED, r, d, m.trace(), m.ftrace());
        }
        Signature now = r.passed() ? null : Signature.of(r.failure());
        if (file.failed() && file.signature().equals(now)) {
            return new ReplayOutcome(ReplayOutcome.Verdict.SAME_FAILURE, r, null, m.trace(), m.ftrace());
        }
        if (!file.failed() && now == null) {
            return new ReplayOutcome(ReplayOutcome.Verdict.PASSED_AGAIN, r, null, m.trace(), m.ftrace());
        }
        ReplayDivergedException d = new ReplayDivergedException(r.decisionIndex(), "the recording "
                + (file.failed() ? "failed with " + file.signature() : "passed") + "; the replay "
                + (now == null ? "passed" : "failed with " + now));
        return new ReplayOutcome(ReplayOutcome.Verdict.DIVERGED, r, d, m.trace(), m.ftrace());
    }

    /** The decider's exception, possibly wrapped by the strand of the simulated code that asked. */
    private static ReplayDivergedException divergenceIn(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof ReplayDivergedException d) {
                return d;
            }
        }
        return null;
    }
}
