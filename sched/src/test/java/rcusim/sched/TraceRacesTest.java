package rcusim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
