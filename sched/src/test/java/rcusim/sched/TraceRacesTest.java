package rcusim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.machine.StepFootprint;

/**
 * Which pairs of steps {@link TraceRaces} calls races, on hand-made traces of two CPUs under
 * the weak model: a fence of CPU 1 raises its views, a drain of CPU 0's store to x commits.
 */
class TraceRacesTest {
    private static final int X = 0;
    private static final int Y = 1;

    private static Footprint fp(int[] reads, int[] writes) {
        int[] r = reads.clone();
        int[] w = writes.clone();
        java.util.Arrays.sort(r);
        java.util.Arrays.sort(w);
        return new Footprint(r, w);
    }

    /** smp_mb() of CPU 1. */
    private static Footprint fence() {
        return fp(new int[] {StepFootprint.GLOBAL},
                new int[] {StepFootprint.contextObject(1), StepFootprint.bufferObject(1), StepFootprint.viewsObject(1)});
    }

    /** CPU 0's store to x reaching memory: it reads every CPU's views. */
    private static Footprint drainOfX() {
        return fp(new int[] {StepFootprint.GLOBAL, StepFootprint.viewsObject(0), StepFootprint.viewsObject(1), StepFootprint.POINTERS},
                new int[] {StepFootprint.bufferObject(0), X});
    }

    /** READ_ONCE(loc) of CPU 1. */
    private static Footprint load(int loc) {
        return fp(new int[] {StepFootprint.GLOBAL, loc}, new int[] {StepFootprint.contextObject(1)});
    }

    /** The races of a trace whose steps are CPU 1's (process 0) but for the drain (CPU 0's, process 1). */
    private static List<String> races(Footprint... trace) {
        int n = trace.length;
        int[] proc = new int[n];
        int[] cpu = new int[n];
        for (int e = 0; e < n; e++) {
            boolean drain = trace[e].writesObject(StepFootprint.bufferObject(0));
            proc[e] = drain ? 1 : 0;
            cpu[e] = drain ? 0 : 1;
        }
        List<String> found = new ArrayList<>();
        new TraceRaces(n, n, proc, cpu, trace).analyse(0, (i, j, initials, count) -> {
            found.add(i + "-" + j);
            return true;
        });
        return found;
    }

    @Test
    void aCommitBetweenFencesOfACpuThatNeverReadsItIsNoRace() {
        assertEquals(List.of(), races(fence(), drainOfX(), fence(), load(Y)));
    }

    @Test
    void aCommitBeforeAFenceIsARaceWhenTheCpuReadsTheLocationAfterTheFence() {
        // fence then load of x: which x the load may read depends on the commit's side of the fence
        assertEquals(List.of("0-1"), races(drainOfX(), fence(), load(X)));
    }

    @Test
    void aCommitAfterAFenceIsARaceWhenTheCpuReadsTheLocationBeforeItsNextFence() {
        // and the load races with the commit itself; the second fence comes after the load
        assertEquals(List.of("0-1", "1-2"), races(fence(), drainOfX(), load(X), fence()));
    }

    // ---------------------------------------------------------------- a CPU's own buffer

    /** CPU 0 puts a store to x in its buffer: it touches no location. */
    private static Footprint storeToX() {
        return new Footprint(new int[] {StepFootprint.GLOBAL}, new int[] {StepFootprint.contextObject(0)}, 0,
                Footprint.STEP, X);
    }

    /** CPU c's READ_ONCE(x), as a step of an exact own buffer. */
    private static Footprint loadOfX(int c) {
        return new Footprint(sorted(StepFootprint.GLOBAL, X), new int[] {StepFootprint.contextObject(c)}, c,
                Footprint.STEP, -1);
    }

    /** CPU 0's store to x leaving its buffer: it reads the buffer and CPU 1's views, writes x. */
    private static Footprint exactDrainOfX() {
        return new Footprint(sorted(StepFootprint.GLOBAL, StepFootprint.bufferObject(0), StepFootprint.viewsObject(1),
                StepFootprint.POINTERS), new int[] {X}, 0, Footprint.DRAIN, X);
    }

    private static int[] sorted(int... objects) {
        int[] a = objects.clone();
        java.util.Arrays.sort(a);
        return a;
    }

