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
    /** Names that are not built in (a catalog file's name, a path), or null. */
    private final java.util.function.Function<String, Optional<Scenario>> fallback;

    private Catalog(List<Scenario> scenarios) {
        this(scenarios, null);
    }

    private Catalog(List<Scenario> scenarios, java.util.function.Function<String, Optional<Scenario>> fallback) {
        this.fallback = fallback;
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

    /**
     * These scenarios, and for any other name what fallback finds (the front ends' files: an
     * rcutorture configuration by catalog name or path). fallback may throw a BadFileException
     * for a file that is there but bad.
     */
    public Catalog withFallback(java.util.function.Function<String, Optional<Scenario>> f) {
        return new Catalog(List.copyOf(byName.values()), f);
    }

    @Override
    public Optional<Scenario> find(String name) {
        Scenario s = byName.get(name);
        if (s != null || fallback == null) {
            return Optional.ofNullable(s);
        }
        return fallback.apply(name);
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
