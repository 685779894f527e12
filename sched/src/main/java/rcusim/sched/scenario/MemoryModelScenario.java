package rcusim.sched.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;

/**
 * A scenario run on another memory model ({@code --memory-model MODEL}, e.g. {@code power}):
 * the same scenario on a machine whose {@link MachineConfig#model()} is replaced. Its options
 * text carries the option, so reproduce commands, replay files and campaign files say it, and
 * its configuration (hence the scenario hash) says the model.
 */
public final class MemoryModelScenario extends ScenarioWrapper {
    public static final String OPTION = "--memory-model";

    private final MemoryModel model;

    private MemoryModelScenario(Scenario inner, MemoryModel model) {
        super(inner);
        this.model = model;
    }

    @Override
    protected Scenario rewrap(Scenario s) {
        return of(s, model);
    }

    @Override
    protected String optionText() {
        return OPTION + " " + model.text();
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
    public String description() {
        return inner.description() + "; memory model " + model.text();
    }

    @Override
    public MachineConfig config() {
        return inner.config().withModel(model);
    }

    @Override
    public Map<String, Object> configuration() {
        Map<String, Object> c = new LinkedHashMap<>(inner.configuration());
        c.put("memory_model", model.text());
        return c;
    }

}
