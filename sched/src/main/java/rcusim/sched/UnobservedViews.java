package rcusim.sched;

import java.util.Arrays;

/**
 * For {@link TraceRaces}: which pairs of steps of one execution conflict only over a CPU's
 * views in an order nobody can observe, and so are independent in that execution. A fence (or
 * acquire, or atomic) of CPU c raises c's views; another CPU's commit to l reads them. The
 * order of the two decides only whether c may still read l's older value, until c's next
 * raise after both: when c touches l in between, the order is observed.
 */
final class UnobservedViews {
    private final int total;
    private final int cpus;
    private final int[] cpu;
    private final Footprint[] foot;
    /**
     * Per CPU c: its steps that raise its views (write VIEWS(c)), in trace order; null until
     * a pair sharing views is first asked about (never under sc and tso, which have no views).
     */
    private int[][] raisesOf;
    /** Per CPU c and location l (key c &lt;&lt; 32 | l): c's steps that touch l, in trace order. */
    private final java.util.Map<Long, int[]> touchesOf = new java.util.LinkedHashMap<>();

    /**
     * @param total the steps of the execution, pending ones included
     * @param cpus the CPUs the steps ran on (the highest CPU number plus one)
     * @param cpu each step's CPU
     * @param foot each step's footprint
     */
    UnobservedViews(int total, int cpus, int[] cpu, Footprint[] foot) {
        this.total = total;
        this.cpus = cpus;
        this.cpu = cpu;
        this.foot = foot;
    }

    /**
     * Whether i and j conflict only over views, in an order nobody can observe: every object
     * they share is a CPU c's views, raised by one of them and read by the other's commit, and
     * c touches no location that commit wrote between the raise and its next raise after both
     * (or the end). Swapped, the two reach states that differ only in how old a value of those
     * locations c may read until that next raise, so they are one execution: the pair is
     * independent in this trace, as optimal DPOR with observers (Aronis et al., CONCUR 2018)
     * makes two writes independent when nobody reads between them.
     */
    boolean independent(int i, int j) {
        Footprint a = foot[i];
        Footprint b = foot[j];
        boolean any = false;
        for (int o : a.writes()) {
            if (b.readsObject(o) || b.writesObject(o)) {
                if (!unobserved(o, i, j)) {
                    return false;
                }
                any = true;
            }
        }
        for (int o : a.reads()) {
            if (b.writesObject(o)) {
                if (!unobserved(o, j, i)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** Object o, written by raiser and touched by committer: the raiser's views, only read by the committer, and unobserved. */
    private boolean unobserved(int o, int raiser, int committer) {
        int c = cpu[raiser];
        if (o != rcusim.machine.StepFootprint.viewsObject(c) || foot[committer].writesObject(o)
                || !foot[committer].readsObject(o)) {
            return false;
        }
        if (raisesOf == null) {
            raisesOf = index();
        }
        // c's next raise after both (its views are the same again either way), or the end
        int[] raises = raisesOf[c];
        int r = upperBound(raises, Math.max(raiser, committer));
        int end = r < raises.length ? raises[r] : total - 1;
        for (int l : foot[committer].writes()) {
            if (l < 0) {
                continue;
            }
            int[] touches = touchesOf.get((long) c << 32 | l);
            if (touches == null) {
                continue;
            }
            for (int t = upperBound(touches, raiser); t < touches.length && touches[t] <= end; t++) {
                if (touches[t] != committer) {
                    return false; // c looks at l while the two orders differ
                }
            }
        }
        return true;
    }

    /** The index of the first element of a greater than x (a strictly increasing). */
    private static int upperBound(int[] a, int x) {
        int i = Arrays.binarySearch(a, x);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Fills {@link #touchesOf}; returns {@link #raisesOf}. */
    private int[][] index() {
        IntList[] raises = new IntList[cpus];
        java.util.Map<Long, IntList> touches = new java.util.LinkedHashMap<>();
        for (int e = 0; e < total; e++) {
            int c = cpu[e];
            if (foot[e].writesObject(rcusim.machine.StepFootprint.viewsObject(c))) {
                (raises[c] == null ? raises[c] = new IntList() : raises[c]).add(e);
            }
            for (int[] objects : new int[][] {foot[e].reads(), foot[e].writes()}) {
                for (int l : objects) {
                    if (l >= 0) {
                        touches.computeIfAbsent((long) c << 32 | l, k -> new IntList()).add(e);
                    }
                }
            }
        }
        touches.forEach((key, list) -> touchesOf.put(key, list.toArray()));
        int[][] out = new int[cpus][];
        for (int c = 0; c < cpus; c++) {
            out[c] = raises[c] == null ? new int[0] : raises[c].toArray();
        }
        return out;
    }

    /** A growing list of step indices in trace order (a step reading and writing l is added once). */
    private static final class IntList {
        private int[] a = new int[4];
        private int n;

        void add(int e) {
            if (n > 0 && a[n - 1] == e) {
                return;
            }
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = e;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
