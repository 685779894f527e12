package rcusim.sched.scenario;

import rcusim.kernel.Simulation;
import rcusim.machine.RunResult;
import rcusim.machine.strand.StrandFactory;
import rcusim.sched.RandomDecider;

/**
 * One run of a scenario under a seeded random walk: the seed is both the decider's and the
 * scenario's own, so {@code (scenario, seed)} names the run exactly.
 *
 * @param trace the machine's event trace, or "" when the run was not traced
 * @param ftrace the kernel trace events in ftrace's text format, or "" when not traced
 * @param coverage the "sometimes" events the run reached
 * @param counters the statistics simulated code counted
 */
public record ScenarioRun(Scenario scenario, long seed, RunResult result, String trace, String ftrace,
        java.util.SortedSet<String> coverage, java.util.SortedMap<String, Long> counters) {
    /** Builds a fresh machine, loads the scenario and runs it to the end. */
    public static ScenarioRun run(Scenario scenario, long seed, boolean tracing) {
        return run(scenario, seed, new RandomDecider(seed), tracing);
    }

    /**
     * Runs the scenario (loaded with seed for its own choices) under the given decider: a
     * strategy's, or a replay's.
     */
    public static ScenarioRun run(Scenario scenario, long seed, rcusim.machine.decide.Decider decider, boolean tracing) {
        return run(scenario, seed, decider, tracing, true);
    }

    /**
     * As {@link #run(Scenario, long, rcusim.machine.decide.Decider, boolean)}, untraced, with
     * the decisions counted and hashed but not recorded ({@link Simulation#skipRecording()}):
     * a campaign's runs, which only a failure needs recorded.
     */
    public static ScenarioRun runUnrecorded(Scenario scenario, long seed, rcusim.machine.decide.Decider decider) {
        return run(scenario, seed, decider, false, false);
    }

    private static ScenarioRun run(Scenario scenario, long seed, rcusim.machine.decide.Decider decider, boolean tracing,
            boolean recording) {
        Simulation m = new Simulation(scenario.config(), StrandFactory.best(), tracing);
        if (!recording) {
            m.skipRecording();
        }
        scenario.load(m, seed);
        if (decider instanceof SimulationObserver o) {
            o.attach(m);
        }
        RunResult r = m.run(decider);
        return new ScenarioRun(scenario, seed, r, m.trace(), m.ftrace(), m.coverage(), m.counters());
    }

    public boolean passed() {
        return result.passed();
    }
}