    /** The races of a trace; each step's process is its CPU, a drain's is its own (2). */
    private static TraceRaces analysed(List<String> found, Footprint... trace) {
        int n = trace.length;
        int[] proc = new int[n];
        int[] cpu = new int[n];
        for (int e = 0; e < n; e++) {
            cpu[e] = trace[e].cpu();
            proc[e] = trace[e].drain() ? 2 : cpu[e];
        }
        TraceRaces t = new TraceRaces(n, n, proc, cpu, trace);
        t.analyse(0, (i, j, initials, count) -> {
            found.add(i + "-" + j);
            return true;
        });
        return t;
    }

    @Test
    void aCpusOwnLoadAndTheDrainOfItsStoreAreNoRace() {
        // forwarded before the drain, read back after it: the same value either way
        List<String> found = new ArrayList<>();
        analysed(found, storeToX(), loadOfX(0), exactDrainOfX(), loadOfX(0));
        assertEquals(List.of(), found);
    }

    @Test
    void anotherCpusLoadRacesWithTheDrainNotWithTheBufferedStore() {
        List<String> found = new ArrayList<>();
        analysed(found, storeToX(), loadOfX(1), exactDrainOfX());
        assertEquals(List.of("1-2"), found);
    }

    @Test
    void aDrainHappensAfterItsStoreThoughTheyShareNoObject() {
        List<String> found = new ArrayList<>();
        TraceRaces t = analysed(found, storeToX(), exactDrainOfX(), loadOfX(1));
        assertTrue(t.hb(0, 1), "the store enables its drain");
        assertEquals(List.of("1-2"), found); // the store itself is no race of CPU 1's load
    }

    @Test
    void aCpusStepAndItsDrainDependOnlyThroughPseudoObjects() {
        assertFalse(loadOfX(0).dependent(exactDrainOfX()));
        assertTrue(loadOfX(1).dependent(exactDrainOfX()));
        // smp_mb() waits for the buffer to empty: it writes the buffer the drain reads
        Footprint fence = new Footprint(new int[] {StepFootprint.GLOBAL}, sorted(StepFootprint.contextObject(0),
                StepFootprint.bufferObject(0), StepFootprint.viewsObject(0)), 0, Footprint.STEP, -1);
        assertTrue(fence.dependent(exactDrainOfX()));
        // without an exact own buffer (power), the location counts as for any two steps
        assertTrue(new Footprint(loadOfX(0).reads(), loadOfX(0).writes()).dependent(exactDrainOfX()));
    }

    // ---------------------------------------------------------------- a FIFO buffer (tso)

    /** CPU 0 buffers a store to loc; in a FIFO buffer it waits for the older ones, as a release does. */
    private static Footprint fifoStore(int loc) {
        return new Footprint(new int[] {StepFootprint.GLOBAL}, new int[] {StepFootprint.contextObject(0)}, 0,
                Footprint.STEP, loc, rcusim.machine.memory.MemorySystem.ORDER_RELEASE, true, false, -1);
    }

    /** CPU 0's store to loc leaving its FIFO buffer: it writes the buffer (the next drain waits on it). */
    private static Footprint fifoDrain(int loc) {
        return new Footprint(new int[] {StepFootprint.GLOBAL}, sorted(StepFootprint.bufferObject(0), loc), 0,
                Footprint.DRAIN, loc, 0, true, false, -1);
    }

    /**
     * Under tso the drain of y could never come before the drain of the older x: the two drains
     * share the buffer, but the edge between them is an enabler, never a race. (Planning it
     * once sent the search back to a decision where another drain of y was offered, thousands
     * of times a run.)
     */
    @Test
    void twoDrainsOfAFifoBufferAreNoRace() {
        Footprint[] trace = {fifoStore(X), fifoStore(Y), fifoDrain(X), fifoDrain(Y)};
        int[] proc = {0, 0, 1, 2}; // each drain its own process, as DRAIN options of two locations are
        int[] cpu = {0, 0, 0, 0};
        List<String> found = new ArrayList<>();
        TraceRaces t = new TraceRaces(4, 4, proc, cpu, trace);
        t.analyse(0, (i, j, initials, count) -> {
            found.add(i + "-" + j);
            return true;
        });
        assertEquals(List.of(), found);
        assertTrue(t.hb(2, 3));
    }
}
