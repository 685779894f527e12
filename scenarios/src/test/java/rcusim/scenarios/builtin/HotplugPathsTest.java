package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.Preemption;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.RcuCoverage;
import rcusim.rcu.RcuGpDelays;
import rcusim.rcu.torture.TortureConfig;
import rcusim.sched.RunSeeds;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * The default torture scenario's hotplug reaches the emptied-leaf paths: CPUs 2 and 3 (leaf
 * rcu_node[2]) offline together, the leaf cleaned up, a reader preempted there keeping it
 * (wait_blkd_tasks), and the grace-period delays acting. (NewFaultsTest finds the two
 * emptied-leaf faults.)
 */
class HotplugPathsTest {
    /** Runs of {@code explore torture --seed 1} searched for one that keeps an emptied leaf waiting. */
    private static final int BUDGET = 400;

    private static long emptiedLeafWithTasksSeed;

    /**
     * The first run of {@code explore torture --seed 1} (random strategy) in which a reader
     * preempted on CPU 2 or 3 as it went down is still queued on the emptied leaf at the next
     * ONOFF pass (about 1 run in 100). Searched, not fixed: which run it is moves whenever the
     * tree's steps change; that the default campaign reaches it soon must not.
     */
    static synchronized long emptiedLeafWithTasksSeed() {
        if (emptiedLeafWithTasksSeed == 0) {
            for (int i = 0; i < BUDGET && emptiedLeafWithTasksSeed == 0; i++) {
                long seed = RunSeeds.forRun(1, i);
                ScenarioRun r = ScenarioRun.run(torture(), seed, false);
                assertTrue(r.passed(), () -> r.result().describe());
                if (r.coverage().contains(RcuCoverage.EMPTIED_LEAF_BLOCKED_TASKS.text())) {
                    emptiedLeafWithTasksSeed = seed;
                }
            }
            assertTrue(emptiedLeafWithTasksSeed != 0, "no run of the first " + BUDGET + " kept an emptied leaf waiting");
        }
        return emptiedLeafWithTasksSeed;
    }

    private static Scenario torture() {
        return Catalog.builtin().find("torture").orElseThrow();
    }

    @Test
    void aRunEmptiesALeafWhoseReaderKeepsItWaiting() {
        ScenarioRun r = ScenarioRun.run(torture(), emptiedLeafWithTasksSeed(), false);
        assertTrue(r.passed(), () -> r.result().describe());
        for (RcuCoverage e : new RcuCoverage[] {RcuCoverage.EMPTIED_LEAF_BLOCKED_TASKS,
            RcuCoverage.INIT_WAITS_EMPTIED_LEAF, RcuCoverage.GP_PREINIT_DELAY, RcuCoverage.GP_INIT_DELAY,
            RcuCoverage.GP_CLEANUP_DELAY}) {
            assertTrue(r.coverage().contains(e.text()), () -> e + " not reached: " + r.coverage());
        }
        for (RcuCoverage e : new RcuCoverage[] {RcuCoverage.EMPTIED_LEAF_CLEANED, RcuCoverage.EMPTIED_LEAF_BLOCKED_TASKS,
            RcuCoverage.DOWN_UP_BETWEEN_ONOFF, RcuCoverage.GP_INIT_DELAY}) {
            assertTrue(torture().coverageEvents().contains(e), e + " is not in the campaign's coverage list");
        }
    }

    /** Of the first runs of seeds 1 to 4, some take CPUs 2 and 3 down together and clean their leaf up. */
    @Test
    void aLeafEmptiesAndIsCleanedUp() {
        int cleaned = 0;
        for (long seed = 1; seed <= 4; seed++) {
            ScenarioRun r = ScenarioRun.run(torture(), seed, false);
            assertTrue(r.passed(), () -> r.result().describe());
            cleaned += r.coverage().contains(RcuCoverage.EMPTIED_LEAF_CLEANED.text()) ? 1 : 0;
        }
        assertTrue(cleaned > 0, "no run of seeds 1-4 emptied a leaf");
    }

    /** Without the delays the same run never sleeps in the grace-period kthread's passes. */
    @Test
    void theDelaysActOnlyWhenConfigured() {
        RcuConfig noDelays = RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500)
                .withGpSeqStart(RcuConfig.TORTURE_GP_SEQ_START).withNocbCpus("1,3");
        Scenario s = TortureScenarios.configured("torture-nodelay", "torture without gp_*_delay", 4,
                rcusim.machine.KernelConfig.kernel().withPreemption(Preemption.FULL), noDelays, TortureConfig.small());
        ScenarioRun r = ScenarioRun.run(s, 1, false);
        assertTrue(r.passed(), () -> r.result().describe());
        assertFalse(r.coverage().contains(RcuCoverage.GP_INIT_DELAY.text()), r.coverage().toString());
        assertFalse(s.coverageEvents().contains(RcuCoverage.GP_INIT_DELAY), "listed though it cannot act");
        assertEquals(new RcuGpDelays(1, 1, 1), RcuTortureScenario.TORTURE_GP_DELAYS);
    }

    @Test
    void onoffTimingIsValidated() {
        TortureConfig t = TortureConfig.small().withOnoffTiming(5, 2);
        assertEquals(5, t.onoffHoldoff());
        assertEquals(2, t.onoffInterval());
        assertEquals(5, t.withReaders(1).onoffHoldoff(), "other with* keep it");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> t.withOnoffTiming(0, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> t.withOnoffTiming(-1, 1));
    }
}
