package rcusim.machine;

import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.AllocReuse;
import rcusim.machine.memory.MemorySite;
import rcusim.machine.memory.MemOp;
import rcusim.machine.memory.MemoryRules;
import rcusim.machine.memory.MemorySystem;
import rcusim.machine.memory.UnlockByNonHolder;

/**
 * The CPU instructions simulated code executes on simulated memory: the LKMM primitives of
 * {@code linux-kernel.def} (apart from RCU and SRCU), the lock word of a spinlock, and the
 * steps that touch no memory (a kernel-state step, a wait on kernel state, halts). Each is one
 * machine step and a point where the CPU may be switched out: the running context posts it
 * and parks until the machine performs it.
 *
 * <p>Orderings follow LKMM: value-returning read-modify-writes are full barriers when they
 * succeed, {@code _acquire} and {@code _release} variants order one side, {@code _relaxed}
 * variants and void atomics order nothing, spinlocks are acquire/release.
 * {@code smp_mb__before_atomic()} orders what precedes it against the next atomic (and what
 * follows that) only; {@code smp_mb__after_atomic()} is a full barrier, which is what LKMM
 * makes it whenever an atomic precedes it (stronger otherwise: sound).
 *
 * <p>One spinlock implementation: every lock word, raw or not, is taken and released here and
 * its holder recorded beside the memory ({@code MemorySystem.lockHolders()}), which deadlock
 * reports and ownership checks read. What each memory instruction may do and when is
 * {@link MemoryRules}'s, shared with the litmus runner.
 */
public final class Instructions {
    private final Machine machine;
    private final MemorySystem mem;
    /** The zombie-pointer detector while freed blocks are reused; null (no cost) otherwise. */
    private ZombiePointers zombies;

    Instructions(Machine machine) {
        this.machine = machine;
        this.mem = machine.memory();
    }

    /**
     * Chooses whether the allocator hands freed blocks out again ({@link AllocReuse}), before
     * anything is freed; under reuse, pointers are tracked and a zombie pointer fails the run.
     */
    public void setAllocReuse(AllocReuse r) {
        mem.setAllocReuse(r);
        zombies = r == AllocReuse.NONE ? null : new ZombiePointers(machine, mem);
    }

    public AllocReuse allocReuse() {
        return mem.allocReuse();
    }

    // ---------------------------------------------------------------- allocation

    /** Allocates n consecutive locations initialised to 0; returns the address of the first. */
    public long alloc(int n) {
        return alloc(n, 0);
    }

    public long alloc(int n, long init) {
        machine.sharedStateTouched(); // the allocator hands out locations in order
        if (zombies == null) {
            return Address.of(mem.allocate(n, init));
        }
        Context c = machine.inSimulatedCode() ? machine.current() : null;
        MemorySite site = c == null ? null : new MemorySite("allocated", c.cpu.id, c.name, machine.steps());
        long addr = Address.of(mem.allocate(n, init, site));
        if (c != null) {
            zombies.obtained(c, addr, "kmalloc", -1);
        }
        return addr;
    }

    /** Frees the block at addr; every later access to it fails the run as a use-after-free. */
    public void free(long addr) {
        Context c = post(Op.FREE, addr, "free");
        MemoryRules.free(mem, c.loc, new MemorySite("freed", c.cpu.id, c.name, machine.steps()));
        AccessListener l = machine.accessListener;
        if (l != null) {
            l.access(c, c.cpu.id, AccessKind.FREE, c.loc, 0, 0, null);
        }
        traceOp(c, "free");
    }

    /**
     * An explicit pointer comparison of simulated code ({@code a == b} on two pointers): while
     * zombie pointers are tracked, comparing one is a failure, as cmpxchg()'s expected value is.
     * Not a step.
     */
    public boolean ptrEq(long a, long b) {
        if (zombies != null && machine.inSimulatedCode()) {
            Context c = machine.current();
            zombies.used(c, a, ZombiePointers.Use.COMPARE, "ptr_eq");
            zombies.used(c, b, ZombiePointers.Use.COMPARE, "ptr_eq");
        }
        return a == b;
    }

    // ---------------------------------------------------------------- marked accesses

    public long readOnce(long addr) {
        return load(addr, Op.LOAD, AccessKind.READ, "READ_ONCE");
    }

    public void writeOnce(long addr, long v) {
        store(addr, v, Op.STORE, AccessKind.WRITE, "WRITE_ONCE");
    }

