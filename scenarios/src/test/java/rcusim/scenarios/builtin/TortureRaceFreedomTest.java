package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rcusim.kernel.kcsan.KcsanOptions;
import rcusim.sched.RandomDecider;
import rcusim.sched.scenario.KcsanScenario;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * No false positives on Tree RCU: the torture scenarios, with their plain accesses where
 * rcutorture has them (an element's fields initialised before it is published, rtort_mbtest
 * tested by readers and cleared once grace periods have passed), run under the data-race
 * detector report no race. Tree RCU and rcutorture here need no data_race() annotation: the
 * count of races, annotated or not, is 0 (docs/kcsan.md lists what was checked).
 */
class TortureRaceFreedomTest {
    private static List<String> races(String name, long firstSeed, int runs) {
        Scenario s = KcsanScenario.of(Catalog.builtin().find(name).orElseThrow(), KcsanOptions.STRICT);
        List<String> failures = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + runs; seed++) {
            ScenarioRun r = ScenarioRun.runUnrecorded(s, seed, new RandomDecider(seed));
            if (!r.passed()) {
                failures.add(name + " seed " + seed + ": " + r.result().failure().getMessage());
            }
        }
        return failures;
    }

    @Test
    void tortureScenariosReportNoRace() {
        // one preemptible and one non-preemptible configuration here; the slow test and
        // docs/kcsan.md cover 200 runs of each torture scenario
        List<String> all = new ArrayList<>(races("torture", 1, 1));
        all.addAll(races("tree05", 1, 1));
        assertEquals(List.of(), all);
    }

    @Test
    void seqlockAndZombieScenariosReportNoRace() {
        // their data accesses are marked, as LKMM asks (SeqAccess says why); the reusing
        // allocator's new objects must not race with the accesses to the freed ones
        List<String> all = new ArrayList<>();
        for (String name : List.of("seqcount", "seqlock", "seqlock-preempt", "seqcount-latch", "lifo-stack",
                "rcu-list-early-free")) {
            all.addAll(races(name, 1, 40));
        }
        assertEquals(List.of(), all);
    }

    @Test
    @Tag("slow")
    void twoHundredRunsOfEachTortureScenarioReportNoRace() {
        List<String> all = new ArrayList<>();
        for (String name : List.of("torture", "tree02", "tree04", "tree05", "tree07", "nocb")) {
            all.addAll(races(name, 1, 200));
        }
        assertEquals(List.of(), all);
    }
}
