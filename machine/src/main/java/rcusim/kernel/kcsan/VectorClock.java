package rcusim.kernel.kcsan;

import java.util.Arrays;

/**
 * A vector clock over the detector's contexts (tasks and per-CPU hardirq slots), indexed by
 * context id; missing entries are 0. A context's own entry is its epoch: it advances at each
 * compiler barrier and release, so an access stamped (context, epoch) happens before whatever
 * has seen that epoch of that context.
 */
final class VectorClock {
    private long[] c;

    VectorClock() {
        c = new long[8];
    }

    private VectorClock(long[] c) {
        this.c = c;
    }

    long get(int i) {
        return i < c.length ? c[i] : 0;
    }

    void set(int i, long v) {
        if (i >= c.length) {
            c = Arrays.copyOf(c, Math.max(i + 1, c.length * 2));
        }
        c[i] = v;
    }

    /** Advances context i's own entry. */
    void tick(int i) {
        set(i, get(i) + 1);
    }

    /** Takes every entry of o that is later (o null: nothing); whether any was. */
    boolean join(VectorClock o) {
        if (o == null || o == this) {
            return false;
        }
        long[] x = o.c;
        if (x.length > c.length) {
            c = Arrays.copyOf(c, x.length);
        }
        boolean changed = false;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > c[i]) {
                c[i] = x[i];
                changed = true;
            }
        }
        return changed;
    }

    /** As {@link #join}, with o's entry for context skip taken as at most cap. */
    void joinCapped(VectorClock o, int skip, long cap) {
        long own = get(skip);
        join(o);
        if (o != null && o.get(skip) > own) {
            set(skip, Math.max(own, Math.min(cap, o.get(skip))));
        }
    }

    VectorClock copy() {
        return new VectorClock(c.clone());
    }

    /** A new clock holding both (either may be null; null when both are). */
    static VectorClock joined(VectorClock a, VectorClock b) {
        if (a == null) {
            return b;
        }
        if (b == null || b == a) {
            return a;
        }
        VectorClock r = a.copy();
        r.join(b);
        return r;
    }
}