    public long smpLoadAcquire(long addr) {
        return load(addr, Op.LOAD_ACQUIRE, AccessKind.READ_ACQUIRE, "smp_load_acquire");
    }

    public void smpStoreRelease(long addr, long v) {
        store(addr, v, Op.STORE_RELEASE, AccessKind.WRITE_RELEASE, "smp_store_release");
    }

    // ---------------------------------------------------------------- plain accesses

    /**
     * A plain load: C code reading a variable without READ_ONCE(). The hardware does the same
     * as for READ_ONCE() (the simulator neither tears nor fuses accesses); only the
     * data-race detector tells them apart, and reports a plain access that races.
     */
    public long plainRead(long addr) {
        return load(addr, Op.LOAD, AccessKind.PLAIN_READ, "plain read");
    }

    /** A plain store: C code writing a variable without WRITE_ONCE(); see {@link #plainRead}. */
    public void plainWrite(long addr, long v) {
        store(addr, v, Op.STORE, AccessKind.PLAIN_WRITE, "plain write");
    }

    private long load(long addr, Op op, AccessKind kind, String what) {
        Context c = post(op, addr, what);
        c.loadSinceLockOp = true;
        long v = MemoryRules.load(mem, c.cpu.id, c.loc, c.choice, op == Op.LOAD_ACQUIRE);
        if (zombies != null) {
            zombies.obtained(c, v, what, mem.lastLoadPointeeGeneration());
        }
        AccessListener l = machine.accessListener;
        if (l != null) {
            l.access(c, c.cpu.id, kind, c.loc, v, v, null);
        }
        traceOp(c, what, v);
        return v;
    }

    private void store(long addr, long v, Op op, AccessKind kind, String what) {
        Context c = post(op, addr, what);
        if (zombies != null) {
            zombies.used(c, v, ZombiePointers.Use.STORE, what);
        }
        AccessListener l = machine.accessListener;
        long old = l == null ? 0 : mem.peekNewest(c.cpu.id, c.loc);
        MemoryRules.store(mem, c.cpu.id, c.loc, v, op == Op.STORE_RELEASE);
        if (l != null) {
            l.access(c, c.cpu.id, kind, c.loc, v, old, null);
        }
        traceOp(c, what, v);
    }

    /** smp_store_mb(): a store followed by a full barrier. */
    public void smpStoreMb(long addr, long v) {
        writeOnce(addr, v);
        smpMb();
    }

    // ---------------------------------------------------------------- barriers

    public void smpMb() {
        fence(Op.MB, MemOp.MB, AccessKind.MB, "smp_mb");
    }

    public void smpRmb() {
        fence(Op.RMB, MemOp.RMB, AccessKind.RMB, "smp_rmb");
    }

    public void smpWmb() {
        fence(Op.WMB, MemOp.WMB, AccessKind.WMB, "smp_wmb");
    }

    private void fence(Op op, MemOp memOp, AccessKind kind, String what) {
        Context c = post(op, -1, what);
        MemoryRules.fence(mem, c.cpu.id, memOp);
        AccessListener l = machine.accessListener;
        if (l != null) {
            l.access(c, c.cpu.id, kind, -1, 0, 0, null);
        }
        traceOp(c, what);
    }

    /** barrier(): a compiler barrier; the simulator never reorders a CPU's own steps. */
    public void barrier() {
    }

    /** Orders what comes before it against the CPU's next atomic and what follows that. */
    public void smpMbBeforeAtomic() {
        Context c = post(Op.MB_BEFORE_ATOMIC, -1, "smp_mb__before_atomic");
        MemoryRules.fence(mem, c.cpu.id, MemOp.MB_BEFORE_ATOMIC);
        traceOp(c, "smp_mb__before_atomic");
    }

    public void smpMbAfterAtomic() {
        smpMb();
    }

    public void smpMbAfterSpinlock() {
        smpMb();
    }

    public void smpMbAfterUnlockLock() {
        smpMb();
    }

    // ---------------------------------------------------------------- read-modify-writes

    /**
     * One atomic read-modify-write; returns the old value. RELEASE and FULL wait until the
     * store buffer is empty; ACQUIRE, and FULL when it succeeds, apply the invalidate queue
     * afterwards.
     */
    public long rmw(long addr, RmwOp op, long a, long b, Ordering ordering) {
        Context c = prepare(Op.RMW, addr, "atomic");
        c.rmw = op;
        c.a = a;
        c.b = b;
        c.ordering = ordering;
        return performRmw(c);
    }

