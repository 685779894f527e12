package rcusim.scenarios.builtin;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioCatalog;

/** Scenarios by name, listed in name order so that every listing reads the same. */
public final class Catalog implements ScenarioCatalog {
    private static final Catalog BUILTIN = of(new LockdepAbba(), new GpTwoCpu(), new HotplugStorm(), RcuTortureScenario.torture(),
            RcuTortureScenario.tree02(), RcuTortureScenario.tree04(), RcuTortureScenario.tree05(),
            RcuTortureScenario.tree07(), RcuTortureScenario.nocb());

    private final TreeMap<String, Scenario> byName = new TreeMap<>();

    private Catalog(List<Scenario> scenarios) {
        for (Scenario s : scenarios) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                throw new IllegalArgumentException("two scenarios named " + s.name());
            }
        }
    }

    /** The scenarios that ship with rcusim. */
    public static Catalog builtin() {
        return BUILTIN;
    }

    public static Catalog of(Scenario... scenarios) {
        return new Catalog(List.of(scenarios));
    }

    @Override
    public Optional<Scenario> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every scenario, in name order. */
    public List<Scenario> all() {
        return List.copyOf(byName.values());
    }

    @Override
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
