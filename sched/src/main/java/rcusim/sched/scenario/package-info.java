/**
 * What the engine runs: the {@link rcusim.sched.scenario.Scenario} interface (the built-in
 * scenarios implement it in module scenarios), one run of a scenario under a decider, and a
 * user's configuration and workload changes to a scenario.
 */
package rcusim.sched.scenario;
