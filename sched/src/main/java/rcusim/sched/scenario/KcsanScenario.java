package rcusim.sched.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rcusim.kernel.Simulation;
import rcusim.kernel.kcsan.Kcsan;
import rcusim.kernel.kcsan.KcsanOptions;

/**
 * A scenario run with the data-race detector on ({@code --kcsan}): the same scenario, with
 * {@link Kcsan} installed on each run's simulation before the scenario loads. Its options text
 * carries {@code --kcsan[=OPTIONS]}, so reproduce commands, replay files and campaign files
 * say it, and a replay runs with the detector too; the configuration (hence the scenario hash)
 * says it as well.
 */
public final class KcsanScenario extends ScenarioWrapper {
    private final KcsanOptions options;

    private KcsanScenario(Scenario inner, KcsanOptions options) {
        super(inner);
        this.options = options;
    }

    @Override
    protected Scenario rewrap(Scenario s) {
        return of(s, options);
    }

    @Override
    protected String optionText() {
        return options.option();
    }

    /** s with the detector on, with these options (replacing any it had). */
    public static Scenario of(Scenario s, KcsanOptions options) {
        return new KcsanScenario(s instanceof KcsanScenario k ? k.inner : s, options);
    }

    /** The scenario s runs (s itself unless it is a KcsanScenario). */
    public static Scenario unwrap(Scenario s) {
        return s instanceof KcsanScenario k ? k.inner : s;
    }

    /** The detector's options if s runs with it, else null. */
    public static KcsanOptions optionsOf(Scenario s) {
        return s instanceof KcsanScenario k ? k.options : null;
    }

    /** An options text split into its --kcsan word (parsed; null when absent) and the rest. */
    public record Split(KcsanOptions kcsan, String rest) {
    }

    /**
     * Splits an options text ({@link Scenario#optionsText()}).
     *
     * @throws IllegalArgumentException for an unknown KCSAN option
     */
    public static Split split(String text) {
        KcsanOptions k = null;
        List<String> rest = new ArrayList<>();
        for (String w : text.isBlank() ? new String[0] : text.trim().split("\\s+")) {
            if (w.equals("--kcsan")) {
                k = KcsanOptions.STRICT;
            } else if (w.startsWith("--kcsan=")) {
                k = KcsanOptions.parse(w.substring("--kcsan=".length()));
            } else {
                rest.add(w);
            }
        }
        return new Split(k, String.join(" ", rest));
    }

    @Override
    public String description() {
        return inner.description() + "; data-race detector on (" + options.option() + ")";
    }

    @Override
    public void load(Simulation m, long seed) {
        Kcsan.install(m, options);
        inner.load(m, seed);
    }

    @Override
    public Map<String, Object> configuration() {
        Map<String, Object> c = new LinkedHashMap<>(inner.configuration());
        c.put("kcsan", options.option());
        return c;
    }

}
