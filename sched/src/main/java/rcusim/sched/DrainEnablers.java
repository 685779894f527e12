package rcusim.sched;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import rcusim.machine.StepFootprint;

/**
 * For {@link TraceRaces}: what a drain of an exactly modelled own buffer ({@link
 * StepFootprint#exactOwnBuffer()}) waited for without sharing an object with it. A drain comes
 * after the step that put its store in the buffer, and after the drains of the older stores it
 * waited for ({@link StepFootprint#bufferedStoreOrder()}): in a FIFO buffer (tso) all of them;
 * in a buffer that drains out of order (weak) all of them for a release, those older than the
 * newest smp_wmb() before it otherwise. These are edges of happens-before that are never races:
 * the drain could not have come first.
 * Drains of one location leave in the order their stores came, so a drain's store is the oldest
 * of its CPU's stores to that location not yet drained.
 */
final class DrainEnablers {
    private final Footprint[] foot;
    /** Per CPU: its buffered stores in program order. */
    private Stores[] cpus = new Stores[2];
    /** Per CPU and location (key cpu &lt;&lt; 32 | location): the indices in Stores of stores still buffered, oldest first. */
    private final Map<Long, ArrayDeque<Integer>> buffered = new TreeMap<>();
    private int[] out = new int[8];

    DrainEnablers(Footprint[] foot) {
        this.foot = foot;
    }

    /** One CPU's buffered stores, in program order. */
    private static final class Stores {
        int[] event = new int[16];
        /** How many of the CPU's older stores must drain before this one does. */
        int[] waitsFor = new int[16];
        /** The drain of each, once it happened; -1 before. */
        int[] drain = new int[16];
        int n;
        /** The number of stores older than the newest one an smp_wmb() marked. */
        int wmbFloor;

        int add(int e, int order) {
            if (n == event.length) {
                event = Arrays.copyOf(event, n * 2);
                waitsFor = Arrays.copyOf(waitsFor, n * 2);
                drain = Arrays.copyOf(drain, n * 2);
            }
            if ((order & rcusim.machine.memory.MemorySystem.ORDER_AFTER_WMB) != 0) {
                wmbFloor = n;
            }
            event[n] = e;
            waitsFor[n] = (order & rcusim.machine.memory.MemorySystem.ORDER_RELEASE) != 0 ? n : wmbFloor;
            drain[n] = -1;
            return n++;
        }
    }

    /** Step j (performed, not pending) put a store in its CPU's buffer. */
    void stored(int j) {
        Footprint f = foot[j];
        int c = f.cpu();
        if (c >= cpus.length) {
            cpus = Arrays.copyOf(cpus, Math.max(c + 1, cpus.length * 2));
        }
        if (cpus[c] == null) {
            cpus[c] = new Stores();
        }
        int k = cpus[c].add(j, f.order());
        buffered.computeIfAbsent(key(c, f.location()), x -> new ArrayDeque<>()).add(k);
    }

    /**
     * For drain j: the steps it waited for, into {@link #out} (its store's step first, then the
     * drains it waited for); returns how many. Records j as its store's drain.
     */
    int enablersOf(int j) {
        Footprint f = foot[j];
        ArrayDeque<Integer> q = buffered.get(key(f.cpu(), f.location()));
        Integer k = q == null ? null : q.poll();
        if (k == null) {
            return 0; // its store came before the trace could see it (not in a whole run)
        }
        Stores s = cpus[f.cpu()];
        s.drain[k] = j;
        int m = 0;
        out = grow(out, s.waitsFor[k] + 1);
        out[m++] = s.event[k];
        for (int i = 0; i < s.waitsFor[k]; i++) {
            if (s.drain[i] >= 0) {
                out[m++] = s.drain[i];
            }
        }
        return m;
    }

    /** The array {@link #enablersOf} filled. */
    int[] enablers() {
        return out;
    }

    private static int[] grow(int[] a, int n) {
        return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
    }

    private static long key(int cpu, int location) {
        return (long) cpu << 32 | location;
    }
}
