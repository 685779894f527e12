package rcusim.sched.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rcusim.kernel.Simulation;
import rcusim.machine.CoverageEvent;
import rcusim.machine.MachineConfig;

/**
 * A scenario run with one run-wide option added ({@link KcsanScenario}, {@link
 * MemoryModelScenario}): everything is the inner scenario's, and every scenario derived from it
 * (a fault injected, overrides, a lighter workload) is wrapped again by {@link #rewrap}, so the
 * option survives shrinking, replay and injection. A subclass adds its option to what it
 * changes: description, machine, load, configuration, options text.
 */
abstract class ScenarioWrapper implements Scenario {
    protected final Scenario inner;

    protected ScenarioWrapper(Scenario inner) {
        this.inner = inner;
    }

    /** The same option around another scenario. */
    protected abstract Scenario rewrap(Scenario s);

    /** The option as the command line says it, e.g. {@code --kcsan}. */
    protected abstract String optionText();

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public MachineConfig config() {
        return inner.config();
    }

    @Override
    public void load(Simulation m, long seed) {
        inner.load(m, seed);
    }

    @Override
    public List<? extends CoverageEvent> coverageEvents() {
        return inner.coverageEvents();
    }

    @Override
    public List<Fault> injections() {
        return inner.injections();
    }

    @Override
    public Scenario withInjection(Fault fault) {
        return rewrap(inner.withInjection(fault));
    }

    @Override
    public Scenario withoutInjection() {
        return rewrap(inner.withoutInjection());
    }

    @Override
    public Fault injection() {
        return inner.injection();
    }

    @Override
    public boolean configurable() {
        return inner.configurable();
    }

    @Override
    public Scenario withOverrides(ConfigOverrides o) {
        return rewrap(inner.withOverrides(o));
    }

    @Override
    public Map<String, Scenario> lighter() {
        Map<String, Scenario> m = new LinkedHashMap<>();
        inner.lighter().forEach((k, v) -> m.put(k, rewrap(v)));
        return m;
    }

    @Override
    public ConfigOverrides overrides() {
        return inner.overrides();
    }

    @Override
    public String optionsText() {
        String o = inner.optionsText();
        return o.isEmpty() ? optionText() : o + " " + optionText();
    }
}