    /** Posts an operation and parks until the machine decides to perform it. */
    private Context post(Op op, long addr, String what) {
        return await(prepare(op, addr, what), what);
    }

    private Context prepare(Op op, long addr, String what) {
        Context c = machine.current();
        c.op = op;
        c.loc = addr == -1 ? -1 : location(addr, what);
        c.waitsFor = null;
        return c;
    }

    private Context await(Context c, String what) {
        machine.park();
        if (c.loc >= 0) {
            try {
                mem.checkLive(c.loc, what);
            } catch (MemorySystem.UseAfterFree e) {
                throw e.withUse("CPU " + c.cpu.id + " (" + c.name + ") at step " + machine.steps());
            }
            if (zombies != null) {
                zombies.used(c, Address.of(c.loc), ZombiePointers.Use.DEREFERENCE, what);
            }
        }
        return c;
    }

    private long performRmw(Context c) {
        await(c, "atomic");
        if (zombies != null) {
            checkRmwOperands(c);
        }
        long old = MemoryRules.rmw(mem, c.cpu.id, c.loc, c.rmw, c.a, c.b, c.ordering);
        if (zombies != null) {
            zombies.obtained(c, old, rmwName(c.rmw), mem.lastLoadPointeeGeneration());
        }
        AccessListener l = machine.accessListener;
        if (l != null) {
            boolean wrote = c.rmw.succeeds(old, c.a, c.b);
            l.access(c, c.cpu.id, wrote ? AccessKind.RMW : AccessKind.RMW_FAILED, c.loc,
                    wrote ? c.rmw.apply(old, c.a, c.b) : old, old, c.ordering);
        }
        if (machine.tracing()) {
            traceOp(c, c.rmw.name().toLowerCase(java.util.Locale.ROOT) + "_"
                    + c.ordering.name().toLowerCase(java.util.Locale.ROOT), old);
        }
        return old;
    }

    /** cmpxchg()'s expected value is compared and its new value stored; xchg()'s value is stored. */
    private void checkRmwOperands(Context c) {
        switch (c.rmw) {
            case CMPXCHG -> {
                zombies.used(c, c.a, ZombiePointers.Use.COMPARE, "cmpxchg");
                zombies.used(c, c.b, ZombiePointers.Use.STORE, "cmpxchg");
            }
            case XCHG -> zombies.used(c, c.a, ZombiePointers.Use.STORE, "xchg");
            default -> {
                // arithmetic operands are numbers, not pointers
            }
        }
    }

    private static String rmwName(RmwOp op) {
        return op.name().toLowerCase(java.util.Locale.ROOT);
    }

    public long xchg(long addr, long v, Ordering o) {
        return rmw(addr, RmwOp.XCHG, v, 0, o);
    }

    public long xchg(long addr, long v) {
        return xchg(addr, v, Ordering.FULL);
    }

    /** cmpxchg(): returns the old value; writes new only if the old value was expected. */
    public long cmpxchg(long addr, long expected, long desired, Ordering o) {
        return rmw(addr, RmwOp.CMPXCHG, expected, desired, o);
    }

    public long cmpxchg(long addr, long expected, long desired) {
        return cmpxchg(addr, expected, desired, Ordering.FULL);
    }

    public long atomicRead(long addr) {
        return readOnce(addr);
    }

    public long atomicReadAcquire(long addr) {
        return smpLoadAcquire(addr);
    }

    public void atomicSet(long addr, long v) {
        writeOnce(addr, v);
    }

    public void atomicSetRelease(long addr, long v) {
        smpStoreRelease(addr, v);
    }

    /** The void atomics (atomic_add, atomic_or, ...): relaxed, nothing returned. */
    public void atomicOp(long addr, RmwOp op, long a) {
        rmw(addr, op, a, 0, Ordering.RELAXED);
    }

    public void atomicAdd(long addr, long i) {
        atomicOp(addr, RmwOp.ADD, i);
    }

    public void atomicSub(long addr, long i) {
        atomicOp(addr, RmwOp.ADD, -i);
    }

    public void atomicInc(long addr) {
        atomicOp(addr, RmwOp.ADD, 1);
    }

    public void atomicDec(long addr) {
        atomicOp(addr, RmwOp.ADD, -1);
    }

    /** atomic_fetch_{add,sub,and,or,xor,andnot}{,_relaxed,_acquire,_release}: the old value. */
    public long atomicFetchOp(long addr, RmwOp op, long a, Ordering o) {
        return rmw(addr, op, a, 0, o);
    }

