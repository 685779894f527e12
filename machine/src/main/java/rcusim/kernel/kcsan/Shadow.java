package rcusim.kernel.kcsan;

/**
 * Shadow memory of one location: its last write, the last read of each context (and the
 * ASSERT_EXCLUSIVE_* points not yet overtaken by a write), and the clocks its last few stores
 * carry, for a marked read to acquire.
 *
 * <p>Which store a read read from is matched by value: the newest remembered store of the
 * value read. A value stored twice may match the later store when the read saw the earlier
 * (a stale read): the read then acquires more than it should, which can only hide a race,
 * never invent one.
 */
final class Shadow {
    private static final int HISTORY = 8;

    Access write;
    Access[] reads = new Access[2];
    int nreads;

    private final long[] histValue = new long[HISTORY];
    private final VectorClock[] histSync = new VectorClock[HISTORY];
    private int histCount;

    /** A store of v carrying sync (null: it orders nothing). */
    void stored(long v, VectorClock sync) {
        int i = histCount++ % HISTORY;
        histValue[i] = v;
        histSync[i] = sync;
    }

    /** The clock the newest remembered store of v carries, or null. */
    VectorClock syncOf(long v) {
        int n = Math.min(histCount, HISTORY);
        for (int k = 1; k <= n; k++) {
            int i = (histCount - k) % HISTORY;
            if (histValue[i] == v) {
                return histSync[i];
            }
        }
        return null;
    }

    /** The read record of context ctx with this plainness and type, made if absent. */
    Access readSlot(int ctx, boolean plain, int type) {
        for (int i = 0; i < nreads; i++) {
            Access a = reads[i];
            if (a.ctx == ctx && a.plain == plain && a.type == type) {
                return a;
            }
        }
        if (nreads == reads.length) {
            reads = java.util.Arrays.copyOf(reads, nreads * 2);
        }
        Access a = reads[nreads];
        if (a == null) {
            a = new Access();
            reads[nreads] = a;
        }
        nreads++;
        return a;
    }

    /** Forgets the reads (their records are kept for reuse). */
    void clearReads() {
        nreads = 0;
    }
}
