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
import rcusim.machine.StepObserver;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;
import rcusim.machine.memory.MemoryModel;
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
    private record Step(OptionKind kind, int cpu, Op op, int arg, int bufferedStore, int[] reads, int[] writes) {
        boolean writes(int object) {
            return Arrays.stream(writes).anyMatch(o -> o == object);
        }

        boolean reads(int object) {
            return Arrays.stream(reads).anyMatch(o -> o == object);
        }
    }

    /** Runs CPU 0 storing x (plain, then with release if asked) and then its drains, every choice the first. */
    private static List<Step> storesAndDrains(MemoryModel model, boolean release) {
        Simulation m = new Simulation(MachineConfig.of(2, model), StrandFactory.best(), false);
        long x = m.kernel().alloc(2);
        m.spawn(0, "writer", k -> {
            k.writeOnce(x, 1);
            if (release) {
                k.smpStoreRelease(x + 1, 2);
            } else {
                k.writeOnce(x + 1, 2);
            }
            k.readOnce(x); // forwarded from the buffer, or read back after the drain
        });
        List<Step> steps = new ArrayList<>();
        m.run(new StepObserver() {
            @Override
            public int choose(Options o) {
                // CPU 0's steps first, so both stores sit in the buffer before either drains
                for (int i = 0; i < o.size(); i++) {
                    if (o.kind(i) == OptionKind.STEP) {
                        return i;
                    }
                }
                return 0;
            }

            @Override
            public void stepped(StepFootprint s) {
                steps.add(new Step(s.kind(), s.cpu(), s.op(), s.arg(), s.bufferedStore(), s.reads(), s.writes()));
            }

            @Override
            public void pending(StepFootprint next) {
            }
        });
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

    @Test
    void aReleaseWaitsForTheOlderStoresSoItsDrainWritesTheBuffer() {
        List<Step> drains = of(storesAndDrains(MemoryModel.WEAK, true), OptionKind.DRAIN, null);
        assertEquals(2, drains.size(), drains.toString());
        Step plain = drains.stream().filter(d -> d.arg() == 0).findFirst().orElseThrow();
        Step release = drains.stream().filter(d -> d.arg() == 1).findFirst().orElseThrow();
        assertTrue(release.writes(StepFootprint.bufferObject(0)), release.toString());
        // the older plain store leaves first and makes the release drainable: it reads the
        // buffer, which the release's drain writes, so the two are ordered
        assertTrue(plain.reads(StepFootprint.bufferObject(0)), plain.toString());
        assertFalse(plain.writes(StepFootprint.bufferObject(0)), plain.toString());
    }

    @Test
    void underTsoTheBufferIsFifoSoEveryDrainWritesIt() {
        for (Step d : of(storesAndDrains(MemoryModel.TSO, false), OptionKind.DRAIN, null)) {
            assertTrue(d.writes(StepFootprint.bufferObject(0)), d.toString());
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