    /** atomic_{add,sub,inc,dec}_return{,_relaxed,_acquire,_release}: the new value. */
    public long atomicAddReturn(long addr, long i, Ordering o) {
        return rmw(addr, RmwOp.ADD, i, 0, o) + i;
    }

    public long atomicAddReturn(long addr, long i) {
        return atomicAddReturn(addr, i, Ordering.FULL);
    }

    public long atomicXchg(long addr, long v, Ordering o) {
        return xchg(addr, v, o);
    }

    public long atomicCmpxchg(long addr, long expected, long desired, Ordering o) {
        return cmpxchg(addr, expected, desired, o);
    }

    public boolean atomicSubAndTest(long addr, long i) {
        return atomicAddReturn(addr, -i) == 0;
    }

    public boolean atomicDecAndTest(long addr) {
        return atomicAddReturn(addr, -1) == 0;
    }

    public boolean atomicIncAndTest(long addr) {
        return atomicAddReturn(addr, 1) == 0;
    }

    /** atomic_add_unless(): adds a unless the value is u; full barrier only if it added. */
    public boolean atomicAddUnless(long addr, long a, long u) {
        return rmw(addr, RmwOp.ADD_UNLESS, a, u, Ordering.FULL) != u;
    }

    // ---------------------------------------------------------------- spinning waits

    /**
     * smp_cond_load_relaxed(): waits until the location satisfies cond and returns the value.
     * The waiting CPU burns no decisions: it is not offered until the value it would read
     * satisfies cond (spin-assume).
     */
    public long smpCondLoadRelaxed(long addr, LongPredicate cond) {
        return condLoad(addr, cond, false);
    }

    public long smpCondLoadAcquire(long addr, LongPredicate cond) {
        return condLoad(addr, cond, true);
    }

    private long condLoad(long addr, LongPredicate cond, boolean acquire) {
        Context c = prepare(Op.COND_LOAD, addr, "smp_cond_load");
        c.condition = cond;
        await(c, "smp_cond_load");
        long v = MemoryRules.condLoad(mem, c.cpu.id, c.loc, acquire);
        if (zombies != null) {
            zombies.obtained(c, v, "smp_cond_load", mem.lastLoadPointeeGeneration());
        }
        AccessListener l = machine.accessListener;
        if (l != null) {
            l.access(c, c.cpu.id, acquire ? AccessKind.READ_ACQUIRE : AccessKind.READ, c.loc, v, v, null);
        }
        traceOp(c, acquire ? "smp_cond_load_acquire" : "smp_cond_load_relaxed", v);
        return v;
    }

    // ---------------------------------------------------------------- spinlocks

    /**
     * Takes the lock word at addr: waits (spin-assume, no decisions) until it is free, then
     * takes it with acquire ordering and records this CPU as its owner. what names the
     * operation in errors, traced in the trace.
     */
    public void lock(long addr, String what, String traced) {
        Context me = machine.current();
        if (me.loadSinceLockOp) {
            me.loadSinceLockOp = false;
            machine.lockAfterLoad(me.cpu.id);
        }
        Context c = post(Op.LOCK, addr, what);
        MemoryRules.lock(mem, c.cpu.id, c.loc);
        AccessListener l = machine.accessListener;
        if (l != null) {
            l.access(c, c.cpu.id, AccessKind.LOCK, c.loc, 1, 0, Ordering.ACQUIRE);
        }
        traceOp(c, traced);
    }

    /** Tries once to take the lock word at addr; true if taken. */
    public boolean trylock(long addr, String what, String traced, boolean traceResult) {
        Context c = post(Op.TRYLOCK, addr, what);
        c.loadSinceLockOp = false;
        AccessListener l = machine.accessListener;
        long seen = l == null ? 0 : mem.latestValue(c.loc);
        boolean ok = MemoryRules.trylock(mem, c.cpu.id, c.loc);
        if (l != null) {
            l.access(c, c.cpu.id, ok ? AccessKind.LOCK : AccessKind.TRYLOCK_FAILED, c.loc, ok ? 1 : seen, seen,
                    ok ? Ordering.ACQUIRE : null);
        }
        if (traceResult) {
            traceOp(c, traced, ok ? 1 : 0);
        }
        return ok;
    }

