package rcusim.sched.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rcusim.kernel.Simulation;
import rcusim.machine.CoverageEvent;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;

/**
 * A scenario run on another memory model ({@code --memory-model MODEL}, e.g. {@code power}):
 * the same scenario on a machine whose {@link MachineConfig#model()} is replaced. Its options
 * text carries the option, so reproduce commands, replay files and campaign files say it, and
 * its configuration (hence the scenario hash) says the model.
 */
public final class MemoryModelScenario implements Scenario {
    public static final String OPTION = "--memory-model";

    private final Scenario inner;
    private final MemoryModel model;

    private MemoryModelScenario(Scenario inner, MemoryModel model) {
        this.inner = inner;
        this.model = model;
    }

    /** s on memory model m (replacing any model this wrapper gave it). */
    public static Scenario of(Scenario s, MemoryModel m) {
        return new MemoryModelScenario(s instanceof MemoryModelScenario w ? w.inner : s, m);
    }

    /** An options text split into the model its --memory-model names (null when absent) and the rest. */
    public record Split(MemoryModel model, String rest) {
    }

    /**
     * Splits an options text ({@link Scenario#optionsText()}).
     *
     * @throws IllegalArgumentException for an unknown model or a missing one
     */
    public static Split split(String text) {
        MemoryModel m = null;
        List<String> rest = new ArrayList<>();
        String[] w = text.isBlank() ? new String[0] : text.trim().split("\\s+");
        for (int i = 0; i < w.length; i++) {
            if (w[i].equals(OPTION)) {
                if (i + 1 == w.length) {
                    throw new IllegalArgumentException(OPTION + " lacks its value");
                }
                m = MemoryModel.parse(w[++i]);
            } else {
                rest.add(w[i]);
            }
        }
        return new Split(m, String.join(" ", rest));
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String description() {
        return inner.description() + "; memory model " + model.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public MachineConfig config() {
        return inner.config().withModel(model);
    }

    @Override
    public void load(Simulation m, long seed) {
        inner.load(m, seed);
    }

    @Override
    public Map<String, Object> configuration() {
        Map<String, Object> c = new LinkedHashMap<>(inner.configuration());
        c.put("memory_model", model.name().toLowerCase(java.util.Locale.ROOT));
        return c;
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
        return of(inner.withInjection(fault), model);
    }

    @Override
    public Scenario withoutInjection() {
        return of(inner.withoutInjection(), model);
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
        return of(inner.withOverrides(o), model);
    }

    @Override
    public Map<String, Scenario> lighter() {
        Map<String, Scenario> m = new LinkedHashMap<>();
        inner.lighter().forEach((k, v) -> m.put(k, of(v, model)));
        return m;
    }

    @Override
    public ConfigOverrides overrides() {
        return inner.overrides();
    }

    @Override
    public String optionsText() {
        String o = inner.optionsText();
        String mine = OPTION + " " + model.name().toLowerCase(java.util.Locale.ROOT);
        return o.isEmpty() ? mine : o + " " + mine;
    }
}
