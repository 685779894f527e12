package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rcusim.machine.SimFailure;
import rcusim.rcu.RcuFault;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;
import rcusim.sched.scenario.WorkloadKnob;

/**
 * The faults of the bug-finding issue's second catalogue, each caught in one run of the torture
 * scenario at a seed where it shows, with the symptom it shows there; the clean tree passes the
 * same seed, so the fault is what fails it.
 */
class NewFaultsTest {
    /**
     * The torture scenario with rcutorture's writer-stall check after 400 jiffies instead of 2,000,
     * so that the faults that hang the writer fail in a fifth of the steps.
     */
    private static Scenario torture() {
        return Catalog.builtin().find("torture").orElseThrow()
                .withOverrides(ConfigOverrides.NONE.with(WorkloadKnob.WRITER_STALL, 400));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "START_GP_NO_WRAP           | 1                    | RCU            | Writer stall",
        "EXP_FUNNEL_NO_WRAP         | 1                    | RCU            | Writer stall",
        "CPU_DEAD_CHECK_BEFORE_LOCK | -1896038677452534085 | WARN           | blocks a grace period",
        "START_GP_NO_WAKE           | 1                    | RCU            | completed 0 grace periods",
        "NOCB_WAKE_LOST             | 1                    | DEADLOCK       | synchronize_rcu",
        "UNBLOCK_WRONG_LEAF         | 7                    | OWNERSHIP      | blkd_tasks",
        "EXP_SNAP_OFF_BY_ONE        | 2                    | RCU            | Cookie check 2 failed",
        "EXP_FUNNEL_NO_WAIT         | 32                   | RCU            | Cookie check 2 failed",
        "ACCELERATE_INTO_OLDER      | 1                    | USE_AFTER_FREE | after it was freed",
        "ACCELERATE_STALE_GP_SEQ    | 1                    | RCU            | Writer stall",
        "FQS_STALE_SNAPSHOT         | 12                   | RCU            | Cookie check 3 failed"})
    void faultIsCaught(RcuFault fault, long seed, SimFailure.Kind kind, String symptom) {
        ScenarioRun clean = ScenarioRun.run(torture(), seed, false);
        assertTrue(clean.passed(), () -> "the clean tree fails seed " + seed + ": " + clean.result().describe());
        ScenarioRun r = ScenarioRun.run(torture().withInjection(RcuFaults.of(fault)), seed, false);
        assertFalse(r.passed(), fault + " passed seed " + seed);
        assertTrue(r.result().failure().kind() == kind && r.result().describe().contains(symptom),
                () -> fault + " at seed " + seed + ": expected " + kind + " with '" + symptom + "', got "
                        + r.result().describe());
    }
}
