package rcusim.machine.memory;

import java.util.Arrays;

/**
 * Under {@link MemoryModel#POWER}: which stores each CPU must already see, kept as vector
 * clocks over the writing CPUs, so that a store can become visible to some CPUs before others
 * (non-multicopy atomicity, as on Power and ARMv7).
 *
 * <p>A clock {@code v} stands for a set of stores: every store of CPU d whose global commit
 * number is at most {@code v[d]} (the initial values and allocator writes are in every set).
 * Each committed store carries such a set, its <i>message view</i>: what a CPU that reads it
 * and then orders its later reads (smp_rmb(), an acquire, smp_mb(), an address dependency)
 * must see too. A plain store carries its CPU's own earlier stores and what they carried
 * (LKMM's smp_wmb() and own-thread cumulativity; the store buffer still lets unfenced stores
 * commit out of order, so nothing allowed is lost); a release store (spin_unlock() too) also
 * carries everything its CPU has read (A-cumulativity); an RMW's store also carries what the
 * store it read carried (LKMM's rmw-sequence).
 *
 * <p>Per CPU: {@code known}, the join of the message views of the stores it has read;
 * {@code own}, the join of the message views of its own stores; {@code applied}, what its
 * loads may no longer read older than (raised only at ordering points, so unordered loads
 * still read stale values). One global clock holds what smp_mb() has made visible to every
 * CPU: a full fence adds what its CPU knows and has stored (B-cumulativity: every ordering
 * point of every CPU applies it afterwards), which is what LKMM's propagates-before (pb)
 * needs. Clocks are never changed in place, so copies of the memory share them.
 */
final class Propagation {
    private final int cpus;
    private final long[] zero;
    private final long[][] known;
    private final long[][] own;
    private final long[][] applied;
    private long[] global;

    Propagation(int cpus) {
        this.cpus = cpus;
        zero = new long[cpus];
        known = new long[cpus][];
        own = new long[cpus][];
        applied = new long[cpus][];
        Arrays.fill(known, zero);
        Arrays.fill(own, zero);
        Arrays.fill(applied, zero);
        global = zero;
    }

    private Propagation(Propagation o) {
        cpus = o.cpus;
        zero = o.zero;
        known = o.known.clone();
        own = o.own.clone();
        applied = o.applied.clone();
        global = o.global;
    }

    Propagation copy() {
        return new Propagation(this);
    }

    /** a joined with b; a itself (or b) when one already covers the other. */
    static long[] join(long[] a, long[] b) {
        long[] r = null;
        for (int i = 0; i < a.length; i++) {
            if (b[i] > a[i]) {
                if (r == null) {
                    r = a.clone();
                }
                r[i] = b[i];
            }
        }
        return r == null ? a : r;
    }

    /** Whether clock v includes the store of CPU writer with commit number seq (writer -1: an initial value). */
    static boolean covers(long[] v, int writer, long seq) {
        return writer < 0 || seq <= v[writer];
    }

    /**
     * The message view of a store CPU c commits now with number seq: its own earlier stores and
     * what they carried; for a release (cumulative) store also all c has read; for an RMW's
     * store also what the store it read carried (readMsg, or null).
     */
    long[] commit(int c, long seq, boolean cumulative, long[] readMsg) {
        long[] m = own[c];
        if (cumulative) {
            m = join(m, known[c]);
        }
        if (readMsg != null) {
            m = join(m, readMsg);
        }
        m = m.clone();
        m[c] = seq;
        own[c] = m;
        return m;
    }

    /** CPU c read a store that carried msg (null for an initial value). */
    void observe(int c, long[] msg) {
        if (msg != null) {
            known[c] = join(known[c], msg);
        }
    }

    /** An ordering point for c's later loads (smp_rmb(), acquire): they see what c knows and what smp_mb() published. */
    void readFence(int c) {
        applied[c] = join(join(applied[c], known[c]), global);
    }

    /** smp_mb() on c, once its buffer is empty: what c knows and stored becomes visible to every CPU's ordered loads. */
    void fullFence(int c) {
        global = join(global, join(known[c], own[c]));
        readFence(c);
    }

    /** What c's loads must see now. */
    long[] applied(int c) {
        return applied[c];
    }

    /** What a load of c that depends on an address it just read must see: all c knows, and what smp_mb() published. */
    long[] dependencyView(int c) {
        return join(known[c], global);
    }

    void encode(LongArrayBuilder out) {
        for (int c = 0; c < cpus; c++) {
            encode(out, known[c]);
            encode(out, own[c]);
            encode(out, applied[c]);
        }
        encode(out, global);
    }

    static void encode(LongArrayBuilder out, long[] v) {
        if (v == null) {
            out.add(-1);
            return;
        }
        for (long x : v) {
            out.add(x);
        }
    }
}
