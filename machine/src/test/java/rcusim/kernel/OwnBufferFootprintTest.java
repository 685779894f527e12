package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.machine.MachineConfig;
import rcusim.machine.Op;
import rcusim.machine.StepFootprint;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemorySystem;
import rcusim.machine.strand.StrandFactory;

/**
 * What a CPU's stores and drains report to a partial-order reduction where the CPU's own
 * buffer is modelled exactly (tso, weak): a buffered store touches no location (nobody else
 * sees it before its drain) and names the location its drain will write; a drain writes the
 * location, reads the buffer unless it is ordered against the CPU's other drains (a FIFO
 * buffer, a release), and does not read its own CPU's views. Under power, whose commits carry
 * their CPU's ordering points, the store still writes the location.
 */
class OwnBufferFootprintTest {
    private record Step(OptionKind kind, int cpu, Op op, int arg, int bufferedStore, int order, int[] reads, int[] writes) {
        boolean writes(int object) {
            return Arrays.stream(writes).anyMatch(o -> o == object);
        }

        boolean reads(int object) {
            return Arrays.stream(reads).anyMatch(o -> o == object);
        }
    }

    private enum Second { PLAIN, RELEASE, AFTER_WMB }

    /** Runs CPU 0 storing x (plain, then with release if asked) and then its drains, every choice the first. */
    private static List<Step> storesAndDrains(MemoryModel model, boolean release) {
        return storesAndDrains(model, release ? Second.RELEASE : Second.PLAIN);
    }

    /** Runs CPU 0 storing x and then x + 1 (as second says) with both in its buffer, then its drains. */
    private static List<Step> storesAndDrains(MemoryModel model, Second second) {
        Simulation m = new Simulation(MachineConfig.of(2, model), StrandFactory.best(), false);
        long x = m.kernel().alloc(2);
        m.spawn(0, "writer", k -> {
            k.writeOnce(x, 1);
            switch (second) {
                case RELEASE -> k.smpStoreRelease(x + 1, 2);
                case AFTER_WMB -> {
                    k.smpWmb();
                    k.writeOnce(x + 1, 2);
                }
                default -> k.writeOnce(x + 1, 2);
            }
            k.readOnce(x); // forwarded from the buffer, or read back after the drain
        });
        List<Step> steps = new ArrayList<>();
        m.run(new StepsBeforeDrains(s -> {
            steps.add(new Step(s.kind(), s.cpu(), s.op(), s.arg(), s.bufferedStore(), s.bufferedStoreOrder(),
                    s.reads(), s.writes()));
        }));
        return steps;
    }

    private static List<Step> of(List<Step> steps, OptionKind kind, Op op) {
        return steps.stream().filter(s -> s.kind() == kind && (op == null || s.op() == op)).toList();
    }

    @Test
    void underWeakABufferedStoreTouchesNoLocationAndItsDrainReadsTheBuffer() {
        List<Step> steps = storesAndDrains(MemoryModel.WEAK, false);
        List<Step> stores = of(steps, OptionKind.STEP, Op.STORE);
        assertEquals(2, stores.size(), steps.toString());
        for (Step s : stores) {
            assertFalse(s.writes(0) || s.writes(1), s.toString());
            assertTrue(s.bufferedStore() == 0 || s.bufferedStore() == 1, s.toString());
        }
        List<Step> drains = of(steps, OptionKind.DRAIN, null);
        assertEquals(2, drains.size(), steps.toString());
        for (Step d : drains) {
            assertTrue(d.writes(d.arg()), d.toString());
            // two drains of different locations commute: neither writes the buffer
            assertTrue(d.reads(StepFootprint.bufferObject(0)), d.toString());
            assertFalse(d.writes(StepFootprint.bufferObject(0)), d.toString());
            // its own commit sets its CPU's view of the location: only the other CPU's views matter
            assertFalse(d.reads(StepFootprint.viewsObject(0)), d.toString());
            assertTrue(d.reads(StepFootprint.viewsObject(1)), d.toString());
        }
    }

