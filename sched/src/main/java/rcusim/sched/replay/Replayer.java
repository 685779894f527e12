package rcusim.sched.replay;

import rcusim.kernel.Simulation;
import rcusim.machine.RunResult;
import rcusim.machine.strand.StrandFactory;
import rcusim.sched.ReplayDecider;
import rcusim.sched.ReplayDivergedException;
import java.util.function.UnaryOperator;
import rcusim.machine.decide.Decider;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.SimulationObserver;
import rcusim.sched.schedule.Schedule;
import rcusim.sched.schedule.ScheduleDecider;
import rcusim.sched.schedule.ScheduleParser;
import rcusim.sched.schedule.ScheduleReplayDecider;

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
        return replay(file, scenario, tracing, UnaryOperator.identity());
    }

    /**
     * As {@link #replay(ReplayFile, Scenario, boolean)}, with the replaying decider wrapped
     * (e.g. by a recorder that writes the run out as a schedule). A run recorded under a
     * schedule is replayed by that schedule, checked decision by decision against the recording.
     *
     * @throws rcusim.sched.schedule.ScheduleException when the recorded schedule no longer parses
     */
    public static ReplayOutcome replay(ReplayFile file, Scenario scenario, boolean tracing, UnaryOperator<Decider> wrap) {
        ReplayDecider replaying = new ReplayDecider(file.decisions().toLog());
        Decider decider = replaying;
        if (file.schedule() != null) {
            ReplayFile.ScheduleText st = file.schedule();
            Schedule schedule = ScheduleParser.parse(st.text(), st.file(), st.firstLine());
            decider = new ScheduleReplayDecider(new ScheduleDecider(schedule, file.strategySeed()), replaying);
        }
        decider = wrap.apply(decider);
        // Not ScenarioRun.run: when the decider throws, the traces up to that decision are
        // still wanted, and only the machine has them.
        Simulation m = new Simulation(scenario.config(), StrandFactory.best(),
                tracing || file.schedule() != null && ScheduleParser.parse(file.schedule().text(),
                        file.schedule().file(), file.schedule().firstLine()).needsTracing());
        scenario.load(m, file.seed());
        if (decider instanceof SimulationObserver o) {
            o.attach(m);
        }
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
            replaying.checkConsumed(r);
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
