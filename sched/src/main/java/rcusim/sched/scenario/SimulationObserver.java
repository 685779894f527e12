package rcusim.sched.scenario;

import rcusim.kernel.Simulation;

/**
 * A decider that must see the simulation it decides for (a scripted schedule: which task runs
 * where, labels, on-demand interrupts). Whoever builds the simulation for a run attaches it
 * after the scenario is loaded and before the run starts.
 */
public interface SimulationObserver {
    /** Called once, after {@code Scenario.load} and before {@code Simulation.run}. */
    void attach(Simulation m);
}
