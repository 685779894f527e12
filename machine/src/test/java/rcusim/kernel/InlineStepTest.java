package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.machine.strand.ThreadStrands;

/**
 * A stepped strand whose next option is its own step goes on without parking
 * ({@code Machine.park}): the loop's work between the two steps runs on the strand's stack.
 * The run must be the one the loop makes when every step parks: same decisions, options,
 * steps, traces, and the same failure at the same step.
 */
class InlineStepTest {

    private static Simulation build(long stepLimit, boolean inline, StrandFactory strands) {
        Simulation m = new Simulation(MachineConfig.of(4, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(stepLimit), strands, true);
        m.machine().setInlineSteps(inline);
        Kernel k0 = m.kernel();
        long x = k0.alloc(1);
        long y = k0.alloc(1);
        RawSpinlock lock = RawSpinlock.create(k0, "lock");
        Completion done = new Completion("done");
        for (int cpu = 0; cpu < 3; cpu++) {
            int id = cpu;
            m.spawn(cpu, "worker" + cpu, k -> {
                for (int i = 0; i < 40; i++) {
                    k.writeOnce(id == 0 ? x : y, i);
                    long seen = k.readOnce(id == 0 ? y : x);
                    k.rawSpinLock(lock);
                    k.writeOnce(x, seen + 1);
                    k.rawSpinUnlock(lock);
                    if (i % 10 == 0) {
                        k.smpMb();
                    }
                }
                if (id == 0) {
                    done.complete(k);
                }
            });
        }
        m.spawn(3, "waiter", k -> done.waitForCompletion(k));
        return m;
    }

    @Test
    void goingOnInlineIsTheSameRunAsParkingEveryStep() {
        long inlined = 0;
        for (long seed = 0; seed < 6; seed++) {
            Simulation a = build(2_000_000, true, StrandFactory.best());
            RunResult ra = a.run(Runs.random(seed));
            assertTrue(ra.passed(), ra::describe);
            Simulation b = build(2_000_000, false, StrandFactory.best());
            RunResult rb = b.run(Runs.random(seed));
            assertEquals(ra.steps(), rb.steps());
            assertArrayEquals(ra.decisions().chosenArray(), rb.decisions().chosenArray());
            assertArrayEquals(ra.decisions().fingerprintArray(), rb.decisions().fingerprintArray());
            assertEquals(a.trace(), b.trace());
            assertEquals(a.ftrace(), b.ftrace());
            assertEquals(0, b.machine().inlineSteps());
            inlined += a.machine().inlineSteps();
            assertTrue(a.machine().inlineSteps() < ra.steps());
        }
        assertTrue(inlined > 100, "strands went on inline only " + inlined + " times");
    }

    @Test
    void aFailureDecidedInlineIsTheSameFailureAtTheSameStep() {
        for (long limit : new long[] {50, 333, 1001}) {
            Simulation a = build(limit, true, StrandFactory.best());
            RunResult ra = a.run(Runs.random(7));
            Simulation b = build(limit, false, StrandFactory.best());
            RunResult rb = b.run(Runs.random(7));
            assertFalse(ra.passed());
            assertEquals(SimFailure.Kind.LIVELOCK, ra.failure().kind());
            assertEquals(rb.failure().getMessage(), ra.failure().getMessage());
            assertEquals(rb.steps(), ra.steps());
            assertArrayEquals(rb.decisions().chosenArray(), ra.decisions().chosenArray());
            assertEquals(b.trace(), a.trace());
        }
    }

    @Test
    void theThreadSubstrateGoesOnInlineToo() {
        Simulation a = build(2_000_000, true, new ThreadStrands());
        RunResult ra = a.run(Runs.random(3));
        Simulation b = build(2_000_000, false, StrandFactory.best());
        RunResult rb = b.run(Runs.random(3));
        assertEquals(rb.steps(), ra.steps());
        assertEquals(b.ftrace(), a.ftrace());
        assertTrue(a.machine().inlineSteps() > 0);
    }
}
