package rcusim.machine;

import java.util.Arrays;
import rcusim.machine.decide.OptionKind;

/**
 * What one machine step touched, for a partial-order reduction: the option performed and the
 * objects it read and wrote. An object is a simulated location (its index, &gt;= 0) or one of
 * the pseudo-objects below, which stand for state the machine and the kernel keep outside
 * simulated memory. Two steps are dependent when they share an object that one of them writes.
 *
 * <ul>
 *   <li>{@link #contextObject(int)}: what runs on CPU c (its context, registers, views);
 *       written by every STEP of c, so a CPU's steps stay in program order;</li>
 *   <li>{@link #bufferObject(int)}: CPU c's store buffer; written by its drains and by its
 *       memory steps (a store fills it, a load may forward from it, a fence waits for it);</li>
 *   <li>{@link #GLOBAL}: the kernel's shared state (run queues, timers, pending interrupts,
 *       the clock, the allocator): written by a step that changed or used it, read by every
 *       other step, so such a step is dependent with everything;</li>
 *   <li>{@link #viewsObject(int)}: CPU c's views; what raises them to "everything committed
 *       so far" (c's fences, acquire loads, atomics, loads of pointers) writes it, and every
 *       commit (a store reaching memory) reads every CPU's: so commits are ordered against
 *       those, not each other, and two CPUs' fences not against each other ({@link #VIEWS},
 *       one object for all CPUs, stands for them all where a fence publishes to every CPU);</li>
 *   <li>{@link #POINTERS}: a commit of a pointer writes it, every other commit reads it: a
 *       reader of the pointer raises its views of the block up to the pointer's commit, so the
 *       order of that commit and the block's commits matters, and only that order.</li>
 *   <li>{@link #kernelObject(int, int)}: a piece of the kernel's Java state that code on several
 *       CPUs uses without a simulated lock and that says so wherever it is read and written
 *       (rcu_state's lockless fields, say): only the steps that use it are ordered by it, not
 *       every step as by {@link #GLOBAL}.</li>
 * </ul>
 * The machine fills one (reused) footprint per step when a {@link StepObserver} runs it.
 */
public final class StepFootprint {
    public static final int GLOBAL = -1;
    public static final int VIEWS = -2;
    public static final int POINTERS = -3;

    /** The pseudo-object of what runs on CPU c (its context, and its kernel state). */
    public static int contextObject(int cpu) {
        return -4 - 3 * cpu;
    }

    /** The pseudo-object of CPU c's store buffer. */
    public static int bufferObject(int cpu) {
        return -5 - 3 * cpu;
    }

    /** The pseudo-object of CPU c's views (how old a value of each location it may still read). */
    public static int viewsObject(int cpu) {
        return -6 - 3 * cpu;
    }

    /**
     * The pseudo-object of kernel object k (numbered from 0 by {@link Machine#newKernelObject})
     * on a machine of the given CPUs: below every CPU's.
     */
    public static int kernelObject(int cpus, int k) {
        return -4 - 3 * cpus - k;
    }

    private final int cpus;
    /**
     * Whether one CPU's full fence changes what every CPU's ordering points see (a memory
     * model that is not multicopy-atomic keeps a global set of stores smp_mb() published):
     * then every view-raising step also writes the one {@link #VIEWS} object, as all CPUs'
     * views depend on it, and commits read it.
     */
    private final boolean sharedViews;

    /** Whether a load may read an older value than the latest (views exist at all). */
    private final boolean staleReads;

    /**
     * Whether a CPU's own buffer is modelled exactly (tso and weak; not power, where a commit's
     * message view also depends on its CPU's ordering points before it): a buffered store is
     * then its CPU's alone ({@link #bufferedStore()}, not a write of the location), under weak
     * a drain only reads its CPU's buffer ({@link #drain}), and a drain's commit does not read
     * its own CPU's views.
     */
    private final boolean exactOwnBuffer;

    StepFootprint(int cpus, boolean sharedViews, boolean staleReads) {
        this.cpus = cpus;
        this.sharedViews = sharedViews;
        this.staleReads = staleReads;
        this.exactOwnBuffer = !sharedViews;
    }

    private OptionKind kind;
    private int cpu;
    private int arg;
    private int[] reads = new int[8];
    private int readCount;
    private int[] writes = new int[8];
    private int writeCount;
    /** What the stepped context had posted (for diagnostics), or null. */
    private Op op;
    private String what;
    private int bufferedStore;
    private int bufferedStoreOrder;
    private int ownDrainWait;
    private boolean afterTimeJump;

    void begin(OptionKind k, int c, int a) {
        kind = k;
        cpu = c;
        arg = a;
        op = null;
        what = null;
        readCount = 0;
        writeCount = 0;
        bufferedStore = -1;
        bufferedStoreOrder = 0;
        ownDrainWait = -1;
        afterTimeJump = false;
        read(GLOBAL);
    }

    /** Time jumped before this step: see {@link #afterTimeJump()}. */
    void timeJumped() {
        afterTimeJump = true;
        global();
    }

    /**
     * Whether the clock jumped to its next event just before this step because no CPU could
     * act (all idle, waiting for a tick or a timer). The jump, and with it this step, could
     * happen only once every step before it had happened, so it is ordered after all of them
     * and races with none; it is GLOBAL for the steps after it, as time moved.
     */
    public boolean afterTimeJump() {
        return afterTimeJump;
    }

