package rcusim.sched.scenario;

import rcusim.kernel.Simulation;
import rcusim.machine.CoverageEvent;
import rcusim.machine.MachineConfig;

/**
 * A scenario written in Java: a machine shape and the simulated code that runs on it. One
 * scenario runs many times, each time on a fresh {@link Simulation} built from {@link #config()},
 * so {@link #load} must build everything (memory, locks, tasks) anew on the machine it is given.
 */
public interface Scenario {
    /** The name the command line uses: lower case, words joined by '-'. */
    String name();

    /** One line for {@code rcusim list}: what the scenario does and what a run should show. */
    String description();

    /** The machine it runs on. */
    MachineConfig config();

    /**
     * Allocates the scenario's state on m and spawns its tasks. The seed is the run's seed, for
     * any pseudo-random choices of the scenario's own (they must come from it and nothing else,
     * so that the seed alone reproduces the run).
     */
    void load(Simulation m, long seed);

    /**
     * What configures the scenario beyond {@link #config()}, part by part (e.g. "rcu" and
     * "torture" to their records, or a workload's constants): a replay file's scenario hash
     * covers it, and the file keeps it, so that a recording of another configuration is refused
     * naming what changed.
     */
    default java.util.Map<String, Object> configuration() {
        return java.util.Collections.emptyMap();
    }

    /**
     * The coverage events a run of this scenario can reach: a campaign's report lists each of
     * them, with 0 for those no run reached (events reached but not declared are listed too).
     */
    default java.util.List<? extends CoverageEvent> coverageEvents() {
        return java.util.List.of();
    }

    /** Faults this scenario can inject, for {@code --inject}. */
    default java.util.List<Fault> injections() {
        return java.util.List.of();
    }

    /** The fault of {@link #injections()} with this name (as {@code --inject} and replay files spell it), if any. */
    default java.util.Optional<Fault> injectable(String name) {
        return injections().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** This scenario with the fault injected; the caller takes it from {@link #injections()}. */
    default Scenario withInjection(Fault fault) {
        throw new IllegalArgumentException("scenario " + name() + " has no injectable faults");
    }

    /** This scenario (with its overrides) without the injected fault. */
    default Scenario withoutInjection() {
        return this;
    }

    /** The injected fault, or null. */
    default Fault injection() {
        return null;
    }

    /** Whether {@link #withOverrides} applies (--cpus, --fanout, --fanout-leaf, --nocb). */
    default boolean configurable() {
        return false;
    }

    /**
     * This scenario on another machine shape or Tree RCU configuration; the caller checks
     * {@link #configurable()} first.
     *
     * @throws IllegalArgumentException with the reason, for a configuration the kernel would
     *     reject (a fanout out of range, more CPUs than the tree can hold, rcu_nocbs= naming
     *     absent CPUs)
     */
    default Scenario withOverrides(ConfigOverrides o) {
        throw new IllegalArgumentException("scenario " + name() + " takes no configuration options");
    }

    /**
     * This scenario with its workload made lighter, one knob at a time (fewer CPUs, tasks or
     * iterations, a shorter stall timeout), keyed by the knob ({@link WorkloadKnob#optionName()},
     * or {@code cpus}): what {@code rcusim shrink} tries
     * to shorten a failing run. Each is reached through {@link #withOverrides}, so a replay file
     * carries it. Empty when the scenario has no such knobs.
     */
    default java.util.Map<String, Scenario> lighter() {
        return java.util.Collections.emptyMap();
    }

    /** The overrides applied ({@link ConfigOverrides#NONE} for the scenario as defined). */
    default ConfigOverrides overrides() {
        return ConfigOverrides.NONE;
    }

    /**
     * The options that give this scenario from its catalog entry (beyond --inject), as reproduce
     * commands, replay files and campaign files spell them: the overrides' command line, and
     * {@code --kcsan} when the data-race detector runs ({@link KcsanScenario}); "" for none.
     */
    default String optionsText() {
        return overrides().isEmpty() ? "" : overrides().commandLine();
    }
}