    /**
     * Releases the lock word at addr: a release store of 0. Releasing a lock this CPU does not
     * hold fails the run; the report names the lock as named (or by its location when null).
     */
    public void unlock(long addr, String what, String traced, String named) {
        Context c = post(Op.UNLOCK, addr, what);
        c.loadSinceLockOp = false;
        try {
            MemoryRules.unlock(mem, c.cpu.id, c.loc);
        } catch (UnlockByNonHolder e) {
            throw new SimFailure(SimFailure.Kind.LOCK_MISUSE, (named != null ? named : what + " of the lock at location " + c.loc)
                    + " by CPU " + c.cpu.id + ", which does not hold it"
                    + (e.holder() < 0 ? " (it is not held)" : " (CPU " + e.holder() + " holds it)"));
        }
        AccessListener l = machine.accessListener;
        if (l != null) {
            l.access(c, c.cpu.id, AccessKind.UNLOCK, c.loc, 0, 1, Ordering.RELEASE);
        }
        traceOp(c, traced);
    }

    /** The CPU holding the lock word at addr, or -1. */
    public int lockOwner(long addr) {
        return mem.lockHolders().holder(Address.locationOf(addr));
    }

    /** Who holds the lock word at location l, for deadlock reports; null if nobody. */
    public String lockHolder(int l) {
        int holder = mem.lockHolders().holder(l);
        return holder < 0 ? null : "CPU " + holder;
    }

    // ---------------------------------------------------------------- kernel-state steps

    /** A kernel-state operation (a step with no memory effect): waits until the machine performs it. */
    public void kernelStep(String what) {
        kernelStep(what, false, false);
    }

    /**
     * A kernel-state operation that touches shared kernel state only when it is performed
     * (that step is GLOBAL): the code leading to it, up to the previous operation, is its
     * caller's, which reports what it shares like any code. Unlike {@link #kernelStep}, the
     * step that posts it is not GLOBAL for it. For operations whose own code before the post
     * was checked to touch nothing shared (wake_up_process(), complete(), mod_timer(), ...).
     */
    public void sharedKernelStep(String what) {
        kernelStep(what, false, true);
    }

    /**
     * A kernel-state operation that touches only its own CPU's kernel state, in the code that
     * leads to it and in the code it runs up to the next operation (local_irq_save(), say):
     * under a partial-order reduction it commutes with other CPUs' steps. Anything shared that
     * it does after all (a schedule(), softirqs) reports itself ({@link Machine#sharedStateTouched}).
     */
    public void localKernelStep(String what) {
        kernelStep(what, true, false);
    }

    private void kernelStep(String what, boolean local, boolean leadInLocal) {
        Context c = machine.current();
        c.op = Op.KERNEL;
        c.loc = -1;
        c.waitsFor = what;
        c.kernelLocal = local;
        c.leadInLocal = leadInLocal;
        machine.park();
    }

    /** Waits, taking no decisions, until cond holds (cond reads kernel state, not memory). */
    public void waitUntil(BooleanSupplier cond, String what) {
        Context c = machine.current();
        if (cond.getAsBoolean()) {
            return;
        }
        c.op = Op.WAIT;
        c.loc = -1;
        c.waitCondition = cond;
        c.waitsFor = what;
        machine.park();
        c.waitCondition = null;
    }

    /**
     * Posts op, one of {@link Op#WFI}, {@link Op#DEAD}, {@link Op#USER} and {@link Op#RESUME}
     * (no memory effect, no location), and waits until the machine performs it.
     */
    public void step(Op op) {
        Context c = machine.current();
        c.op = op;
        c.loc = -1;
        machine.park();
    }

    /**
     * The value at addr in memory now (the coherence-latest), for checkers and reports: not a
     * step and not an access of simulated code.
     */
    public long peek(long addr) {
        return mem.latestValue(location(addr, "peek"));
    }

    // ---------------------------------------------------------------- helpers

    private int location(long addr, String what) {
        int l = Address.locationOf(addr);
        if (!mem.exists(l)) {
            throw new SimFailure(SimFailure.Kind.BAD_ADDRESS, what + " of address " + addr
                    + ", which is not a simulated location");
        }
        return l;
    }

    private void traceOp(Context c, String what) {
        if (machine.tracing()) {
            machine.traceEvent(c.cpu.id, what + " " + c.loc);
        }
    }

    private void traceOp(Context c, String what, long value) {
        if (machine.tracing()) {
            machine.traceEvent(c.cpu.id, what + " " + c.loc + " " + value);
        }
    }

}
