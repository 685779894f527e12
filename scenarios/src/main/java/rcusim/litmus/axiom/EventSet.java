package rcusim.litmus.axiom;

/** Sets of events 0..n-1 as bit words, the companion of {@link BitRel}. */
final class EventSet {
    private EventSet() {
    }

    static long[] empty(int n) {
        return new long[(n + 63) >>> 6];
    }

    static boolean has(long[] s, int i) {
        return (s[i >>> 6] & (1L << i)) != 0;
    }

    static void add(long[] s, int i) {
        s[i >>> 6] |= 1L << i;
    }

    static long[] union(long[] a, long[] b) {
        long[] r = a.clone();
        for (int k = 0; k < r.length; k++) {
            r[k] |= b[k];
        }
        return r;
    }

    static long[] intersect(long[] a, long[] b) {
        long[] r = a.clone();
        for (int k = 0; k < r.length; k++) {
            r[k] &= b[k];
        }
        return r;
    }

    static long[] minus(long[] a, long[] b) {
        long[] r = a.clone();
        for (int k = 0; k < r.length; k++) {
            r[k] &= ~b[k];
        }
        return r;
    }

    static long[] complement(long[] a, int n) {
        long[] r = new long[a.length];
        for (int i = 0; i < n; i++) {
            if (!has(a, i)) {
                add(r, i);
            }
        }
        return r;
    }

    static boolean isEmpty(long[] a) {
        for (long x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
