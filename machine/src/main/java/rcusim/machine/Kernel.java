package rcusim.machine;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemorySystem;

/**
 * The kernel API that simulated code calls: the LKMM primitives of {@code linux-kernel.def}
 * (apart from RCU and SRCU) on simulated memory. Each memory operation, barrier, atomic and
 * lock operation is one machine step and a point where the CPU may be switched out.
 *
 * <p>Orderings follow LKMM: value-returning read-modify-writes are full barriers when they
 * succeed, {@code _acquire} and {@code _release} variants order one side, {@code _relaxed}
 * variants and void atomics order nothing, spinlocks are acquire/release.
 * {@code smp_mb__before_atomic()} and {@code smp_mb__after_atomic()} are modelled as full
 * barriers, which is stronger than LKMM requires (sound, slightly less complete).
 */
public final class Kernel {
    private final Machine machine;
    private final MemorySystem mem;
    private final Map<Integer, Integer> lockOwner = new TreeMap<>();

    Kernel(Machine machine) {
        this.machine = machine;
        this.mem = machine.memory();
    }

    /** The CPU the calling code runs on. */
    public int smpProcessorId() {
        return machine.current().id;
    }

    // ---------------------------------------------------------------- allocation

    /** Allocates n consecutive locations initialised to 0; returns the address of the first. */
    public long alloc(int n) {
        return alloc(n, 0);
    }

    public long alloc(int n, long init) {
        return Address.of(mem.allocate(n, init));
    }

    /** Frees the block at addr; every later access to it fails the run as a use-after-free. */
    public void free(long addr) {
        Cpu c = post(Op.FREE, addr, "free");
        mem.free(c.loc, new Throwable("freed by CPU " + c.id));
        traceOp(c, "free");
    }

    // ---------------------------------------------------------------- marked accesses

    public long readOnce(long addr) {
        Cpu c = post(Op.LOAD, addr, "READ_ONCE");
        long v = mem.load(c.id, c.loc, c.choice);
        traceOp(c, "READ_ONCE", v);
        return v;
    }

    public void writeOnce(long addr, long v) {
        Cpu c = post(Op.STORE, addr, "WRITE_ONCE");
        mem.store(c.id, c.loc, v, false);
        traceOp(c, "WRITE_ONCE", v);
    }

    public long smpLoadAcquire(long addr) {
        Cpu c = post(Op.LOAD_ACQUIRE, addr, "smp_load_acquire");
        long v = mem.load(c.id, c.loc, c.choice);
        mem.readFence(c.id);
        traceOp(c, "smp_load_acquire", v);
        return v;
    }

    public void smpStoreRelease(long addr, long v) {
        Cpu c = post(Op.STORE_RELEASE, addr, "smp_store_release");
        mem.store(c.id, c.loc, v, true);
        traceOp(c, "smp_store_release", v);
    }

    /** smp_store_mb(): a store followed by a full barrier. */
    public void smpStoreMb(long addr, long v) {
        writeOnce(addr, v);
        smpMb();
    }

    /** rcu_dereference(): a marked load whose dependent loads never see stale data. */
    public long rcuDereference(long addr) {
        return readOnce(addr);
    }

    /** rcu_assign_pointer(): a release store. */
    public void rcuAssignPointer(long addr, long v) {
        smpStoreRelease(addr, v);
    }

    // ---------------------------------------------------------------- barriers

    public void smpMb() {
        Cpu c = post(Op.MB, -1, "smp_mb");
        mem.fullFence(c.id);
        traceOp(c, "smp_mb");
    }

    public void smpRmb() {
        Cpu c = post(Op.RMB, -1, "smp_rmb");
        mem.readFence(c.id);
        traceOp(c, "smp_rmb");
    }

    public void smpWmb() {
        Cpu c = post(Op.WMB, -1, "smp_wmb");
        mem.writeFence(c.id);
        traceOp(c, "smp_wmb");
    }

    /** barrier(): a compiler barrier; the simulator never reorders a CPU's own steps. */
    public void barrier() {
    }

    public void smpMbBeforeAtomic() {
        smpMb();
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
        Cpu c = prepare(Op.RMW, addr, "atomic");
        c.rmw = op;
        c.a = a;
        c.b = b;
        c.ordering = ordering;
        return performRmw(c);
    }

    /** Posts an operation and parks until the machine decides to perform it. */
    private Cpu post(int op, long addr, String what) {
        return await(prepare(op, addr, what), what);
    }

    private Cpu prepare(int op, long addr, String what) {
        Cpu c = machine.current();
        c.op = op;
        c.loc = addr == -1 ? -1 : location(addr, what);
        return c;
    }

    private Cpu await(Cpu c, String what) {
        machine.post(c);
        if (c.loc >= 0) {
            mem.checkLive(c.loc, what);
        }
        return c;
    }

    private long performRmw(Cpu c) {
        await(c, "atomic");
        long old = mem.rmw(c.id, c.loc, c.rmw, c.a, c.b, c.ordering);
        traceOp(c, c.rmw.name().toLowerCase() + "_" + c.ordering.name().toLowerCase(), old);
        return old;
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

    public boolean atomicAddNegative(long addr, long i) {
        return atomicAddReturn(addr, i) < 0;
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
        Cpu c = prepare(Op.COND_LOAD, addr, "smp_cond_load");
        c.condition = cond;
        await(c, "smp_cond_load");
        long v = mem.load(c.id, c.loc, 0);
        if (acquire) {
            mem.readFence(c.id);
        }
        traceOp(c, acquire ? "smp_cond_load_acquire" : "smp_cond_load_relaxed", v);
        return v;
    }

    // ---------------------------------------------------------------- spinlocks

    /** spin_lock(): waits (spin-assume) until the lock is free, then takes it with acquire ordering. */
    public void spinLock(long addr) {
        Cpu c = post(Op.LOCK, addr, "spin_lock");
        mem.tryLock(c.id, c.loc);
        lockOwner.put(c.loc, c.id);
        traceOp(c, "spin_lock");
    }

    public boolean spinTrylock(long addr) {
        Cpu c = post(Op.TRYLOCK, addr, "spin_trylock");
        boolean ok = mem.tryLock(c.id, c.loc);
        if (ok) {
            lockOwner.put(c.loc, c.id);
        }
        traceOp(c, "spin_trylock", ok ? 1 : 0);
        return ok;
    }

    /** spin_unlock(): a release store of 0; unlocking a lock this CPU does not hold fails the run. */
    public void spinUnlock(long addr) {
        Cpu c = post(Op.UNLOCK, addr, "spin_unlock");
        Integer owner = lockOwner.get(c.loc);
        if (owner == null || owner != c.id) {
            throw new SimFailure(SimFailure.Kind.LOCK_MISUSE, "spin_unlock of the lock at location " + c.loc
                    + " by CPU " + c.id + ", which does not hold it"
                    + (owner == null ? " (it is not held)" : " (CPU " + owner + " holds it)"));
        }
        lockOwner.remove(c.loc);
        mem.store(c.id, c.loc, 0, true);
        traceOp(c, "spin_unlock");
    }

    public boolean spinIsLocked(long addr) {
        return readOnce(addr) != 0;
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

    private void traceOp(Cpu c, String what) {
        if (machine.tracing()) {
            machine.traceEvent(c, what + " " + c.loc);
        }
    }

    private void traceOp(Cpu c, String what, long value) {
        if (machine.tracing()) {
            machine.traceEvent(c, what + " " + c.loc + " " + value);
        }
    }
}