    /**
     * A drain of the stepping CPU's buffer: it changes the buffer that the CPU's fences,
     * atomics and nearly-full stores wait on (they write it). In a FIFO buffer (tso) it also
     * enables the next drain, so it writes the buffer. In a buffer that drains out of order
     * (weak) with an exact own buffer it only reads it, so two drains of one CPU commute: the
     * drains a release or an smp_wmb() makes one wait for are ordered before it by the search
     * ({@link #bufferedStoreOrder()}), not by a shared object.
     */
    void drain(boolean fifo) {
        if (fifo || !exactOwnBuffer) {
            write(bufferObject(cpu));
        } else {
            read(bufferObject(cpu));
        }
    }

    /**
     * The stepping CPU put a store to location l in its buffer. Nobody else sees it until it
     * drains, and its own loads of l read the same value before and after the drain, so with
     * an exact own buffer the store touches no object: its drain is ordered after it by the
     * store itself ({@link #bufferedStore()}), which the search must join. Otherwise (power) it
     * writes l, which orders it with everything that touches l, its drain included.
     */
    void bufferedStore(int l, int order) {
        if (exactOwnBuffer) {
            bufferedStore = l;
            bufferedStoreOrder = order;
        } else {
            write(l);
        }
    }

    /**
     * The location of the store this step put in its CPU's buffer, when its drain must be
     * ordered after this step although they share no object (see {@link #bufferedStore(int, int)});
     * else -1. The drains of one CPU's stores to one location leave in the order the stores came.
     */
    public int bufferedStore() {
        return bufferedStore;
    }

    /**
     * The location whose own drains an atomic or lock step may wait for ({@link #waitsForOwnDrainsOf}),
     * or -1.
     */
    public int ownDrainWait() {
        return ownDrainWait;
    }

    /**
     * The step (an atomic or a lock on location l) may wait for its own CPU's drains of stores
     * to l, and for no other drain of its CPU: with an exact own buffer it is then ordered
     * with those drains alone, not through the buffer object.
     */
    void waitsForOwnDrainsOf(int l) {
        ownDrainWait = l;
    }

    /**
     * How the buffered store waits for the CPU's older ones ({@code MemorySystem.newestEntryOrder}:
     * a release, an entry after an smp_wmb(); in a FIFO buffer every store, as a release);
     * 0 if it does not, or if there is no buffered store.
     */
    public int bufferedStoreOrder() {
        return bufferedStoreOrder;
    }

    /**
     * Whether a STEP of a CPU and a DRAIN of the same CPU are independent where they share only
     * locations (and the CPU's views): the CPU's own loads read its buffered value before the
     * drain and the committed one after it, the same value; its stores queue behind it.
     */
    public boolean exactOwnBuffer() {
        return exactOwnBuffer;
    }

    /** The step read kernel object k. */
    void readKernelObject(int k) {
        read(kernelObject(cpus, k));
    }

    /** The step changed kernel object k. */
    void writeKernelObject(int k) {
        write(kernelObject(cpus, k));
    }

    /** The step used or changed the kernel's shared state: dependent with every other step. */
    void global() {
        write(GLOBAL);
    }

    /** A store of value v reached location l's coherence order. */
    void commit(int l, long v) {
        write(l);
        if (!staleReads) {
            return;
        }
        for (int c = 0; c < cpus; c++) {
            // a CPU's own commit sets its view of l to itself whatever its floor: its own
            // raises and its drains commute
            if (c != cpu || kind != OptionKind.DRAIN || !exactOwnBuffer) {
                read(viewsObject(c));
            }
        }
        if (sharedViews) {
            read(VIEWS);
        }
        if (rcusim.machine.memory.Address.locationOf(v) >= 0) {
            write(POINTERS);
        } else {
            read(POINTERS);
        }
    }

    /** The stepping CPU's views were raised to everything committed (a fence, an acquire, a pointer's block). */
    void raiseViews() {
        if (!staleReads) {
            return;
        }
        write(viewsObject(cpu));
        if (sharedViews) {
            write(VIEWS);
        }
    }

    void read(int object) {
        for (int i = 0; i < readCount; i++) {
            if (reads[i] == object) {
                return;
            }
        }
        if (readCount == reads.length) {
            reads = Arrays.copyOf(reads, readCount * 2);
        }
        reads[readCount++] = object;
    }

    void write(int object) {
        for (int i = 0; i < writeCount; i++) {
            if (writes[i] == object) {
                return;
            }
        }
        if (writeCount == writes.length) {
            writes = Arrays.copyOf(writes, writeCount * 2);
        }
        writes[writeCount++] = object;
    }

    void posted(Op o, String w) {
        op = o;
        what = w;
    }

    /** For diagnostics: the operation the stepped context had posted, or null (not a STEP). */
    public Op op() {
        return op;
    }

    /** For diagnostics: what a kernel-state operation was ("wake_up_process"), or null. */
    public String what() {
        return what;
    }

    public OptionKind kind() {
        return kind;
    }

    public int cpu() {
        return cpu;
    }

    /** The option's argument: an interrupt's vector, the location a drain writes; 0 for a STEP. */
    public int arg() {
        return arg;
    }

    public boolean isGlobal() {
        for (int i = 0; i < writeCount; i++) {
            if (writes[i] == GLOBAL) {
                return true;
            }
        }
        return false;
    }

    /** The objects read (written ones are not repeated here unless also read). */
    public int[] reads() {
        return Arrays.copyOf(reads, readCount);
    }

    public int[] writes() {
        return Arrays.copyOf(writes, writeCount);
    }

    @Override
    public String toString() {
        return kind + " " + cpu + "/" + arg + " r" + Arrays.toString(reads()) + " w" + Arrays.toString(writes());
    }
}
