package rcusim.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Predicate;
import java.util.stream.BaseStream;

/**
 * The architecture rules: module layering (who may import whom) and determinism (a run depends
 * on its inputs only), as factories over a package root: {@code "rcusim"} for the real code, a
 * fixture root for the tests that show each rule can fail. The simulation code is
 * {@code <root>.machine..}, {@code <root>.kernel..}, {@code <root>.rcu..} and
 * {@code <root>.sched..};
 * the exploration harness {@code <root>.sched.explore..} may also read the wall clock and start
 * worker threads (see {@link #HARNESS}).
 */
final class SimulationRules {
    static final String DETERMINISM =
            "a run must be a pure function of (scenario, configuration, decision stream), "
                    + "so that replay, shrinking and exhaustive search can be trusted";

    /**
     * Why the exploration harness may use the clock and threads: its time budgets and reports
     * are wall time, and a campaign runs whole simulations side by side on worker threads; each
     * simulation still runs on one thread in virtual time, and results are keyed by run index.
     */
    static final String HARNESS = "the exploration harness (sched.explore) times its budget in wall time and "
            + "runs whole simulations side by side, each on one thread";

    private SimulationRules() {
    }

    /** All rules, real or fixture. */
    static List<ArchRule> all(String root) {
        List<ArchRule> rules = new ArrayList<>(layering(root));
        rules.add(noWallClock(root));
        rules.add(noUnseededRandomness(root));
        rules.add(noIdentityHashCodes(root));
        rules.add(noHashOrderedCollections(root));
        rules.add(noThreads(root));
        rules.add(noCommandLine(root));
        return rules;
    }

    // ------------------------------------------------------------------ layering

    static List<ArchRule> layering(String root) {
        String machine = root + ".machine..";
        String kernel = root + ".kernel..";
        String rcu = root + ".rcu..";
        String sched = root + ".sched..";
        String[] front = {root + ".scenarios..", root + ".litmus..", root + ".cli.."};
        return List.of(
                noClasses().that().resideInAPackage(machine)
                        .should().dependOnClassesThat().resideInAnyPackage(concat(front, rcu, sched))
                        .because("machine is the simulated hardware and knows nothing of "
                                + "RCU, strategies or the front end (dependencies point rcu -> machine, "
                                + "sched -> machine, scenarios -> all)")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(rcu)
                        .should().dependOnClassesThat().resideInAnyPackage(concat(front, sched))
                        .because("Tree RCU is written against the machine's kernel API "
                                + "only; it must run the same under any scheduling strategy")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(sched)
                        .should().dependOnClassesThat().resideInAnyPackage(concat(front, rcu))
                        .because("the controllable scheduler and exploration engine drive any machine "
                                + "workload and must not know about RCU or the front end")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(machine)
                        .should().dependOnClassesThat().resideInAPackage(kernel)
                        .because("the machine is the hardware and runs the kernel through the narrow "
                                + "OperatingSystem interface it defines; it never names a kernel class")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(kernel)
                        .should().dependOnClassesThat().resideInAnyPackage(concat(front, rcu, sched))
                        .because("the kernel environment runs any subsystem through its hooks and "
                                + "knows nothing of RCU, strategies or the front end")
                        .allowEmptyShould(true));
    }

