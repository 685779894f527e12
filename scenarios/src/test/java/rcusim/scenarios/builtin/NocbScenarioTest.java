package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;

/** The nocb scenario catches its NOCB fault, and reaches the offloaded hotplug paths. */
class NocbScenarioTest {
    @Test
    void nocbInvokeBeforeGpIsCaughtAsATooShortGracePeriod() {
        Scenario s = Catalog.builtin().find("nocb").orElseThrow().withInjection("nocb-invoke-before-gp");
        for (long seed = 1; seed <= 6; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            if (!r.passed()) {
                assertTrue(r.result().failure().kind() == SimFailure.Kind.RCU
                        && r.result().failure().getMessage().contains("!!! Reader Pipe"), r.result().describe());
                return;
            }
            assertTrue(r.coverage().contains("rcu: callbacks migrated to an offloaded CPU"), r.coverage().toString());
        }
        throw new AssertionError("nocb passed 6 runs with nocb-invoke-before-gp injected");
    }

    /** NOCB on a preemptible kernel (rcuo preempted mid-batch): tree05 with rcu_nocbs=0-3. */
    @Test
    void nocbOnAPreemptibleKernelPassesFixedSeeds() {
        Scenario s = Catalog.builtin().find("tree05").orElseThrow()
                .withOverrides(new ConfigOverrides(null, null, null, "0-3"));
        for (long seed = 1; seed <= 2; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            assertTrue(r.passed(), r.result().describe());
        }
    }
}
