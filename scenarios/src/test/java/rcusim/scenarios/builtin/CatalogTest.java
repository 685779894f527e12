package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

class CatalogTest {
    @Test
    void builtinScenariosAreListedInNameOrder() {
        List<String> expected = new java.util.ArrayList<>(List.of("gp-2cpu", "gp-2cpu-span", "gp-3cpu", "hotplug-storm", "lifo-stack", "lockdep-abba",
                "nocb", "rcu-list-early-free", "seqcount", "seqcount-latch", "seqlock", "seqlock-preempt", "torture", "tree02",
                "tree04", "tree05", "tree07"));
        for (RacyPrograms.Program p : RacyPrograms.ALL) {
            expected.add("race-" + p.name());
        }
        assertEquals(expected.stream().sorted().toList(), Catalog.builtin().names());
        assertEquals(13, RacyPrograms.ALL.size());
        assertEquals(Catalog.builtin().names(), Catalog.builtin().all().stream().map(Scenario::name).toList());
    }

    @Test
    void findsByExactNameOnly() {
        assertEquals("lockdep-abba", Catalog.builtin().find("lockdep-abba").orElseThrow().name());
        assertTrue(Catalog.builtin().find("LOCKDEP-ABBA").isEmpty());
        assertTrue(Catalog.builtin().find("nope").isEmpty());
    }

    @Test
    void twoScenariosOfOneNameAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Catalog.of(new LockdepAbba(), new LockdepAbba()));
    }

    @Test
    void everyScenarioHasAOneLineDescription() {
        for (Scenario s : Catalog.builtin().all()) {
            assertTrue(s.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), s.name());
            assertTrue(!s.description().isBlank() && !s.description().contains("\n"), s.description());
        }
    }

    /** Determinism: the same seed gives the same run, byte for byte. */
    @Test
    void everyScenarioRunsTheSameTwiceFromOneSeed() {
        for (Scenario s : Catalog.builtin().all()) {
            ScenarioRun first = ScenarioRun.run(s, 7, true);
            ScenarioRun second = ScenarioRun.run(s, 7, true);
            assertEquals(first.result().describe(), second.result().describe(), s.name());
            assertEquals(first.result().steps(), second.result().steps(), s.name());
            assertEquals(first.trace(), second.trace(), s.name());
            assertTrue(!first.trace().isEmpty(), s.name());
        }
    }
}
