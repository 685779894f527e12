package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.MachineCoverage;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/** vCPU preemption: a frozen CPU stands still for its stretch, and the freeze replays. */
class VcpuFreezeTest {
    /** Option 2 of a FREEZE offer: frozen now for the second length, 1000 steps. */
    private static final int FREEZE_1000_NOW = 2;
    private static final long LENGTH = 1000;

    private static Simulation machine() {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(2_000_000).withVcpuFreezeEvery(3_000), StrandFactory.best(), true);
        Kernel k0 = m.kernel();
        long x = k0.alloc(1);
        long y = k0.alloc(1);
        // both CPUs stay busy through the first offers, so no freeze ends early for want of work
        m.spawn(0, "left", k -> {
            for (int i = 0; i < 8000; i++) {
                k.atomicInc(x);
            }
        });
        m.spawn(1, "right", k -> {
            for (int i = 0; i < 8000; i++) {
                k.atomicInc(y);
            }
        });
        return m;
    }

    /** A seeded random walk that freezes whenever offered, noting what it saw. */
    private static final class Watching implements Decider {
        final SplittableRandom random;
        final List<long[]> freezes = new ArrayList<>(); // {step, cpu}
        final List<long[]> moves = new ArrayList<>(); // {step, cpu} of every STEP or INTERRUPT offered
        final List<Integer> choices = new ArrayList<>();

        Watching(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public int choose(Options o) {
            int i;
            if (o.kind(0) == OptionKind.FREEZE) {
                i = freezes.size() < 3 ? FREEZE_1000_NOW : 0;
                if (i != 0) {
                    freezes.add(new long[] {o.step(), o.cpu(0)});
                }
            } else {
                i = random.nextInt(o.size());
                for (int j = 0; j < o.size(); j++) {
                    if (o.kind(j) == OptionKind.STEP || o.kind(j) == OptionKind.INTERRUPT) {
                        moves.add(new long[] {o.step(), o.cpu(j)});
                    }
                }
            }
            choices.add(i);
            return i;
        }
    }

    @Test
    void aFrozenCpuTakesNoStepAndNoInterruptForItsStretch() {
        Simulation m = machine();
        Watching d = new Watching(3);
        RunResult r = m.run(d);
        assertTrue(r.passed(), r::describe);
        assertEquals(3, d.freezes.size(), "freezes made");
        assertTrue(m.coverage().contains(MachineCoverage.VCPU_FROZEN.text()), m.coverage().toString());
        for (long[] f : d.freezes) {
            long from = f[0];
            int cpu = (int) f[1];
            assertFalse(d.moves.stream().anyMatch(mv -> mv[1] == cpu && mv[0] >= from && mv[0] < from + LENGTH),
                    "CPU " + cpu + " was offered a step or interrupt while frozen from step " + from);
            // and it runs again afterwards
            assertTrue(d.moves.stream().anyMatch(mv -> mv[1] == cpu && mv[0] >= from + LENGTH),
                    "CPU " + cpu + " never ran again after its freeze at step " + from);
        }
        assertEquals(d.freezes.size() * LENGTH, m.counters().get("machine: vCPU frozen steps"));
    }

    @Test
    void aRunWithFreezesReplaysExactly() {
        Simulation first = machine();
        Watching d = new Watching(5);
        RunResult r1 = first.run(d);
        assertTrue(d.freezes.size() >= 2);
        List<Integer> recorded = List.copyOf(d.choices);
        Simulation again = machine();
        int[] next = {0};
        RunResult r2 = again.run(o -> recorded.get(next[0]++));
        assertEquals(recorded.size(), next[0]);
        assertEquals(r1.steps(), r2.steps());
        assertEquals(first.trace(), again.trace());
        assertTrue(first.trace().contains("vcpu frozen for 1000 steps"));
    }

    /**
     * CPU 0 takes a lock 300 times, after a READ_ONCE() of the data when checked is true; CPU 1
     * only counts. Returns the steps of the offers made at a lock (lockOptions() options), and
     * freezes CPU 0 for 1000 steps at the first.
     */
    private static List<long[]> lockOffers(boolean checked, StringBuilder trace) {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(2_000_000).withVcpuFreezeEvery(3_000), StrandFactory.best(), true);
        Kernel k0 = m.kernel();
        RawSpinlock lock = RawSpinlock.create(k0, "lock");
        long x = k0.alloc(1);
        long y = k0.alloc(1);
        m.spawn(0, "checker", k -> {
            for (int i = 0; i < 300; i++) {
                if (!checked || k.readOnce(x) >= 0) {
                    k.rawSpinLock(lock);
                    k.writeOnce(x, i);
                    k.rawSpinUnlock(lock);
                }
            }
        });
        m.spawn(1, "counter", k -> {
            for (int i = 0; i < 3000; i++) {
                k.atomicInc(y);
            }
        });
        List<long[]> offers = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(7);
        RunResult r = m.run(o -> {
            if (o.kind(0) != OptionKind.FREEZE) {
                return rnd.nextInt(o.size());
            }
            if (o.size() != 1 + 4) {
                return 0; // the periodic offer: run on
            }
            offers.add(new long[] {o.step(), o.cpu(0)});
            return offers.size() == 1 ? FREEZE_1000_NOW : 0;
        });
        assertTrue(r.passed(), r::describe);
        trace.append(m.trace());
        return offers;
    }

    @Test
    void aLockAfterALocklessLoadIsOfferedAFreezeOncePerStretch() {
        StringBuilder trace = new StringBuilder();
        List<long[]> offers = lockOffers(true, trace);
        assertTrue(offers.size() >= 2, offers.size() + " offers at a lock");
        for (int i = 0; i < offers.size(); i++) {
            assertEquals(0, offers.get(i)[1], "only CPU 0 takes locks");
            if (i > 0) {
                assertTrue(offers.get(i)[0] - offers.get(i - 1)[0] >= 3_000, "two offers within 3,000 steps");
            }
        }
        assertTrue(trace.toString().contains("vcpu frozen for 1000 steps before spin_lock after a lockless load"),
                "no freeze at the lock in the trace");
        assertTrue(lockOffers(false, new StringBuilder()).isEmpty(), "a lock with no load before it was offered a freeze");
    }

    @Test
    void offNoFreezeDecisionIsOffered() {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(2_000_000), StrandFactory.best(), false);
        long x = m.kernel().alloc(1);
        m.spawn(0, "t", k -> {
            for (int i = 0; i < 5000; i++) {
                k.atomicInc(x);
            }
        });
        SplittableRandom rnd = new SplittableRandom(1);
        RunResult r = m.run(o -> {
            assertFalse(o.kind(0) == OptionKind.FREEZE, "a FREEZE offered with vCPU preemption off");
            return rnd.nextInt(o.size());
        });
        assertTrue(r.passed(), r::describe);
    }
}
