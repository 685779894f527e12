package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import rcusim.machine.MachineConfig;
import rcusim.machine.Op;
import rcusim.machine.Ordering;
import rcusim.machine.StepFootprint;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/**
 * Under weak, which of its own CPU's drains an atomic or a lock reports it may wait for. A
 * drain of an older store can only let it go sooner, so it waits for none unless the store
 * was to its own location (then only for drains of that location), or a barrier mark in the
 * buffer or a fully ordered atomic makes it wait for the whole buffer (then it writes the
 * buffer object). Only the CPU's stores since its last smp_mb() count: that barrier waited
 * for an empty buffer whatever the order of the drains.
 */
class OwnDrainWaitFootprintTest {
    /** Locations of the test's block: two plain variables, an atomic, two locks. */
    private static final int X = 0;
    private static final int Y = 1;
    private static final int Z = 2;
    private static final int LOCK_A = 3;
    private static final int LOCK_B = 4;

    private record Atomic(Op op, int loc, int ownDrainWait, boolean writesBuffer) {
    }

    /** Runs body on CPU 0 of a weak machine, every step before any drain; the atomics' and locks' footprints in order. */
    private static List<Atomic> atomics(BiConsumer<Kernel, Long> body) {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.WEAK), StrandFactory.best(), false);
        long base = m.kernel().alloc(5);
        m.spawn(0, "cpu0", k -> body.accept(k, base));
        List<Atomic> seen = new ArrayList<>();
        m.run(new StepsBeforeDrains(s -> {
            if (s.kind() == OptionKind.STEP && (s.op() == Op.LOCK || s.op() == Op.RMW)) {
                int[] w = s.writes();
                int loc = Arrays.stream(w).filter(o -> o >= 0).findFirst().orElse(-1);
                seen.add(new Atomic(s.op(), loc, s.ownDrainWait(),
                        Arrays.stream(w).anyMatch(o -> o == StepFootprint.bufferObject(0))));
            }
        }));
        return seen;
    }

    @Test
    void aLockAfterAStoreToAnotherLocationWaitsForNoDrain() {
        List<Atomic> a = atomics((k, b) -> {
            k.writeOnce(b + X, 1);
            k.spinLock(b + LOCK_A);
        });
        assertEquals(List.of(new Atomic(Op.LOCK, LOCK_A, -1, false)), a);
    }

    @Test
    void aLockAfterItsOwnUnlockWaitsForTheDrainsOfItsWordOnly() {
        List<Atomic> a = atomics((k, b) -> {
            k.spinLock(b + LOCK_A);
            k.writeOnce(b + X, 1);
            k.spinUnlock(b + LOCK_A);
            k.spinLock(b + LOCK_A);
        });
        assertEquals(2, a.size(), a.toString());
        assertEquals(new Atomic(Op.LOCK, LOCK_A, LOCK_A, false), a.get(1));
    }

    @Test
    void smpMbForgetsTheStoresBeforeIt() {
        List<Atomic> a = atomics((k, b) -> {
            k.spinLock(b + LOCK_A);
            k.spinUnlock(b + LOCK_A);
            k.smpMb();
            k.spinLock(b + LOCK_A);
        });
        assertEquals(new Atomic(Op.LOCK, LOCK_A, -1, false), a.get(1));
    }

    @Test
    void aBarrierMarkInTheBufferMakesALockWaitForEveryDrain() {
        List<Atomic> afterWmb = atomics((k, b) -> {
            k.writeOnce(b + X, 1);
            k.smpWmb();
            k.writeOnce(b + Y, 1);
            k.spinLock(b + LOCK_A);
        });
        assertEquals(List.of(new Atomic(Op.LOCK, LOCK_A, -1, true)), afterWmb);
        // a lock taken while an unlock is buffered keeps the later stores behind the older ones
        List<Atomic> behindUnlock = atomics((k, b) -> {
            k.spinLock(b + LOCK_A);
            k.spinUnlock(b + LOCK_A);
            k.spinLock(b + LOCK_B);
            k.writeOnce(b + X, 1);
            k.xchg(b + Z, 1, Ordering.RELAXED);
        });
        assertEquals(3, behindUnlock.size(), behindUnlock.toString());
        assertFalse(behindUnlock.get(1).writesBuffer(), behindUnlock.toString());
        assertTrue(behindUnlock.get(2).writesBuffer(), behindUnlock.toString());
    }

    @Test
    void aFullyOrderedAtomicOrOneAfterSmpMbBeforeAtomicWaitsForEveryDrain() {
        List<Atomic> full = atomics((k, b) -> {
            k.writeOnce(b + X, 1);
            k.xchg(b + Z, 1, Ordering.FULL);
        });
        assertEquals(List.of(new Atomic(Op.RMW, Z, -1, true)), full);
        List<Atomic> relaxed = atomics((k, b) -> {
            k.writeOnce(b + X, 1);
            k.xchg(b + Z, 1, Ordering.RELAXED);
        });
        assertEquals(List.of(new Atomic(Op.RMW, Z, -1, false)), relaxed);
        List<Atomic> beforeAtomic = atomics((k, b) -> {
            k.writeOnce(b + X, 1);
            k.smpMbBeforeAtomic();
            k.atomicInc(b + Z);
        });
        assertEquals(List.of(new Atomic(Op.RMW, Z, -1, true)), beforeAtomic);
    }
}
