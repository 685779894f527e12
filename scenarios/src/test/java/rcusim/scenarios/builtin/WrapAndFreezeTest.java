package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.MachineCoverage;
import rcusim.machine.Preemption;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.RcuCoverage;
import rcusim.rcu.RcuFault;
import rcusim.rcu.RcuSeq;
import rcusim.rcu.torture.TortureConfig;
import rcusim.sched.ReplayDecider;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.WorkloadKnob;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * The torture scenario's counters start near the wrap and its machine freezes vCPUs: one run
 * crosses both wraps and freezes a CPU, the wrap-unsafe comparison fails it, and a run with
 * freezes replays.
 */
class WrapAndFreezeTest {
    private static Scenario torture() {
        return Catalog.builtin().find("torture").orElseThrow();
    }

    @Test
    void aTortureRunCrossesTheWrapAndFreezesACpu() {
        ScenarioRun r = ScenarioRun.run(torture(), 1, false);
        assertTrue(r.passed(), () -> r.result().describe());
        assertTrue(r.coverage().contains(RcuCoverage.GP_SEQ_WRAP.text()), r.coverage().toString());
        assertTrue(r.coverage().contains(RcuCoverage.EXP_SEQ_WRAP.text()), r.coverage().toString());
        assertTrue(r.coverage().contains(MachineCoverage.VCPU_FROZEN.text()), r.coverage().toString());
        assertTrue(torture().coverageEvents().contains(MachineCoverage.VCPU_FROZEN), "declared for the report");
    }

    /** --vcpu-freeze-every: 0 turns the freezes off (and their coverage events), a value sets the interval. */
    @Test
    void theFreezeIntervalIsAKnob() {
        Scenario off = torture().withOverrides(ConfigOverrides.NONE.with(WorkloadKnob.VCPU_FREEZE_EVERY, 0));
        ScenarioRun r = ScenarioRun.run(off, 1, false);
        assertTrue(r.passed(), () -> r.result().describe());
        assertFalse(r.coverage().contains(MachineCoverage.VCPU_FROZEN.text()), r.coverage().toString());
        assertFalse(off.coverageEvents().contains(MachineCoverage.VCPU_FROZEN));
        assertEquals(0, off.config().vcpuFreezeEvery());
        Scenario often = torture().withOverrides(ConfigOverrides.NONE.with(WorkloadKnob.VCPU_FREEZE_EVERY, 1000));
        assertEquals(1000, often.config().vcpuFreezeEvery());
        assertTrue(torture().coverageEvents().contains(MachineCoverage.VCPU_FROZEN_AFTER_LOAD));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> torture().withOverrides(ConfigOverrides.NONE.with(WorkloadKnob.VCPU_FREEZE_EVERY, -1)));
        assertTrue(e.getMessage().contains("--vcpu-freeze-every -1"), e.getMessage());
    }

    @Test
    void theWrapUnsafeComparisonIsCaught() {
        Scenario s = torture().withInjection(RcuFaults.of(RcuFault.SEQ_DONE_NO_WRAP));
        ScenarioRun r = ScenarioRun.run(s, 1, false);
        assertFalse(r.passed(), "seq-done-no-wrap passed seed 1");
    }

    /** The same fault, with the kernel's start 300 grace periods before the wrap: out of reach. */
    @Test
    void theKernelsStartLeavesTheWrapOutOfReach() {
        RcuConfig far = RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500).withNocbCpus("1,3")
                .withGpSeqStart(RcuSeq.KERNEL_START_GPS).withMutation(RcuFault.SEQ_DONE_NO_WRAP);
        Scenario s = TortureScenarios.configured("torture-far", "torture, kernel's gp_seq start", 4,
                rcusim.machine.KernelConfig.kernel().withPreemption(Preemption.FULL), far, TortureConfig.small());
        ScenarioRun r = ScenarioRun.run(s, 1, false);
        assertTrue(r.passed(), () -> r.result().describe());
        assertFalse(r.coverage().contains(RcuCoverage.GP_SEQ_WRAP.text()));
    }

    @Test
    void aTortureRunWithFreezesReplays() {
        ScenarioRun first = ScenarioRun.run(torture(), 2, true);
        assertTrue(first.trace().contains("vcpu frozen for"), "no freeze in the run");
        ReplayDecider replay = new ReplayDecider(first.result().decisions());
        ScenarioRun again = ScenarioRun.run(torture(), 2, replay, true);
        replay.checkConsumed(again.result());
        assertEquals(first.result().steps(), again.result().steps());
        assertEquals(first.trace(), again.trace());
    }
}
