package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/** lifo-stack and rcu-list-early-free: clean as written, a zombie pointer with their fault. */
class ZombieScenariosTest {
    /** The faults are found within this many seeds (the brief's bound; they are found in the first few). */
    private static final int SEEDS = 100;
    /** Clean runs checked here; the 2,000-run figure comes from rcusim explore (docs/kernel.md). */
    private static final int CLEAN_SEEDS = 25;

    private static Scenario named(String name) {
        return Catalog.builtin().find(name).orElseThrow();
    }

    @Test
    void cleanWithoutTheirFault() {
        for (String name : List.of(LifoStack.NAME, RcuListEarlyFree.NAME)) {
            Scenario s = named(name);
            for (long seed = 1; seed <= CLEAN_SEEDS; seed++) {
                ScenarioRun r = ScenarioRun.run(s, seed, false);
                assertTrue(r.passed(), name + " seed " + seed + ": " + r.result().describe());
            }
        }
    }

    @Test
    void eachFaultIsAZombiePointerReportedWithLoadFreeReuseAndUse() {
        assertFound(LifoStack.NAME, "pop-frees-without-grace-period");
        assertFound(RcuListEarlyFree.NAME, "updater-frees-early");
    }

    private static void assertFound(String name, String faultName) {
        Scenario plain = named(name);
        Fault f = plain.injectable(faultName).orElseThrow();
        Scenario s = plain.withInjection(f);
        assertEquals(f, s.injection());
        assertEquals(plain.description(), s.withoutInjection().description());
        ScenarioRun found = null;
        for (long seed = 1; seed <= SEEDS && found == null; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            if (!r.passed()) {
                found = r;
            }
        }
        assertNotNull(found, name + " with " + faultName + ": no failure in " + SEEDS + " seeds");
        String report = found.result().describe();
        assertEquals(SimFailure.Kind.ZOMBIE_POINTER, found.result().failure().kind(), report);
        for (String part : List.of("zombie pointer: ", "loaded: ", "freed: CPU ", "reused: allocated again as generation ",
                "used: ", "used at:")) {
            assertTrue(report.contains(part), part + " in " + report);
        }
        ScenarioRun again = ScenarioRun.run(s, found.seed(), false);
        assertEquals(report, again.result().describe(), "the same seed, the same run");
    }

    @Test
    void theirFaultsAreListedAsMutations() {
        List<String> all = Catalog.builtin().all().stream().flatMap(s -> s.injections().stream()).map(Fault::name).toList();
        assertTrue(all.contains("pop-frees-without-grace-period") && all.contains("updater-frees-early"), all.toString());
    }
}
