package rcusim.sched.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemorySystem;
import rcusim.sched.Strategies;
import rcusim.sched.scenario.Scenario;

/**
 * issue 13: an exhaustive search reported every execution of the default scenario as "LIVELOCK:
 * no end after 5000000 steps" (exit 1), "levels 0 to -1", "Infinity executions". A spin that
 * only a forbidden move (here a preemption) would end is the bound's doing, not a failure; a spin
 * that nothing can end is still one.
 */
class ExhaustiveBoundLivelockTest {
    /** CPU 0 spins until CPU 1 sets a flag; if CPU 0 starts, only a preemption lets CPU 1 set it. */
    static final class SpinOnFlag implements Scenario {
        private final boolean anyoneSetsIt;

        SpinOnFlag(boolean anyoneSetsIt) {
            this.anyoneSetsIt = anyoneSetsIt;
        }

        @Override
        public String name() {
            return anyoneSetsIt ? "spin-on-flag" : "spin-forever";
        }

        @Override
        public String description() {
            return "CPU 0 spins until CPU 1 sets a flag" + (anyoneSetsIt ? "" : ", which it never does");
        }

        @Override
        public MachineConfig config() {
            return new MachineConfig(2, MemoryModel.SC, MemorySystem.DEFAULT_WINDOW, 40_000);
        }

        @Override
        public void load(Simulation m, long seed) {
            long flag = m.kernel().alloc(1);
            m.spawn(0, "waiter", k -> {
                while (k.readOnce(flag) == 0) {
                    // spin
                }
            });
            m.spawn(1, "setter", k -> {
                if (anyoneSetsIt) {
                    k.writeOnce(flag, 1);
                }
            });
        }
    }

    private static CampaignResult search(Scenario s, String strategy, StringWriter text) throws Exception {
        return new Exploration(new ExhaustiveSearch(s, strategy, Strategies.exhaustive(strategy), 1, Long.MAX_VALUE, -1,
                false), new PrintWriter(text), null, "rcusim test").run(StatusLine.NONE);
    }

    @Test
    void exhaustiveLivelockFromTheBoundIsNotAFailure() throws Exception {
        StringWriter text = new StringWriter();
        CampaignResult r = search(new SpinOnFlag(true), "exhaustive:0", text);
        String report = text.toString();
        assertTrue(r.failures.isEmpty(), report);
        assertEquals(0, r.failed(), report);
        assertTrue(r.bounded.boundLivelocks() >= 1, report);
        assertTrue(report.contains("livelock of the bound's making, not of the code under test"), report);
        assertTrue(report.contains("suits scenarios whose undisturbed run ends by itself"), report);
    }

    @Test
    void exhaustiveLivelockThatNoMoveEndsIsStillAFailure() throws Exception {
        StringWriter text = new StringWriter();
        CampaignResult r = search(new SpinOnFlag(false), "exhaustive:1", text);
        assertEquals(1, r.failures.size(), text.toString());
        assertEquals(SimFailure.Kind.LIVELOCK, r.failures.firstKey().kind());
    }

    @Test
    void exhaustiveReportHasNoNegativeLevelsAndNoInfinity() throws Exception {
        StringWriter text = new StringWriter();
        CampaignResult r = new Exploration(new ExhaustiveSearch(new SpinOnFlag(true), "exhaustive:2",
                Strategies.exhaustive("exhaustive:2"), 1, 1, -1, false), new PrintWriter(text), null, "rcusim test")
                .run(StatusLine.NONE);
        String report = text.toString();
        assertFalse(r.bounded.complete(), report);
        assertFalse(report.contains("-1"), report);
        assertFalse(report.contains("Infinity"), report);
        assertTrue(report.contains("no level of 0 to 3 complete"), report);
    }
}
