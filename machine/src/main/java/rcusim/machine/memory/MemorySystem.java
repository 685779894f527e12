package rcusim.machine.memory;

import java.util.Arrays;
import rcusim.machine.Ordering;
import rcusim.machine.RmwOp;
import rcusim.machine.SimFailure;

/**
 * The simulated memory: locations holding longs, per-CPU store buffers and (under
 * {@link MemoryModel#WEAK} and {@link MemoryModel#POWER}) invalidate queues, following
 * McKenney's hardware view. Under power, which older values a CPU's ordered loads may still
 * read is decided per CPU by {@link Propagation}, not by one global commit number.
 *
 * <p><b>Coherence.</b> Each location keeps the last {@code window} values it held, in
 * coherence order (co). A store commits when it leaves the store buffer; commits are
 * numbered by a global sequence.
 *
 * <p><b>Invalidate queues, kept lazily.</b> Instead of copying every commit into every other
 * CPU's queue, each CPU keeps per location the oldest co position it may still read (its
 * view). A load may return any value from that view up to the latest, and which one is a
 * decision: reading the k-th newest value is the same as leaving k invalidations for that
 * location unapplied. Queues are FIFO per location and unordered across locations, as a
 * cache miss on one line overtakes queued invalidations for another. smp_rmb(), acquire
 * loads and smp_mb() raise the CPU's floor to "everything committed so far", the effect of
 * applying the whole queue. Reading a pointer raises the CPU's views of the block it points
 * to up to the store that published it, so dependent loads never see data older than the
 * pointer (no Alpha trap: READ_ONCE and rcu_dereference imply the old
 * smp_read_barrier_depends()). The window bounds how stale a read can be, as a real queue
 * has finite length.
 *
 * <p>Callers check enabledness (for example {@link #storeBufferEmpty} before a full fence)
 * before performing an operation; the operations themselves do not block. {@link MemoryRules}
 * is where that check and the operation meet.
 *
 * <p>Allocation can reuse freed blocks ({@link AllocReuse}); the generations of blocks, and of
 * the pointers the coherence history holds, are kept here beside the values they describe.
 *
 * <p>One class of about 950 lines, on purpose: store buffers, views, the coherence history,
 * the block generations and the lock holders are one state that the litmus explorer copies and
 * encodes as a whole, and the hot paths (load, drain, the readable range) read all of it.
 */
public final class MemorySystem {
    public static final int DEFAULT_WINDOW = 8;

    private final MemoryModel model;
    private final int cpus;
    private final int window;

    private int nlocs;
    private long[] hVal;
    private long[] hSeq;
    private int[] coCount;
    private int[] blockStart;
    private int[] blockLen;
    private byte[] freed;
    private Object[] freeSite;
    private long seq;
    /** Initialisers applied ({@link #setInitial}), which change a value without a commit. */
    private long initWrites;

    /** Whether freed blocks are handed out again; see {@link AllocReuse}. */
    private AllocReuse reuse = AllocReuse.NONE;
    /** Under reuse: each location's block generation (0 for its first allocation, +1 per reuse). */
    private int[] gen;
    /** Under reuse: what allocated each location's block the last time it was reused, or null. */
    private Object[] allocSite;
    /** Under reuse: what freed each location's block before its last reuse, or null. */
    private Object[] freedBeforeReuse;
    /**
     * Under reuse: beside each value in the coherence history, the generation of the block it
     * points into when it was written (-1: not a pointer, or written before reuse was chosen),
     * so that a pointer read from memory carries the generation it was stored with, even when
     * a stale read returns it after its block was freed and reused.
     */
    private int[] hPtrGen;
    /** Under reuse: {@link #hPtrGen} of the value the last load or atomic read returned. */
    private int lastLoadPtrGen = -1;
    /** Under reuse: freed block starts by block size, most recently freed last. */
    private java.util.TreeMap<Integer, java.util.ArrayList<Integer>> freeLists;

    /**
     * view[c][page][offset]: the oldest co position CPU c may still read at a location, in
     * pages of {@link #VIEW_PAGE} locations made when c first raises a view in them, so that a
     * CPU's views cost the places it touched, not every location (4096 CPUs x 40,000 locations
     * would be 640 MiB dense).
     */
    private final int[][][] view;
    private static final int VIEW_PAGE_BITS = 6;
    private static final int VIEW_PAGE = 1 << VIEW_PAGE_BITS;
    /** blockStart/blockLen are shared with a copy: replace them rather than write in place. */
    private boolean blocksShared;
    private final long[] floor;
    /** An smp_mb__before_atomic() waits for the CPU's next atomic (or lock), which it orders. */
    private final boolean[] beforeAtomic;
    private final StoreBuffer[] sb;
    private final LockHolders lockHolders;
    /** Under power only (null otherwise): the CPUs' clocks, and beside each value in the coherence history its writer (-1: initial) and message view. */
    private final Propagation prop;
    private int[] hWriter;
    private long[][] hMsg;

