package rcusim.litmus.axiom;

import java.util.Arrays;

/**
 * A binary relation over the events 0..n-1 of one candidate execution, as a bit matrix (row i
 * holds the successors of i). The model's relations are built from these with the operators
 * of the cat language: union, intersection, difference, sequence, inverse, closures.
 * Operations return new relations; the receiver is never changed unless the name says so.
 */
final class BitRel {
    final int n;
    final int w;
    final long[] bits;

    BitRel(int n) {
        this.n = n;
        this.w = (n + 63) >>> 6;
        this.bits = new long[n * w];
    }

    private BitRel(int n, long[] bits) {
        this.n = n;
        this.w = (n + 63) >>> 6;
        this.bits = bits;
    }

    BitRel copy() {
        return new BitRel(n, bits.clone());
    }

    void add(int i, int j) {
        bits[i * w + (j >>> 6)] |= 1L << j;
    }

    boolean has(int i, int j) {
        return (bits[i * w + (j >>> 6)] & (1L << j)) != 0;
    }

    boolean isEmpty() {
        for (long b : bits) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The identity on a set of events. */
    static BitRel id(int n, long[] set) {
        BitRel r = new BitRel(n);
        for (int i = 0; i < n; i++) {
            if (EventSet.has(set, i)) {
                r.add(i, i);
            }
        }
        return r;
    }

    /** Every pair from a to b (the cat product a * b). */
    static BitRel product(int n, long[] a, long[] b) {
        BitRel r = new BitRel(n);
        for (int i = 0; i < n; i++) {
            if (EventSet.has(a, i)) {
                System.arraycopy(b, 0, r.bits, i * r.w, r.w);
            }
        }
        return r;
    }

    BitRel union(BitRel o) {
        long[] b = bits.clone();
        for (int k = 0; k < b.length; k++) {
            b[k] |= o.bits[k];
        }
        return new BitRel(n, b);
    }

    void unionInPlace(BitRel o) {
        for (int k = 0; k < bits.length; k++) {
            bits[k] |= o.bits[k];
        }
    }

    BitRel inter(BitRel o) {
        long[] b = bits.clone();
        for (int k = 0; k < b.length; k++) {
            b[k] &= o.bits[k];
        }
        return new BitRel(n, b);
    }

    BitRel minus(BitRel o) {
        long[] b = bits.clone();
        for (int k = 0; k < b.length; k++) {
            b[k] &= ~o.bits[k];
        }
        return new BitRel(n, b);
    }

    /** Sequence: this ; o. */
    BitRel seq(BitRel o) {
        long[] out = new long[bits.length];
        for (int i = 0; i < n; i++) {
            int row = i * w;
            for (int k = 0; k < w; k++) {
                long word = bits[row + k];
                while (word != 0) {
                    int j = (k << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    int orow = j * w;
                    for (int m = 0; m < w; m++) {
                        out[row + m] |= o.bits[orow + m];
                    }
                }
            }
        }
        return new BitRel(n, out);
    }

    /** [dom] ; this ; [ran]: pairs whose source is in dom and target in ran (null: any). */
    BitRel restrict(long[] dom, long[] ran) {
        long[] out = new long[bits.length];
        for (int i = 0; i < n; i++) {
            if (dom != null && !EventSet.has(dom, i)) {
                continue;
            }
            for (int k = 0; k < w; k++) {
                long v = bits[i * w + k];
                out[i * w + k] = ran == null ? v : v & ran[k];
            }
        }
        return new BitRel(n, out);
    }

    BitRel inverse() {
        BitRel r = new BitRel(n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w; k++) {
                long word = bits[i * w + k];
                while (word != 0) {
                    int j = (k << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    r.add(j, i);
                }
            }
        }
        return r;
    }

    /** this+ (transitive closure). */
    BitRel plus() {
        long[] b = bits.clone();
        for (int k = 0; k < n; k++) {
            int kw = k >>> 6;
            long kb = 1L << k;
            int krow = k * w;
            for (int i = 0; i < n; i++) {
                if ((b[i * w + kw] & kb) != 0) {
                    int irow = i * w;
                    for (int m = 0; m < w; m++) {
                        b[irow + m] |= b[krow + m];
                    }
                }
            }
        }
        return new BitRel(n, b);
    }

    /** this* (reflexive-transitive closure). */
    BitRel star() {
        BitRel p = plus();
        for (int i = 0; i < n; i++) {
            p.add(i, i);
        }
        return p;
    }

    /** this? (reflexive closure). */
    BitRel opt() {
        BitRel p = copy();
        for (int i = 0; i < n; i++) {
            p.add(i, i);
        }
        return p;
    }

    boolean irreflexive() {
        for (int i = 0; i < n; i++) {
            if (has(i, i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the relation has no cycle: Kahn's algorithm over the successor rows. */
    boolean acyclic() {
        int[] indeg = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w; k++) {
                long word = bits[i * w + k];
                while (word != 0) {
                    int j = (k << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    indeg[j]++;
                }
            }
        }
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (indeg[i] == 0) {
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int i = queue[head++];
            for (int k = 0; k < w; k++) {
                long word = bits[i * w + k];
                while (word != 0) {
                    int j = (k << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    if (--indeg[j] == 0) {
                        queue[tail++] = j;
                    }
                }
            }
        }
        return tail == n;
    }

    /** The domain of the relation, as an event set. */
    long[] domain() {
        long[] s = EventSet.empty(n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < w; k++) {
                if (bits[i * w + k] != 0) {
                    EventSet.add(s, i);
                    break;
                }
            }
        }
        return s;
    }

    /** The relation restricted to the events idx, renumbered 0..idx.length-1. */
    BitRel project(int[] idx) {
        BitRel r = new BitRel(idx.length);
        for (int a = 0; a < idx.length; a++) {
            for (int b = 0; b < idx.length; b++) {
                if (has(idx[a], idx[b])) {
                    r.add(a, b);
                }
            }
        }
        return r;
    }

    /** A projected relation back over n events: the inverse of {@link #project}. */
    BitRel lift(int n, int[] idx) {
        BitRel r = new BitRel(n);
        for (int a = 0; a < idx.length; a++) {
            for (int b = 0; b < idx.length; b++) {
                if (has(a, b)) {
                    r.add(idx[a], idx[b]);
                }
            }
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitRel r && r.n == n && Arrays.equals(r.bits, bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }
}
