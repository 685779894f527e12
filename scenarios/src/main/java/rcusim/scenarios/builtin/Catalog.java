package rcusim.scenarios.builtin;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioCatalog;

/** Scenarios by name, listed in name order so that every listing reads the same. */
public final class Catalog implements ScenarioCatalog {
    private static final Catalog BUILTIN = builtinCatalog();

    private static Catalog builtinCatalog() {
        List<Scenario> all = new java.util.ArrayList<>(List.of(new LockdepAbba(), new GpTwoCpu(), GpTwoCpu.span(), GpTwoCpu.threeCpus(), new HotplugStorm(),
                new SeqcountTornRead(false), new SeqcountTornRead(true), new SeqlockPreempt(), new SeqcountLatchIrq(),
                RcuTortureScenario.torture(), RcuTortureScenario.tree02(), RcuTortureScenario.tree04(),
                RcuTortureScenario.tree05(), RcuTortureScenario.tree07(), RcuTortureScenario.nocb(),
                new LifoStack(), new RcuListEarlyFree()));
        all.addAll(RaceScenario.all());
        return new Catalog(all);
    }

    private final TreeMap<String, Scenario> byName = new TreeMap<>();
    /** Where a name the catalog lacks is looked up next (scenario files on disk), or null. */
    private final Function<String, Optional<Scenario>> fallback;

    private Catalog(List<? extends Scenario> scenarios) {
        this(scenarios, null);
    }

    private Catalog(List<? extends Scenario> scenarios, Function<String, Optional<Scenario>> fallback) {
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
     * This catalog with more scenarios listed (the shipped scenario files) and, for names it
     * lacks, a fallback lookup (a scenario file's path), which may throw for a bad file.
     */
    public Catalog with(List<? extends Scenario> more, Function<String, Optional<Scenario>> lookup) {
        List<Scenario> all = new java.util.ArrayList<>(byName.values());
        all.addAll(more);
        return new Catalog(all, lookup);
    }

    @Override
    public Optional<Scenario> find(String name) {
        Scenario s = byName.get(name);
        if (s == null && fallback != null) {
            return fallback.apply(name);
        }
        return Optional.ofNullable(s);
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
