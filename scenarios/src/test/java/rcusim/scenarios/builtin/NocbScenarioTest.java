package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;
import rcusim.rcu.RcuCoverage;
import rcusim.rcu.RcuFault;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/** NOCB beyond the nocb scenario's fixed seeds: its fault is caught, and NOCB on a preemptible kernel. */
class NocbScenarioTest {
    private static Scenario tree05WithNocb(String cpus) {
        return Catalog.builtin().find("tree05").orElseThrow().withOverrides(new ConfigOverrides(null, null, null, cpus));
    }

    @Test
    void nocbInvokeBeforeGpIsCaughtAsATooShortGracePeriod() {
        Scenario s = tree05WithNocb("0-5").withInjection(RcuFaults.of(RcuFault.NOCB_INVOKE_BEFORE_GP));
        for (long seed = 1; seed <= 6; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            if (!r.passed()) {
                // a reader sees a freed element, or the writer's full cookie is not done after its wait
                String msg = r.result().failure().getMessage();
                assertTrue(r.result().failure().kind() == SimFailure.Kind.RCU
                        && (msg.contains("!!! Reader Pipe") || msg.contains("Cookie check")), r.result().describe());
                return;
            }
        }
        throw new AssertionError("tree05 --nocb 0-5 passed 6 runs with nocb-invoke-before-gp injected");
    }

    /** rcuo preempted mid-batch, rcuog preempted while it holds nothing: tree05 with rcu_nocbs=0-3. */
    @Test
    void nocbOnAPreemptibleKernelPassesFixedSeeds() {
        Scenario s = tree05WithNocb("0-3");
        for (long seed = 1; seed <= 2; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            assertTrue(r.passed(), r.result().describe());
        }
    }

    /** The nocb scenario reaches the hotplug path into an offloaded CPU. */
    @Test
    void nocbMigratesCallbacksToAnOffloadedCpu() {
        ScenarioRun r = ScenarioRun.run(Catalog.builtin().find("nocb").orElseThrow(), 1, false);
        assertTrue(r.passed(), r.result().describe());
        assertTrue(r.coverage().contains(RcuCoverage.MIGRATED_TO_OFFLOADED.text()), r.coverage().toString());
    }
}
