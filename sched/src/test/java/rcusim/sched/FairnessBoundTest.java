package rcusim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/** A strategy that always prefers CPU 0 still lets CPU 1 run (and its interrupt come) within the bound. */
class FairnessBoundTest {
    @Test
    void aStarvedCpuGetsItsInterruptThenItsStep() {
        Decider alwaysCpu0 = o -> 0;
        FairnessBound fair = new FairnessBound(alwaysCpu0, 3);
        Options o = new FakeOptions(0, new OptionKind[] {OptionKind.STEP, OptionKind.STEP, OptionKind.INTERRUPT},
                new int[] {0, 1, 1});
        int cpu1Turns = 0;
        int interrupts = 0;
        for (int i = 0; i < 40; i++) {
            int c = fair.choose(o);
            if (o.cpu(c) == 1) {
                cpu1Turns++;
                if (o.kind(c) == OptionKind.INTERRUPT) {
                    interrupts++;
                }
            }
        }
        assertEquals(8, cpu1Turns, "passed over more than 3 times, CPU 1 gets every fifth decision");
        assertEquals(8, interrupts, "a starved CPU gets its pending interrupt first");
        assertTrue(fair.toString().contains("fairness bound 3"));
    }
}