    public MemorySystem(MemoryModel model, int cpus, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1");
        }
        this.model = model;
        this.cpus = cpus;
        this.window = window;
        int cap = 4; // grows by doubling; copies (for state exploration) stay small
        hVal = new long[cap * window];
        hSeq = new long[cap * window];
        coCount = new int[cap];
        blockStart = new int[cap];
        blockLen = new int[cap];
        freed = new byte[cap];
        freeSite = new Object[cap];
        view = new int[cpus][][];
        floor = new long[cpus];
        beforeAtomic = new boolean[cpus];
        sb = new StoreBuffer[cpus];
        lockHolders = new LockHolders();
        if (model.nonMulticopyAtomic()) {
            prop = new Propagation(cpus);
            hWriter = new int[cap * window];
            Arrays.fill(hWriter, -1);
            hMsg = new long[cap * window][];
        } else {
            prop = null;
        }
    }

    public MemorySystem(MemoryModel model, int cpus) {
        this(model, cpus, DEFAULT_WINDOW);
    }

    private MemorySystem(MemorySystem o) {
        model = o.model;
        cpus = o.cpus;
        window = o.window;
        nlocs = o.nlocs;
        hVal = o.hVal.clone();
        hSeq = o.hSeq.clone();
        coCount = o.coCount.clone();
        blockStart = o.blockStart;   // shared until either side allocates
        blockLen = o.blockLen;
        blocksShared = true;
        o.blocksShared = true;
        freed = o.freed.clone();
        freeSite = o.freeSite.clone();
        seq = o.seq;
        initWrites = o.initWrites;
        reuse = o.reuse;
        if (o.gen != null) {
            gen = o.gen.clone();
            allocSite = o.allocSite.clone();
            freedBeforeReuse = o.freedBeforeReuse.clone();
            hPtrGen = o.hPtrGen.clone();
            freeLists = new java.util.TreeMap<>();
            o.freeLists.forEach((n, starts) -> freeLists.put(n, new java.util.ArrayList<>(starts)));
        }
        view = new int[cpus][][];
        for (int c = 0; c < cpus; c++) {
            int[][] pages = o.view[c];
            if (pages != null) {
                view[c] = new int[pages.length][];
                for (int p = 0; p < pages.length; p++) {
                    view[c][p] = pages[p] == null ? null : pages[p].clone();
                }
            }
        }
        floor = o.floor.clone();
        beforeAtomic = o.beforeAtomic.clone();
        sb = new StoreBuffer[cpus];
        for (int c = 0; c < cpus; c++) {
            sb[c] = o.sb[c] == null ? null : o.sb[c].copy();
        }
        lockHolders = o.lockHolders.copy();
        prop = o.prop == null ? null : o.prop.copy();
        if (prop != null) {
            hWriter = o.hWriter.clone();
            hMsg = o.hMsg.clone();
        }
    }

    /** A deep copy, for explorers that branch from a saved state. */
    public MemorySystem copy() {
        return new MemorySystem(this);
    }

    public MemoryModel model() {
        return model;
    }

    public int cpus() {
        return cpus;
    }

    public int locations() {
        return nlocs;
    }

    /** Which CPU holds each spinlock word; {@link MemoryRules} keeps it. */
    public LockHolders lockHolders() {
        return lockHolders;
    }

    // ---------------------------------------------------------------- allocation

    /**
     * Chooses whether freed blocks are handed out again, before anything is freed (a scenario
     * sets it as it loads).
     */
    public void setAllocReuse(AllocReuse r) {
        if (r == reuse) {
            return;
        }
        for (int l = 0; l < nlocs; l++) {
            if (freed[l] != 0) {
                throw new IllegalStateException("alloc_reuse is chosen before anything is freed");
            }
        }
        reuse = r;
        if (r == AllocReuse.NONE) {
            gen = null;
            allocSite = null;
            freedBeforeReuse = null;
            hPtrGen = null;
            freeLists = null;
        } else {
            gen = new int[coCount.length];
            allocSite = new Object[coCount.length];
            freedBeforeReuse = new Object[coCount.length];
            hPtrGen = new int[hVal.length];
            Arrays.fill(hPtrGen, -1);
            freeLists = new java.util.TreeMap<>();
        }
    }

    public AllocReuse allocReuse() {
        return reuse;
    }

    /** Allocates a block of n consecutive locations holding init; returns the first index. */
    public int allocate(int n, long init) {
        return allocate(n, init, null);
    }

    /**
     * Allocates a block of n consecutive locations holding init; returns the first index. Under
     * {@link AllocReuse#LIFO} the most recently freed block of n locations comes back (with its
     * generation one higher, and site recorded as what reused it), unless a CPU still has a
     * store to it in its store buffer (that store, made before the free, fails as a use after
     * free when it drains, and must not land on the new object unseen).
     */
    public int allocate(int n, long init, Object site) {
        if (n < 1) {
            throw new IllegalArgumentException("block size must be >= 1");
        }
        if (freeLists != null) {
            int reused = takeFreed(n);
            if (reused >= 0) {
                for (int i = 0; i < n; i++) {
                    int l = reused + i;
                    freed[l] = 0;
                    freedBeforeReuse[l] = freeSite[l];
                    freeSite[l] = null;
                    gen[l]++;
                    allocSite[l] = site;
                    // the allocator's initialisation is a new write in the location's coherence order
                    seq++;
                    int co = coCount[l]++;
                    hVal[l * window + co % window] = init;
                    hSeq[l * window + co % window] = seq;
                    hPtrGen[l * window + co % window] = pointeeGeneration(init);
                    if (prop != null) {
                        hWriter[l * window + co % window] = -1;
                        hMsg[l * window + co % window] = null;
                    }
                }
                return reused;
            }
        }
        int first = nlocs;
        ensureCapacity(nlocs + n);
        int[] bs = blocksShared ? blockStart.clone() : blockStart;
        int[] bl = blocksShared ? blockLen.clone() : blockLen;
        blocksShared = false;
        for (int i = 0; i < n; i++) {
            int l = first + i;
            coCount[l] = 1;
            hVal[l * window] = init;
            if (hPtrGen != null) {
                hPtrGen[l * window] = pointeeGeneration(init);
            }
            hSeq[l * window] = seq;
            bs[l] = first;
            bl[l] = n;
        }
        blockStart = bs;
        blockLen = bl;
        nlocs += n;
        return first;
    }

    /** The most recently freed block of n locations no store buffer still writes to, taken off its list; or -1. */
    private int takeFreed(int n) {
        java.util.ArrayList<Integer> starts = freeLists.get(n);
        if (starts == null) {
            return -1;
        }
        for (int i = starts.size() - 1; i >= 0; i--) {
            int first = starts.get(i);
            if (!bufferedStoreTo(first, n)) {
                starts.remove(i);
                return first;
            }
        }
        return -1;
    }

    private boolean bufferedStoreTo(int first, int n) {
        for (int c = 0; c < cpus; c++) {
            for (int l = first; l < first + n; l++) {
                if (storeBufferHolds(c, l)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void ensureCapacity(int need) {
        if (need <= coCount.length) {
            return;
        }
        int cap = Math.max(need, coCount.length * 2);
        hVal = Arrays.copyOf(hVal, cap * window);
        hSeq = Arrays.copyOf(hSeq, cap * window);
        coCount = Arrays.copyOf(coCount, cap);
        blockStart = Arrays.copyOf(blockStart, cap);
        blockLen = Arrays.copyOf(blockLen, cap);
        freed = Arrays.copyOf(freed, cap);
        freeSite = Arrays.copyOf(freeSite, cap);
        if (prop != null) {
            int old = hWriter.length;
            hWriter = Arrays.copyOf(hWriter, cap * window);
            Arrays.fill(hWriter, old, hWriter.length, -1);
            hMsg = Arrays.copyOf(hMsg, cap * window);
        }
        if (gen != null) {
            gen = Arrays.copyOf(gen, cap);
            allocSite = Arrays.copyOf(allocSite, cap);
            freedBeforeReuse = Arrays.copyOf(freedBeforeReuse, cap);
            int old = hPtrGen.length;
            hPtrGen = Arrays.copyOf(hPtrGen, cap * window);
            Arrays.fill(hPtrGen, old, hPtrGen.length, -1);
        }
    }

    /** Sets the value l holds before the run starts (an initialiser), without a new commit. */
    public void setInitial(int l, long v) {
        checkLive(l, "initialise");
        initWrites++;
        hVal[l * window + latest(l) % window] = v;
        if (hPtrGen != null) {
            hPtrGen[l * window + latest(l) % window] = pointeeGeneration(v);
        }
    }

    /** Frees the block starting at location first; later accesses fail as use-after-free. */
    public void free(int first, Object site) {
        checkLive(first, "free");
        if (blockStart[first] != first) {
            throw new SimFailure(SimFailure.Kind.BAD_ADDRESS,
                    "free of " + describe(first) + ", which is not the start of an allocated block");
        }
        for (int i = 0; i < blockLen[first]; i++) {
            freed[first + i] = 1;
            freeSite[first + i] = site;
        }
        if (freeLists != null) {
            freeLists.computeIfAbsent(blockLen[first], n -> new java.util.ArrayList<>()).add(first);
        }
    }

    /** The first location of l's block. */
    public int blockStart(int l) {
        return blockStart[l];
    }

    /** The generation of l's block: 0 until it is reused, then one more per reuse (always 0 without reuse). */
    public int generation(int l) {
        return gen == null ? 0 : gen[l];
    }

    /** What allocated l's block when it was last reused (given to {@link #allocate(int, long, Object)}); null if never reused. */
    public Object allocSite(int l) {
        return allocSite == null ? null : allocSite[l];
    }

    /** Under reuse: the generation of the block v points into, or -1 when v is no pointer. */
    private int pointeeGeneration(long v) {
        int t = Address.locationOf(v);
        return t >= 0 && t < nlocs ? gen[blockStart[t]] : -1;
    }

    /**
     * Under reuse: the generation of the block the value returned by this memory's last load
     * or atomic read pointed into when that value was written; -1 when unknown (no pointer, a
     * value forwarded from the CPU's own store buffer, or no reuse).
     */
    public int lastLoadPointeeGeneration() {
        return lastLoadPtrGen;
    }

    /** What freed l's block the last time before it was reused; null if never reused. */
    public Object freedBeforeReuse(int l) {
        return freedBeforeReuse == null ? null : freedBeforeReuse[l];
    }

    public boolean isLive(int l) {
        return l >= 0 && l < nlocs && freed[l] == 0;
    }

    public boolean exists(int l) {
        return l >= 0 && l < nlocs;
    }

    /** What freed location l, as given to {@link #free}; null while it is live. */
    public Object freeSite(int l) {
        return exists(l) ? freeSite[l] : null;
    }

    public void checkLive(int l, String access) {
        if (l < 0 || l >= nlocs) {
            throw new SimFailure(SimFailure.Kind.BAD_ADDRESS,
                    access + " of location " + l + ", which does not exist (" + nlocs + " allocated)");
        }
        if (freed[l] != 0) {
            throw new UseAfterFree(l, access, freeSite[l]);
        }
    }

    private static String describe(int l) {
        return "location " + l;
    }

    // ---------------------------------------------------------------- loads

    private StoreBuffer sb(int c) {
        StoreBuffer b = sb[c];
        if (b == null) {
            b = new StoreBuffer();
            sb[c] = b;
        }
        return b;
    }

    private int latest(int l) {
        return coCount[l] - 1;
    }

    private int oldestRetained(int l) {
        return Math.max(0, coCount[l] - window);
    }

    private long valueAt(int l, int co) {
        return hVal[l * window + co % window];
    }

    private long seqAt(int l, int co) {
        return hSeq[l * window + co % window];
    }

    /** The newest co position of l committed at or before commit number s. */
    private int coAtSeq(int l, long s) {
        int i = latest(l);
        int lo = oldestRetained(l);
        while (i > lo && seqAt(l, i) > s) {
            i--;
        }
        return i;
    }

    private int viewOf(int c, int l) {
        int[][] pages = view[c];
        int p = l >>> VIEW_PAGE_BITS;
        if (pages == null || p >= pages.length) {
            return 0;
        }
        int[] v = pages[p];
        return v == null ? 0 : v[l & (VIEW_PAGE - 1)];
    }

    private void setView(int c, int l, int co) {
        int[][] pages = view[c];
        int p = l >>> VIEW_PAGE_BITS;
        if (pages == null || p >= pages.length) {
            pages = pages == null ? new int[p + 1][] : Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
            view[c] = pages;
        }
        int[] v = pages[p];
        if (v == null) {
            if (co == 0) {
                return;
            }
            v = new int[VIEW_PAGE];
            pages[p] = v;
        }
        v[l & (VIEW_PAGE - 1)] = co;
    }

    /** The oldest co position CPU c may read at l. */
    private int minReadable(int c, int l) {
        int m = Math.max(viewOf(c, l), oldestRetained(l));
        if (prop != null) {
            return Math.max(m, coCoveredBy(l, prop.applied(c)));
        }
        return Math.max(m, coAtSeq(l, floor[c]));
    }

    /** Under power: the newest co position of l whose store clock v includes (the oldest retained if none). */
    private int coCoveredBy(int l, long[] v) {
        int lo = oldestRetained(l);
        for (int i = latest(l); i > lo; i--) {
            int slot = l * window + i % window;
            if (Propagation.covers(v, hWriter[slot], hSeq[slot])) {
                return i;
            }
        }
        return lo;
    }

    /** Under power: the message view of l's value at co position co (null for an initial value). */
    private long[] msgAt(int l, int co) {
        return hMsg[l * window + co % window];
    }

    /**
     * How many values a load by CPU c from l may return: 1 when the value comes from c's own
     * store buffer or the model has no stale reads, otherwise the number of values between
     * c's view and the latest.
     */
    public int readableCount(int c, int l) {
        if (!model.staleReads()) {
            return 1;
        }
        StoreBuffer b = sb[c];
        if (b != null && b.size > 0 && b.newest(l) >= 0) {
            return 1;
        }
        return latest(l) - minReadable(c, l) + 1;
    }

    /** Loads l on CPU c; choice 0 reads the newest allowed value, choice k the k-th older. */
    public long load(int c, int l, int choice) {
        checkLive(l, "load");
        lastLoadPtrGen = -1;
        StoreBuffer b = sb[c];
        if (b != null && b.size > 0) {
            int e = b.newest(l);
            if (e >= 0) {
                return b.val[e];
            }
        }
        if (!model.staleReads()) {
            if (hPtrGen != null) {
                lastLoadPtrGen = hPtrGen[l * window + latest(l) % window];
            }
            return valueAt(l, latest(l));
        }
        int co = latest(l) - choice;
        // the newest value is always readable: only an older choice needs the range again
        if (choice != 0 && (choice < 0 || co < minReadable(c, l))) {
            throw new IllegalArgumentException("load choice " + choice + " out of range");
        }
        if (hPtrGen != null) {
            lastLoadPtrGen = hPtrGen[l * window + co % window];
        }
        setView(c, l, co);
        long v = valueAt(l, co);
        if (prop != null) {
            prop.observe(c, msgAt(l, co));
        }
        publishDependency(c, v, seqAt(l, co));
        return v;
    }

    /** The value l holds in memory now (the coherence-latest), ignoring buffers. */
    /**
     * A number that changes whenever the newest value of location l (which must exist) may
     * have changed: a commit to it, an allocation reusing it, any initialiser. What a CPU
     * waiting on l's value (a lock word, a conditional load, an atomic) compares to know
     * whether to look again.
     */
    public long version(int l) {
        return coCount[l] + initWrites;
    }

    public long latestValue(int l) {
        return valueAt(l, latest(l));
    }

    /** What CPU c would read from l if it took the newest allowed value. */
    public long peekNewest(int c, int l) {
        StoreBuffer b = sb[c];
        if (b != null && b.size > 0) {
            int e = b.newest(l);
            if (e >= 0) {
                return b.val[e];
            }
        }
        return valueAt(l, latest(l));
    }

    /**
     * Address dependency: having read pointer v, published by the store with commit number s,
     * CPU c may no longer read anything in v's block older than what was committed by then.
     */
    private void publishDependency(int c, long v, long s) {
        int target = Address.locationOf(v);
        if (target < 0 || target >= nlocs || freed[target] != 0) {
            return;
        }
        int first = blockStart[target];
        int end = first + blockLen[target];
        long[] dep = prop == null ? null : prop.dependencyView(c);
        for (int m = first; m < end; m++) {
            int co = dep != null ? coCoveredBy(m, dep) : coAtSeq(m, s);
            if (co > viewOf(c, m)) {
                setView(c, m, co);
            }
        }
    }

    // ---------------------------------------------------------------- stores

    /** A store by CPU c: buffered under tso, weak and power, committed at once under sc. */
    public void store(int c, int l, long v, boolean release) {
        checkLive(l, "store");
        if (!model.buffersStores()) {
            commit(c, l, v);
            return;
        }
        sb(c).add(l, v, release);
    }

    private void commit(int c, int l, long v) {
        commit(c, l, v, false, null);
    }

    /**
     * Commits a store of c to l. Under power, cumulative (a release) and readMsg (an RMW's
     * store: the message view of the store it read) shape the message view it carries.
     */
    private void commit(int c, int l, long v, boolean cumulative, long[] readMsg) {
        checkLive(l, "store");
        seq++;
        int co = coCount[l]++;
        int slot = l * window + co % window;
        if (prop != null) {
            hWriter[slot] = c;
            hMsg[slot] = prop.commit(c, seq, cumulative, readMsg);
        }
        hVal[slot] = v;
        if (hPtrGen != null) {
            hPtrGen[slot] = pointeeGeneration(v);
        }
        hSeq[slot] = seq;
        if (model.staleReads()) {
            setView(c, l, co);
        }
    }

    public boolean storeBufferEmpty(int c) {
        StoreBuffer b = sb[c];
        return b == null || b.size == 0;
    }

    /** Whether c's store buffer holds a store to l (an atomic on l must wait for it). */
    public boolean storeBufferHolds(int c, int l) {
        StoreBuffer b = sb[c];
        return b != null && b.size > 0 && b.newest(l) >= 0;
    }

    /** Whether c's store buffer still holds a release store. */
    public boolean storeBufferHoldsRelease(int c) {
        StoreBuffer b = sb[c];
        if (b == null) {
            return false;
        }
        for (int i = 0; i < b.size; i++) {
            if ((b.flags[i] & StoreBuffer.RELEASE) != 0) {
                return true;
            }
        }
        return false;
    }

    public int storeBufferSize(int c) {
        StoreBuffer b = sb[c];
        return b == null ? 0 : b.size;
    }

    /** How many entries of c's store buffer may drain now. */
    public int drainableCount(int c) {
        return drainableCount(sb[c]);
    }

    private int drainableCount(StoreBuffer b) {
        if (b == null || b.size == 0) {
            return 0;
        }
        if (!model.outOfOrderDrains()) {
            return 1;
        }
        if (b.drainableCache >= 0) {
            return b.drainableCache;
        }
        int n = b.indexDrainableWeak();
        b.drainableCache = n;
        return n;
    }

    /** Drains the k-th drainable entry of c's store buffer to memory; returns its location. */
    public int drain(int c, int k) {
        StoreBuffer b = sb[c];
        int j = model.outOfOrderDrains() ? drainableIndex(b, k) : 0;
        int l = b.loc[j];
        long v = b.val[j];
        boolean release = (b.flags[j] & StoreBuffer.RELEASE) != 0;
        b.remove(j);
        commit(c, l, v, release, null);
        return l;
    }

    /** The buffer index of the k-th drainable entry (weak model). */
    private int drainableIndex(StoreBuffer b, int k) {
        if (k < 0 || k >= drainableCount(b)) {
            throw new IllegalArgumentException("no such drainable entry");
        }
        return b.drainableAt[k];
    }

    /** The location of the k-th drainable entry of c's buffer, without draining it. */
    public int drainableLocation(int c, int k) {
        StoreBuffer b = sb[c];
        return b.loc[model.outOfOrderDrains() ? drainableIndex(b, k) : 0];
    }

    /** {@link #newestEntryOrder}: the entry is a release. */
    public static final int ORDER_RELEASE = 1;
    /** {@link #newestEntryOrder}: an smp_wmb() came between the older entries and this one. */
    public static final int ORDER_AFTER_WMB = 2;

    /**
     * How the newest entry of c's store buffer waits for the older ones (as {@link
     * #ORDER_RELEASE} and {@link #ORDER_AFTER_WMB} bits), for the search that must order its
     * drain after theirs: a release leaves only after every older entry; an entry that an
     * smp_wmb() marked leaves, with every newer entry, only after the entries older than it.
     * Under a FIFO buffer every drain waits for the older ones anyway.
     */
    public int newestEntryOrder(int c) {
        StoreBuffer b = sb[c];
        if (b == null || b.size == 0) {
            return 0;
        }
        byte f = b.flags[b.size - 1];
        return ((f & StoreBuffer.RELEASE) != 0 ? ORDER_RELEASE : 0) | ((f & StoreBuffer.WMB_BEFORE) != 0 ? ORDER_AFTER_WMB : 0);
    }

    // ---------------------------------------------------------------- atomics and fences

    /**
     * The read half of an atomic read-modify-write: the coherence-latest value. The caller
     * must first wait until c's store buffer holds no store to l.
     */
    public long rmwRead(int c, int l) {
        checkLive(l, "atomic");
        int co = latest(l);
        long v = valueAt(l, co);
        if (hPtrGen != null) {
            lastLoadPtrGen = hPtrGen[l * window + co % window];
        }
        if (model.staleReads()) {
            // A read like any other: later loads of l may not go back in coherence order
            // (CoRR), and a pointer read heads an address dependency.
            setView(c, l, co);
            if (prop != null) {
                prop.observe(c, msgAt(l, co));
            }
            publishDependency(c, v, seqAt(l, co));
        }
        return v;
    }

    /** The write half of an atomic read-modify-write: commits at once, bypassing the buffer. */
    public void rmwWrite(int c, int l, long v) {
        rmwWrite(c, l, v, false);
    }

    /**
     * The write half, release (cumulative) or not. Under power it carries what the store it
     * overwrites carried (LKMM's rmw-sequence: the two halves are atomic, so that store is the
     * coherence-latest).
     */
    private void rmwWrite(int c, int l, long v, boolean release) {
        commit(c, l, v, release, prop == null ? null : msgAt(l, latest(l)));
    }

    /**
     * Whether an atomic read-modify-write on l may run now: no store to l may be buffered;
     * RELEASE and FULL wait for the whole buffer to drain when they will succeed. One that
     * will fail on the value it reads (a failed cmpxchg or add_unless) is a plain read and
     * orders nothing, so it waits for nothing else.
     */
    public boolean rmwReady(int c, int l, RmwOp op, long a, long b, Ordering ordering) {
        if (storeBufferHolds(c, l)) {
            return false;
        }
        if (beforeAtomic[c]) {
            return storeBufferEmpty(c);
        }
        if (!op.succeeds(latestValue(l), a, b)) {
            return true;
        }
        boolean needEmpty = ordering == Ordering.FULL || ordering == Ordering.RELEASE;
        return needEmpty ? storeBufferEmpty(c) : writeMayBypassBuffer(c);
    }

    /**
     * Whether an atomic's write, which commits without entering the buffer, may overtake the
     * stores c has buffered. Under tso never: a locked instruction drains the buffer first, as
     * x86's do. Under weak unless an smp_wmb() orders a buffered store before it: the write is a
     * store like any other for smp_wmb().
     */
    private boolean writeMayBypassBuffer(int c) {
        StoreBuffer b = sb[c];
        if (b == null || b.size == 0) {
            return true;
        }
        return model.outOfOrderDrains() && !b.wmbBoundaryBeforeNext();
    }

    /**
     * One atomic read-modify-write, with LKMM's ordering; returns the old value. When it
     * succeeds, FULL applies the invalidate queue before and after, and ACQUIRE after. A failed
     * cmpxchg or add_unless writes nothing and orders nothing. The caller checks
     * {@link #rmwReady} first.
     */
    public long rmw(int c, int l, RmwOp op, long a, long b, Ordering ordering) {
        boolean ok = op.succeeds(latestValue(l), a, b);
        if (beforeAtomic[c] || (ok && ordering == Ordering.FULL)) {
            fullFence(c);
        }
        long old = rmwRead(c, l);
        if (ok) {
            rmwWrite(c, l, op.apply(old, a, b), ordering == Ordering.RELEASE || ordering == Ordering.FULL);
            if (prop != null && ordering == Ordering.FULL) {
                // smp_mb() after: the atomic's store and what it read reach every CPU's ordered loads
                fullFence(c);
            } else if (ordering == Ordering.ACQUIRE || ordering == Ordering.FULL) {
                readFence(c);
            }
        }
        return old;
    }

    /**
     * Whether CPU c may try to take the spinlock at l: no store to it is buffered (an unlock
     * of the same lock has reached memory, and with it every store before that release), and
     * the lock's write may overtake the buffered stores (as for a relaxed RMW). A buffered
     * unlock of another lock does not hold the lock back: unlock followed by lock is not a full
     * barrier (LKMM allows a store before the unlock to be reordered with a load after the
     * lock), only smp_mb__after_unlock_lock() or smp_mb__after_spinlock() makes it one.
     */
    public boolean lockReady(int c, int l) {
        if (beforeAtomic[c]) {
            return !storeBufferHolds(c, l) && storeBufferEmpty(c);
        }
        return !storeBufferHolds(c, l) && writeMayBypassBuffer(c);
    }

    /**
     * spin_trylock() once {@link #lockReady}: takes a free lock with acquire ordering. Taken
     * while an unlock of c's is still buffered, it also keeps c's later stores behind the
     * buffered ones: the write-to-write half of LKMM's po-unlock-lock-po (the read halves hold
     * because loads run in order and the acquire applies the invalidate queue).
     */
    public boolean tryLock(int c, int l) {
        if (beforeAtomic[c]) {
            fullFence(c);
        }
        if (rmwRead(c, l) != 0) {
            return false;
        }
        rmwWrite(c, l, 1);
        readFence(c);
        if (storeBufferHoldsRelease(c)) {
            writeFence(c);
        }
        return true;
    }

    /** Whether an smp_mb__before_atomic() of c waits for its next atomic. */
    public boolean beforeAtomicPending(int c) {
        return beforeAtomic[c];
    }

    /**
     * smp_mb__before_atomic(): LKMM orders the accesses before it against the next atomic RMW
     * and everything after that, not against the accesses in between. So it waits for nothing
     * now; the CPU's next atomic (a failed cmpxchg or a lock too, which is stronger than LKMM
     * and sound) waits for an empty store buffer and applies the queue first, as smp_mb()
     * would just before it.
     */
    public void beforeAtomicFence(int c) {
        beforeAtomic[c] = true;
    }

    /** smp_wmb(): stores after it leave the buffer only after the stores before it. */
    public void writeFence(int c) {
        StoreBuffer b = sb[c];
        if (b != null && b.size > 0) {
            b.wmbPending = true;
        }
    }

    /**
     * smp_rmb(), and the second half of acquire and full fences: later loads see at least
     * everything committed so far (the whole invalidate queue is applied).
     */
    public void readFence(int c) {
        floor[c] = seq;
        if (prop != null) {
            prop.readFence(c);
        }
    }

    /** smp_mb(): the caller waits until c's buffer is empty; then the queue is applied. */
    public void fullFence(int c) {
        if (!storeBufferEmpty(c)) {
            throw new IllegalStateException("full fence with a non-empty store buffer");
        }
        floor[c] = seq;
        beforeAtomic[c] = false;
        if (prop != null) {
            prop.fullFence(c);
        }
    }

    // ---------------------------------------------------------------- state encoding

    /**
     * Appends a canonical encoding of the state: two states with equal encodings behave the
     * same from here on.
     */
    public void encode(LongArrayBuilder out) {
        out.add(nlocs);
        for (int l = 0; l < nlocs; l++) {
            int n = Math.min(coCount[l], window);
            out.add(((long) coCount[l] << 1) | freed[l]);
            for (int co = coCount[l] - n; co < coCount[l]; co++) {
                out.add(valueAt(l, co));
                out.add(seqAt(l, co));
            }
        }
        for (int c = 0; c < cpus; c++) {
            if (model.staleReads()) {
                for (int l = 0; l < nlocs; l++) {
                    out.add(minReadable(c, l));
                }
            }
            StoreBuffer b = sb[c];
            if (b == null) {
                out.add(0);
            } else {
                b.encode(out);
            }
            out.add(beforeAtomic[c] ? 1 : 0);
        }
        if (prop != null) {
            prop.encode(out);
            for (int l = 0; l < nlocs; l++) {
                for (int co = Math.max(0, coCount[l] - window); co < coCount[l]; co++) {
                    out.add(hWriter[l * window + co % window]);
                    Propagation.encode(out, msgAt(l, co));
                }
            }
        }
        lockHolders.encode(out, nlocs);
        if (freeLists != null) {
            for (int l = 0; l < nlocs; l++) {
                out.add(gen[l]);
            }
            freeLists.forEach((n, starts) -> {
                out.add(n);
                out.add(starts.size());
                starts.forEach(out::add);
            });
        }
    }

    /** Thrown on any access to freed memory. */
    public static final class UseAfterFree extends SimFailure {
        private static final long serialVersionUID = 1L;
        private final transient Object freeSite;
        private final int location;

        UseAfterFree(int location, String access, Object freeSite) {
            super(Kind.USE_AFTER_FREE, access + " of location " + location + " after it was freed");
            this.location = location;
            this.freeSite = freeSite;
        }

        private UseAfterFree(UseAfterFree o, String message) {
            super(Kind.USE_AFTER_FREE, message);
            this.location = o.location;
            this.freeSite = o.freeSite;
            setStackTrace(o.getStackTrace());
        }

        /**
         * This failure with a second line naming where the access and (when known) the free
         * happened: "used by CPU 1 (reader) at step 120; freed by CPU 0 (updater) at step 97".
         * The first line, the signature's, stays as it was.
         */
        public UseAfterFree withUse(String usedWhere) {
            String freedWhere = freeSite instanceof MemorySite s ? "; freed by " + s.where() : "";
            return new UseAfterFree(this, getMessage() + "\n  used by " + usedWhere + freedWhere);
        }

        public Object freeSite() {
            return freeSite;
        }

        public int location() {
            return location;
        }
    }
}
