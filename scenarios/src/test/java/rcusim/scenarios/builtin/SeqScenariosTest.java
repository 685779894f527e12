package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/** The sequence-lock scenarios: clean with the real primitives, failing with each fault. */
class SeqScenariosTest {
    private static final int SEEDS = 30;

    /** The first of seeds 1..SEEDS whose run fails, or null if all pass. */
    private static ScenarioRun firstFailure(Scenario s) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            if (!r.passed()) {
                return r;
            }
        }
        return null;
    }

    private static Scenario inject(Scenario s, String fault) {
        Fault f = s.injectable(fault).orElseThrow(() -> new AssertionError(s.name() + " lacks " + fault));
        return s.withInjection(f);
    }

    @Test
    void tornReadIsCaughtWithEachBarrierFaultAndNeverWithout() {
        for (Scenario s : new Scenario[] {new SeqcountTornRead(false), new SeqcountTornRead(true)}) {
            ScenarioRun clean = firstFailure(s);
            assertTrue(clean == null, () -> s.name() + ": " + clean.result().describe());
            for (Fault f : s.injections()) {
                ScenarioRun r = firstFailure(s.withInjection(f));
                assertTrue(r != null, s.name() + " with " + f + ": no failure in " + SEEDS + " seeds");
                assertEquals(SimFailure.Kind.WARN, r.result().failure().kind(), r.result()::describe);
                assertTrue(r.result().failure().getMessage().contains("torn read accepted by the sequence count"),
                        r.result()::describe);
            }
        }
    }

    @Test
    void latchReadFromTheTickInterruptMidUpdateIsNeverTorn() {
        Scenario s = new SeqcountLatchIrq();
        long midUpdate = 0;
        for (long seed = 1; seed <= 5; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            assertTrue(r.passed(), r.result()::describe);
            midUpdate += r.counters().getOrDefault("latch.irq-reads-mid-update", 0L);
        }
        assertTrue(midUpdate > 0, "no tick interrupted the writer mid-update");
        ScenarioRun r = firstFailure(inject(s, "seqcount-latch-no-wmb"));
        assertTrue(r != null, "seqcount-latch-no-wmb: no failure");
        assertTrue(r.result().failure().getMessage().contains("torn copy accepted by the latch"), r.result()::describe);
    }

    @Test
    void preemptedWriterLeavesANonPreemptibleReaderSpinningOnlyUnderTheFault() {
        Scenario s = new SeqlockPreempt();
        for (long seed = 1; seed <= 5; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            assertTrue(r.passed(), r.result()::describe);
        }
        ScenarioRun r = firstFailure(inject(s, "seqcount-writer-preemptible"));
        assertTrue(r != null, "seqcount-writer-preemptible: no failure");
        assertEquals(SimFailure.Kind.LIVELOCK, r.result().failure().kind(), r.result()::describe);
        assertTrue(r.result().failure().getMessage().contains("BUG: soft lockup"), r.result()::describe);
    }
}
