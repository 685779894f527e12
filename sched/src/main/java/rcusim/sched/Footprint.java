package rcusim.sched;

import java.util.Arrays;
import rcusim.machine.StepFootprint;

/**
 * An immutable copy of what one step read and wrote ({@link StepFootprint}), sorted, so that
 * two steps' dependence is a merge of sorted arrays. Dependent: one writes an object that the
 * other reads or writes.
 */
record Footprint(int[] reads, int[] writes) {
    static Footprint of(StepFootprint s) {
        int[] r = s.reads();
        int[] w = s.writes();
        Arrays.sort(r);
        Arrays.sort(w);
        return new Footprint(r, w);
    }

    /** Whether the step read object o. */
    boolean readsObject(int o) {
        return Arrays.binarySearch(reads, o) >= 0;
    }

    /** Whether the step wrote object o. */
    boolean writesObject(int o) {
        return Arrays.binarySearch(writes, o) >= 0;
    }

    boolean dependent(Footprint o) {
        return meet(writes, o.writes) || meet(writes, o.reads) || meet(reads, o.writes);
    }

    /** What either touched: a sleeping step's footprint over all the ways it was taken. */
    Footprint union(Footprint o) {
        if (o == null || o.equals(this)) {
            return this;
        }
        return new Footprint(merge(reads, o.reads), merge(writes, o.writes));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Footprint f && Arrays.equals(reads, f.reads) && Arrays.equals(writes, f.writes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(reads) * 31 + Arrays.hashCode(writes);
    }

    @Override
    public String toString() {
        return "r" + Arrays.toString(reads) + " w" + Arrays.toString(writes);
    }

    private static boolean meet(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    private static int[] merge(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int v;
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                v = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                v = b[j++];
            } else {
                v = a[i++];
                j++;
            }
            out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }
}