    /**
     * A release leaves the buffer after every older store, and a store after an smp_wmb()
     * after the stores before the barrier: the store says so, for the search to order the
     * drains; the drains themselves only read the buffer.
     */
    @Test
    void aReleaseOrAStoreAfterSmpWmbSaysItWaitsForTheOlderStores() {
        for (Second second : new Second[] {Second.RELEASE, Second.AFTER_WMB}) {
            List<Step> steps = storesAndDrains(MemoryModel.WEAK, second);
            Step first = steps.stream().filter(s -> s.bufferedStore() == 0).findFirst().orElseThrow();
            Step later = steps.stream().filter(s -> s.bufferedStore() == 1).findFirst().orElseThrow();
            assertEquals(0, first.order(), first.toString());
            assertEquals(second == Second.RELEASE ? MemorySystem.ORDER_RELEASE : MemorySystem.ORDER_AFTER_WMB,
                    later.order(), second + " " + later);
            List<Step> drains = of(steps, OptionKind.DRAIN, null);
            assertEquals(2, drains.size(), drains.toString());
            for (Step d : drains) {
                assertTrue(d.reads(StepFootprint.bufferObject(0)) && !d.writes(StepFootprint.bufferObject(0)),
                        second + " " + d);
            }
        }
    }

    @Test
    void underTsoTheBufferIsFifoSoEveryDrainWritesIt() {
        for (Step d : of(storesAndDrains(MemoryModel.TSO, false), OptionKind.DRAIN, null)) {
            assertTrue(d.writes(StepFootprint.bufferObject(0)), d.toString());
        }
    }

    /**
     * In a FIFO buffer every store leaves after the older ones, as a release does: each says
     * so, so that the search never tries a drain before an older one (it could not happen).
     * smp_wmb() orders nothing a FIFO buffer does not: it touches no buffer.
     */
    @Test
    void underTsoEveryStoreWaitsForTheOlderOnesAndSmpWmbTouchesNoBuffer() {
        List<Step> steps = storesAndDrains(MemoryModel.TSO, Second.AFTER_WMB);
        List<Step> stores = steps.stream().filter(s -> s.bufferedStore() >= 0).toList();
        assertEquals(2, stores.size(), steps.toString());
        for (Step s : stores) {
            assertEquals(MemorySystem.ORDER_RELEASE, s.order(), s.toString());
        }
        Step wmb = of(steps, OptionKind.STEP, Op.WMB).get(0);
        assertFalse(wmb.writes(StepFootprint.bufferObject(0)) || wmb.reads(StepFootprint.bufferObject(0)), wmb.toString());
    }

    /**
     * Under weak, an smp_wmb() marks the next store when the buffer holds any, and the search
     * orders that store's drain by the mark it reports, not by the buffer: whether the buffer
     * was empty at the barrier changes only orders against drains that came before it anyway.
     * Under power the barrier still writes the buffer.
     */
    @Test
    void smpWmbWritesTheBufferOnlyUnderPower() {
        for (MemoryModel model : new MemoryModel[] {MemoryModel.WEAK, MemoryModel.POWER}) {
            List<Step> steps = storesAndDrains(model, Second.AFTER_WMB);
            Step wmb = of(steps, OptionKind.STEP, Op.WMB).get(0);
            assertEquals(model == MemoryModel.POWER, wmb.writes(StepFootprint.bufferObject(0)), model + " " + wmb);
        }
    }

    @Test
    void underPowerAStoreStillWritesItsLocation() {
        List<Step> steps = storesAndDrains(MemoryModel.POWER, false);
        for (Step s : of(steps, OptionKind.STEP, Op.STORE)) {
            assertEquals(-1, s.bufferedStore(), s.toString());
            assertTrue(s.writes(0) || s.writes(1), s.toString());
        }
        for (Step d : of(steps, OptionKind.DRAIN, null)) {
            assertTrue(d.writes(StepFootprint.bufferObject(0)), d.toString());
            assertTrue(d.reads(StepFootprint.viewsObject(0)), d.toString());
        }
    }
}