    /** Nothing below the command line parses options or knows the CLI: they are a library. */
    static ArchRule noCommandLine(String root) {
        return noClasses().that().resideInAnyPackage(root + ".machine..", root + ".kernel..", root + ".rcu..",
                        root + ".sched..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", root + ".cli..")
                .because("only the command line (" + root + ".cli) parses options, prints for a terminal and "
                        + "maps exit codes; the simulator and its exploration engine are a library that tests "
                        + "and other front ends drive")
                .allowEmptyShould(true);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ------------------------------------------------------------------ determinism

    static ArchRule noWallClock(String root) {
        return simulation(root, "not read the wall clock", List.of(
                call("java.lang.System", "nanoTime", "simulated time is virtual; use the machine's clock"),
                call("java.lang.System", "currentTimeMillis", "simulated time is virtual; use the machine's clock"),
                new Forbidden("java.time.*.now()",
                        a -> a.getTargetOwner().getPackageName().equals("java.time") && a.getName().equals("now"),
                        "simulated time is virtual; use the machine's clock"),
                new Forbidden("java.time.Clock.system*()/tick*()",
                        a -> owner(a, "java.time.Clock")
                                && (a.getName().startsWith("system") || a.getName().startsWith("tick")),
                        "simulated time is virtual; use the machine's clock"),
                new Forbidden("new java.util.Date()",
                        a -> owner(a, "java.util.Date") && a.getName().equals("<init>") && params(a) == 0,
                        "simulated time is virtual; use the machine's clock"),
                call("java.lang.Thread", "sleep", "nothing sleeps in a simulation")),
                List.of(), notHarness(root))
                .because(DETERMINISM + "; simulated time is virtual (except in " + HARNESS + ")");
    }

    static ArchRule noUnseededRandomness(String root) {
        return simulation(root, "not use randomness outside the decision stream", List.of(
                call("java.lang.Math", "random", "draw from the strategy's seeded generator (the Decider)"),
                call("java.lang.StrictMath", "random", "draw from the strategy's seeded generator (the Decider)"),
                call("java.util.UUID", "randomUUID", "derive ids from the run's state"),
                new Forbidden("java.util.Collections.shuffle(List)",
                        a -> owner(a, "java.util.Collections") && a.getName().equals("shuffle") && params(a) == 1,
                        "shuffle with the strategy's seeded generator"),
                new Forbidden("new java.util.SplittableRandom()",
                        a -> owner(a, "java.util.SplittableRandom") && a.getName().equals("<init>") && params(a) == 0,
                        "an unseeded SplittableRandom is seeded from the clock; pass the seed")),
                List.of(new ForbiddenType("java.util.Random and subclasses",
                        c -> assignable(c, java.util.Random.class),
                        "java.util.Random/ThreadLocalRandom/SecureRandom are not the strategy's decision "
                                + "stream; every nondeterministic choice goes through the Decider")))
                .because(DETERMINISM + "; randomness comes only from the strategy's seeded generator");
    }

    static ArchRule noIdentityHashCodes(String root) {
        return simulation(root, "not use identity hash codes", List.of(
                call("java.lang.System", "identityHashCode",
                        "identity hash codes differ from run to run; number objects explicitly")),
                List.of())
                .because(DETERMINISM + "; identity hash codes change between JVM runs");
    }

    static ArchRule noHashOrderedCollections(String root) {
        String ordered = "iteration order would differ between JVM runs; use LinkedHashMap/LinkedHashSet, "
                + "TreeMap/TreeSet, EnumMap/EnumSet, List.of or Guava's immutable collections";
        List<Forbidden> forbidden = new ArrayList<>();
        for (String type : List.of("java.util.HashMap", "java.util.HashSet", "java.util.Hashtable",
                "java.util.IdentityHashMap", "java.util.WeakHashMap", "java.util.concurrent.ConcurrentHashMap")) {
            forbidden.add(new Forbidden("new " + type + "()",
                    a -> owner(a, type) && a.getName().equals("<init>"), ordered));
        }
        forbidden.add(call("java.util.HashMap", "newHashMap", ordered));
        forbidden.add(call("java.util.HashSet", "newHashSet", ordered));
        forbidden.add(call("java.util.concurrent.ConcurrentHashMap", "newKeySet", ordered));
        forbidden.add(call("java.util.Set", "of", "Set.of " + ordered));
        forbidden.add(call("java.util.Set", "copyOf", "Set.copyOf " + ordered));
        forbidden.add(call("java.util.Map", "of", "Map.of " + ordered));
        forbidden.add(call("java.util.Map", "ofEntries", "Map.ofEntries " + ordered));
        forbidden.add(call("java.util.Map", "copyOf", "Map.copyOf " + ordered));
        String collectors = "java.util.stream.Collectors";
        forbidden.add(call(collectors, "toSet", "Collectors.toSet makes a HashSet; " + ordered));
        forbidden.add(call(collectors, "toUnmodifiableSet", "Collectors.toUnmodifiableSet " + ordered));
        forbidden.add(call(collectors, "toUnmodifiableMap", "Collectors.toUnmodifiableMap " + ordered));
        forbidden.add(call(collectors, "toConcurrentMap", "Collectors.toConcurrentMap " + ordered));
        forbidden.add(call(collectors, "groupingByConcurrent", "Collectors.groupingByConcurrent " + ordered));
        forbidden.add(new Forbidden("Collectors.toMap without a map factory",
                a -> owner(a, collectors) && a.getName().equals("toMap") && params(a) < 4,
                "Collectors.toMap makes a HashMap; pass LinkedHashMap::new, or " + ordered));
        forbidden.add(new Forbidden("Collectors.groupingBy without a map factory",
                a -> owner(a, collectors) && a.getName().equals("groupingBy") && params(a) < 3,
                "Collectors.groupingBy makes a HashMap; pass LinkedHashMap::new, or " + ordered));
        for (String[] guava : new String[][] {
            {"com.google.common.collect.Sets", "newHashSet"},
            {"com.google.common.collect.Sets", "newHashSetWithExpectedSize"},
            {"com.google.common.collect.Sets", "newConcurrentHashSet"},
            {"com.google.common.collect.Sets", "newIdentityHashSet"},
            {"com.google.common.collect.Maps", "newHashMap"},
            {"com.google.common.collect.Maps", "newHashMapWithExpectedSize"},
            {"com.google.common.collect.Maps", "newConcurrentMap"},
            {"com.google.common.collect.Maps", "newIdentityHashMap"},
            {"com.google.common.collect.HashMultimap", "create"},
            {"com.google.common.collect.HashMultiset", "create"},
            {"com.google.common.collect.HashBasedTable", "create"},
        }) {
            forbidden.add(call(guava[0], guava[1], ordered));
        }
        return simulation(root, "not create hash-ordered collections", forbidden, List.of())
                .because(DETERMINISM + "; HashMap/HashSet iteration order is not part of a run's inputs");
    }

    static ArchRule noThreads(String root) {
        String oneThread = "one simulation runs on one Java thread (parallelism is many simulations side by "
                + "side); simulated contexts are strands";
        List<Forbidden> calls = List.of(
                new Forbidden("new Thread(...)",
                        a -> a.getName().equals("<init>") && assignable(a.getTargetOwner(), Thread.class),
                        oneThread),
                call("java.lang.Thread", "start", oneThread),
                call("java.lang.Thread", "startVirtualThread", oneThread),
                call("java.lang.Thread", "ofPlatform", oneThread),
                call("java.lang.Thread", "ofVirtual", oneThread),
                new Forbidden("parallel streams",
                        a -> (a.getName().equals("parallelStream") && assignable(a.getTargetOwner(), java.util.Collection.class))
                                || (a.getName().equals("parallel") && assignable(a.getTargetOwner(), BaseStream.class)),
                        oneThread));
        List<ForbiddenType> types = List.of(
                new ForbiddenType("executors",
                        c -> assignable(c, Executor.class) || assignable(c, ForkJoinTask.class)
                                || c.getName().equals("java.util.concurrent.Executors")
                                || c.getName().equals("java.util.concurrent.CompletableFuture")
                                || c.getName().equals("java.util.Timer"),
                        oneThread));
        String threadStrands = root + ".machine.strand.ThreadStrands";
        DescribedPredicate<JavaClass> exempt = DescribedPredicate.describe("are not " + threadStrands,
                c -> !(c.getName().equals(threadStrands) || c.getName().startsWith(threadStrands + "$")));
        return simulation(root, "not start threads or use executors", calls, types, exempt.and(notHarness(root)))
                .because(DETERMINISM + "; only " + threadStrands + " (the portable strand fallback) may make threads"
                        + ", and " + HARNESS);
    }

    // ------------------------------------------------------------------ plumbing

    /** A forbidden call, constructor call or method reference. */
    record Forbidden(String what, Predicate<JavaCodeUnitAccess<?>> matches, String why) {
    }

    /** A type that simulation code must not depend on at all. */
    record ForbiddenType(String what, Predicate<JavaClass> matches, String why) {
    }

    private static Forbidden call(String owner, String name, String why) {
        return new Forbidden(owner + "." + name, a -> owner(a, owner) && a.getName().equals(name), why);
    }

    private static boolean owner(JavaCodeUnitAccess<?> a, String owner) {
        return a.getTargetOwner().getName().equals(owner);
    }

    /**
     * Like {@link JavaClass#isAssignableTo(Class)}, but also asks the real class: ArchUnit does not
     * import the supertypes of every JDK class it meets (e.g. ExecutorService or List).
     */
    static boolean assignable(JavaClass c, Class<?> type) {
        if (c.isAssignableTo(type)) {
            return true;
        }
        try {
            return type.isAssignableFrom(Class.forName(c.getName(), false, SimulationRules.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static int params(JavaCodeUnitAccess<?> a) {
        return a.getTarget().getRawParameterTypes().size();
    }

    /** Classes outside the exploration harness, which runs simulations rather than being one. */
    static DescribedPredicate<JavaClass> notHarness(String root) {
        String harness = root + ".sched.explore";
        return DescribedPredicate.describe("are not in " + harness,
                c -> !(c.getPackageName().equals(harness) || c.getPackageName().startsWith(harness + ".")));
    }

    static DescribedPredicate<JavaClass> simulationCode(String root) {
        List<String> packages = List.of(root + ".machine", root + ".kernel", root + ".rcu", root + ".sched");
        return DescribedPredicate.describe("are simulation code (" + root + ".machine/kernel/rcu/sched)",
                c -> packages.stream().anyMatch(p -> c.getPackageName().equals(p) || c.getPackageName().startsWith(p + ".")));
    }

    private static ArchRule simulation(String root, String description, List<Forbidden> calls, List<ForbiddenType> types) {
        return simulation(root, description, calls, types, DescribedPredicate.alwaysTrue());
    }

    private static ArchRule simulation(String root, String description, List<Forbidden> calls,
            List<ForbiddenType> types, DescribedPredicate<JavaClass> also) {
        return classes().that(simulationCode(root)).and(also)
                .should(notUse(description, calls, types))
                .allowEmptyShould(true);
    }

    private static ArchCondition<JavaClass> notUse(String description, List<Forbidden> calls, List<ForbiddenType> types) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                // Sorted so that a failure report reads the same every time.
                TreeMap<String, Object> violations = new TreeMap<>();
                for (JavaCodeUnitAccess<?> a : c.getCodeUnitAccessesFromSelf()) {
                    for (Forbidden f : calls) {
                        if (f.matches().test(a)) {
                            violations.put(a.getDescription() + " -- " + f.why(), a);
                        }
                    }
                }
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    for (ForbiddenType t : types) {
                        if (t.matches().test(d.getTargetClass())) {
                            violations.put(d.getDescription() + " -- " + t.why(), d);
                        }
                    }
                }
                violations.forEach((message, where) -> events.add(SimpleConditionEvent.violated(where, message)));
            }
        };
    }
}
