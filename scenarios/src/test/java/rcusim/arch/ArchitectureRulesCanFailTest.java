package rcusim.arch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.arch.fixtures.sim.cli.Front;
import rcusim.arch.fixtures.sim.kernel.ParsesOptions;
import rcusim.arch.fixtures.sim.kernel.KernelKnowsRcu;
import rcusim.arch.fixtures.sim.machine.Clean;
import rcusim.arch.fixtures.sim.machine.HashCollections;
import rcusim.arch.fixtures.sim.machine.KnowsKernel;
import rcusim.arch.fixtures.sim.machine.KnowsRcu;
import rcusim.arch.fixtures.sim.machine.WallClock;
import rcusim.arch.fixtures.sim.machine.strand.ThreadStrands;
import rcusim.arch.fixtures.sim.rcu.KnowsSched;
import rcusim.arch.fixtures.sim.rcu.Randomness;
import rcusim.arch.fixtures.sim.sched.IdentityHashes;
import rcusim.arch.fixtures.sim.sched.KnowsCli;
import rcusim.arch.fixtures.sim.sched.Threads;
import rcusim.arch.fixtures.sim.sched.explore.Harness;

/**
 * Each rule of {@link SimulationRules}, built over the fixture root instead of {@code rcusim},
 * reports the deliberately bad fixture class made for it, with its reason, and nothing else.
 */
class ArchitectureRulesCanFailTest {
    private static final String ROOT = "rcusim.arch.fixtures.sim";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(ROOT);

    private static String report(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertTrue(result.hasViolation(), "rule should fail on its fixture: " + rule.getDescription());
        String report = result.getFailureReport().toString();
        String violations = String.join("\n", result.getFailureReport().getDetails());
        assertFalse(violations.contains(Clean.class.getName()), report);
        return report;
    }

    private static void assertMentions(String report, String... parts) {
        for (String part : parts) {
            assertTrue(report.contains(part), "expected '" + part + "' in:\n" + report);
        }
    }

    @Test
    void layeringRulesFail() {
        List<ArchRule> rules = SimulationRules.layering(ROOT);
        assertMentions(report(rules.get(0)), KnowsRcu.class.getName(), "knows nothing of");
        assertMentions(report(rules.get(1)), KnowsSched.class.getName(), "kernel API only");
        assertMentions(report(rules.get(2)), KnowsCli.class.getName(), "must not know about RCU or the front end");
    }

    @Test
    void commandLineRuleFailsForEveryLayerBelowTheCli() {
        String r = report(SimulationRules.noCommandLine(ROOT));
        assertMentions(r, ParsesOptions.class.getName(), "picocli.CommandLine", KnowsCli.class.getName(),
                rcusim.arch.fixtures.sim.rcu.KnowsCli.class.getName(), Front.class.getName(),
                "only the command line");
    }

    @Test
    void machineMustNotKnowTheKernel() {
        List<ArchRule> rules = SimulationRules.layering(ROOT);
        String r = report(rules.get(3));
        assertMentions(r, KnowsKernel.class.getName(), "OperatingSystem interface");
        assertMentions(report(rules.get(4)), KernelKnowsRcu.class.getName(), "through its hooks");
    }

    @Test
    void wallClockRuleFails() {
        String r = report(SimulationRules.noWallClock(ROOT));
        assertMentions(r, WallClock.class.getName(), "System.nanoTime", "currentTimeMillis", "Instant.now",
                "LocalDateTime.now", "Thread.sleep", "a pure function of", "virtual");
        assertFalse(r.contains(Harness.class.getName()), "the exploration harness may time its budget:\n" + r);
    }

    @Test
    void randomnessRuleFails() {
        String r = report(SimulationRules.noUnseededRandomness(ROOT));
        assertMentions(r, Randomness.class.getName(), "java.util.Random.<init>", "Math.random",
                "ThreadLocalRandom", "SplittableRandom.<init>()", "a pure function of", "Decider");
        assertFalse(r.contains("SplittableRandom.<init>(long)"), "a seeded SplittableRandom is fine:\n" + r);
    }

    @Test
    void identityHashRuleFails() {
        assertMentions(report(SimulationRules.noIdentityHashCodes(ROOT)),
                IdentityHashes.class.getName(), "identityHashCode", "a pure function of");
    }

    @Test
    void hashCollectionRuleFails() {
        String r = report(SimulationRules.noHashOrderedCollections(ROOT));
        assertMentions(r, HashCollections.class.getName(), "java.util.HashMap.<init>", "java.util.HashSet.<init>",
                "Set.of", "Map.of", "Collectors.toSet", "Collectors.toMap", "Maps.newHashMap",
                "LinkedHashMap", "a pure function of");
        assertFalse(r.contains("java.util.LinkedHashMap.<init>"), r);
    }

    @Test
    void threadRuleFailsButSparesThreadStrands() {
        String r = report(SimulationRules.noThreads(ROOT));
        assertMentions(r, Threads.class.getName(), "java.lang.Thread.<init>", "Thread.start", "Executors",
                "ExecutorService", "parallelStream", "one Java thread", "a pure function of");
        String violations = String.join("\n",
                SimulationRules.noThreads(ROOT).evaluate(FIXTURES).getFailureReport().getDetails());
        assertFalse(violations.contains(ThreadStrands.class.getName() + "."), "ThreadStrands is the exemption:\n" + r);
        assertFalse(violations.contains(ThreadStrands.class.getName() + "$"), "ThreadStrands is the exemption:\n" + r);
        assertFalse(violations.contains(Harness.class.getName()), "so are the exploration harness's workers:\n" + r);
    }

    @Test
    void cleanCodePassesEveryRule() {
        JavaClasses clean = new ClassFileImporter().importClasses(Clean.class);
        for (ArchRule rule : SimulationRules.all(ROOT)) {
            EvaluationResult result = rule.evaluate(clean);
            assertFalse(result.hasViolation(), result.getFailureReport().toString());
        }
    }
}
