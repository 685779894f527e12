package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

class HotplugStormTest {
    private final Scenario storm = new HotplugStorm();

    @Test
    void everyCpuComesBackAndNothingIsLost() {
        for (long seed = 1; seed <= 5; seed++) {
            ScenarioRun r = ScenarioRun.run(storm, seed, true);
            assertTrue(r.passed(), r.result()::describe);
            String t = r.trace();
            long down = t.lines().filter(l -> l.contains("cpuhp_exit offline")).count();
            long up = t.lines().filter(l -> l.contains("cpuhp_exit online")).count();
            assertTrue(down >= HotplugStorm.TOGGLES / 4, "seed " + seed + ": only " + down + " CPUs went offline");
            assertEquals(down, up, "seed " + seed + ": every CPU taken down comes back");
            assertTrue(t.contains("action=TASKLET"), "seed " + seed + ": no softirq ran");
            assertTrue(t.contains("action=TIMER"), "seed " + seed + ": the timer never ran");
            assertTrue(t.lines().noneMatch(l -> l.contains("cpuhp_exit offline cpu=0")), "CPU 0 stays online");
        }
    }

    /** The CPUs it toggles come from the seed: two seeds, two different storms. */
    @Test
    void theSeedChoosesTheCpus() {
        assertNotEquals(offlineOrder(1), offlineOrder(2));
        assertEquals(offlineOrder(3), offlineOrder(3));
    }

    private String offlineOrder(long seed) {
        StringBuilder sb = new StringBuilder();
        ScenarioRun.run(storm, seed, true).trace().lines()
                .filter(l -> l.contains("cpuhp_exit"))
                .forEach(l -> sb.append(l, l.indexOf("cpuhp_exit"), l.length()).append(';'));
        return sb.toString();
    }
}
