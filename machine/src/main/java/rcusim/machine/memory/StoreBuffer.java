package rcusim.machine.memory;

import java.util.Arrays;

/**
 * One CPU's store buffer: entries in program order, oldest first. Each entry remembers whether
 * an smp_wmb() stands between it and the entry before it, and whether it is a release store.
 */
final class StoreBuffer {
    static final byte RELEASE = 1;
    static final byte WMB_BEFORE = 2;

    int[] loc;
    long[] val;
    byte[] flags;
    int size;
    /** An smp_wmb() was issued since the newest entry; the next entry gets WMB_BEFORE. */
    boolean wmbPending;
    /**
     * How many entries may drain now under the weak model, or -1 when not known: the machine
     * asks for every CPU at every step, while only the stepping CPU's buffer changes.
     */
    int drainableCache = -1;
    /**
     * While {@link #drainableCache} is known: the buffer index of each drainable entry, so a
     * drain finds its entry without scanning the buffer again.
     */
    int[] drainableAt = new int[4];
    /**
     * While {@link #drainableCache} is known: whether the index stopped at an smp_wmb()
     * boundary, so that no entry added later may drain before the older ones.
     */
    private boolean indexStopped;
    /** Scratch of {@link #indexDrainableWeak}: the locations seen so far, open addressing. */
    private int[] seenLoc = new int[0];
    /** Which call of {@link #indexDrainableWeak} put each {@link #seenLoc} slot there. */
    private int[] seenMark = new int[0];
    private int mark;

    StoreBuffer() {
        loc = new int[4];
        val = new long[4];
        flags = new byte[4];
    }

    private StoreBuffer(StoreBuffer o) {
        loc = Arrays.copyOf(o.loc, Math.max(4, o.size));
        val = Arrays.copyOf(o.val, loc.length);
        flags = Arrays.copyOf(o.flags, loc.length);
        size = o.size;
        wmbPending = o.wmbPending;
        drainableCache = o.drainableCache;
        drainableAt = o.drainableAt.clone();
        indexStopped = o.indexStopped;
    }

    StoreBuffer copy() {
        return new StoreBuffer(this);
    }

    void add(int l, long v, boolean release) {
        if (size == loc.length) {
            loc = Arrays.copyOf(loc, size * 2);
            val = Arrays.copyOf(val, size * 2);
            flags = Arrays.copyOf(flags, size * 2);
        }
        byte f = release ? RELEASE : 0;
        if (wmbPending && size > 0) {
            f |= WMB_BEFORE;
        }
        wmbPending = false;
        loc[size] = l;
        val[size] = v;
        flags[size] = f;
        size++;
        if (drainableCache >= 0) {
            indexAdded(size - 1);
        }
    }

    /**
     * Keeps a known index up to date as entry j, the newest, is added: the rule of
     * {@link #indexDrainableWeak} for one more entry (the older ones do not change).
     */
    private void indexAdded(int j) {
        if (indexStopped) {
            return;
        }
        byte f = flags[j];
        if (j > 0 && (f & WMB_BEFORE) != 0) {
            indexStopped = true;
            return;
        }
        if (j > 0 && ((f & RELEASE) != 0 || holdsBefore(loc[j], j))) {
            return;
        }
        if (drainableAt.length <= drainableCache) {
            drainableAt = Arrays.copyOf(drainableAt, loc.length);
        }
        drainableAt[drainableCache++] = j;
    }

    void remove(int j) {
        int tail = size - j - 1;
        System.arraycopy(loc, j + 1, loc, j, tail);
        System.arraycopy(val, j + 1, val, j, tail);
        System.arraycopy(flags, j + 1, flags, j, tail);
        size--;
        drainableCache = -1;
        if (size == 0) {
            wmbPending = false;
        }
    }

    /** Index of the newest entry for location l, or -1. */
    int newest(int l) {
        for (int i = size - 1; i >= 0; i--) {
            if (loc[i] == l) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether entry j may leave the buffer now under the weak model: no older entry for the
     * same location (coherence), no smp_wmb() between it and an older entry, and a release
     * store only once every older store has gone.
     */
    boolean drainableWeak(int j) {
        if (j == 0) {
            return true;
        }
        if ((flags[j] & RELEASE) != 0) {
            return false;
        }
        int l = loc[j];
        for (int i = 1; i <= j; i++) {
            if ((flags[i] & WMB_BEFORE) != 0 || loc[i - 1] == l) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fills {@link #drainableAt} with the entries {@link #drainableWeak} allows, in one pass
     * (that method per entry rescans the older entries' barriers each time); returns how many.
     */
    int indexDrainableWeak() {
        if (drainableAt.length < size) {
            drainableAt = new int[loc.length];
        }
        boolean hashed = size > 8; // a short buffer is scanned faster than hashed
        if (hashed && seenLoc.length < 2 * size) {
            seenLoc = new int[Integer.highestOneBit(Math.max(8, 2 * size)) * 2];
            seenMark = new int[seenLoc.length];
        }
        if (hashed && ++mark == 0) { // wrapped: every slot's mark is stale but may equal the new one
            Arrays.fill(seenMark, 0);
            mark = 1;
        }
        int n = 0;
        indexStopped = false;
        for (int j = 0; j < size; j++) {
            // an older entry is for the same location
            boolean older = hashed ? seen(loc[j]) : j > 0 && holdsBefore(loc[j], j);
            if (j > 0) {
                if ((flags[j] & WMB_BEFORE) != 0) {
                    indexStopped = true;
                    break; // this entry and every newer one wait for the older ones
                }
                if ((flags[j] & RELEASE) != 0 || older) {
                    continue;
                }
            }
            drainableAt[n++] = j;
        }
        return n;
    }

    /** Whether l was seen before in this pass of {@link #indexDrainableWeak}; records it. */
    private boolean seen(int l) {
        int m = seenLoc.length - 1;
        for (int h = (l * 0x9E3779B9) >>> 16 & m; ; h = (h + 1) & m) {
            if (seenMark[h] != mark) {
                seenMark[h] = mark;
                seenLoc[h] = l;
                return false;
            }
            if (seenLoc[h] == l) {
                return true;
            }
        }
    }

    /** Whether an entry older than j is for location l. */
    private boolean holdsBefore(int l, int j) {
        for (int i = 0; i < j; i++) {
            if (loc[i] == l) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an smp_wmb() separates some buffered store from a store issued now: one is
     * pending, or a buffered entry other than the oldest still carries one.
     */
    boolean wmbBoundaryBeforeNext() {
        if (wmbPending) {
            return true;
        }
        for (int i = 1; i < size; i++) {
            if ((flags[i] & WMB_BEFORE) != 0) {
                return true;
            }
        }
        return false;
    }

    void encode(LongArrayBuilder out) {
        out.add(size | (wmbPending ? 1L << 32 : 0));
        for (int i = 0; i < size; i++) {
            out.add(((long) loc[i] << 8) | flags[i]);
            out.add(val[i]);
        }
    }
}
