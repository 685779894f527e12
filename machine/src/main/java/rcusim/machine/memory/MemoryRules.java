package rcusim.machine.memory;

import java.util.function.LongPredicate;
import rcusim.machine.Ordering;
import rcusim.machine.RmwOp;

/**
 * The rules of the memory operations, written once: whether an operation of a CPU may act
 * now ({@link #ready}), how many values a load may read ({@link #loadChoices}), and what each
 * operation does. The machine (through the kernel API, which Tree RCU runs on) and the litmus
 * runner (graded against herd7) both call these, so herd7's verdicts speak for the machine.
 *
 * <p>An operation that is not ready is not refused: the CPU simply has no step to offer until
 * another CPU, a drain or the clock changes what the rule reads (spin-assume). The operations
 * themselves never block; callers ask {@link #ready} first.
 */
public final class MemoryRules {
    /**
     * A store buffer's capacity: a CPU whose buffer is full cannot store until an entry drains,
     * as real store buffers hold a few dozen entries. Without a bound a strategy that never
     * drains a busy CPU would let stores pile up without end.
     */
    public static final int STORE_BUFFER_CAPACITY = 32;

    private MemoryRules() {
    }

    /**
     * Whether CPU cpu may perform op on location loc now. rmw, a, b and ordering are read for
     * {@link MemOp#RMW} only, condition for {@link MemOp#COND_LOAD} only (others may pass
     * null).
     */
    public static boolean ready(MemorySystem mem, int cpu, MemOp op, int loc, RmwOp rmw, long a, long b,
            Ordering ordering, LongPredicate condition) {
        return switch (op) {
            case STORE, STORE_RELEASE -> mem.storeBufferSize(cpu) < STORE_BUFFER_CAPACITY;
            // kfree() is ordered after the CPU's own earlier stores, as a full barrier is
            case MB, FREE -> mem.storeBufferEmpty(cpu);
            case RMW -> mem.rmwReady(cpu, loc, rmw, a, b, ordering);
            // spin-assume: a CPU spinning on a taken lock is not a step until the word reads 0
            case LOCK -> mem.lockReady(cpu, loc) && mem.latestValue(loc) == 0;
            case TRYLOCK -> mem.lockReady(cpu, loc);
            case COND_LOAD -> condition.test(mem.peekNewest(cpu, loc));
            case LOAD, LOAD_ACQUIRE, RMB, WMB, MB_BEFORE_ATOMIC, UNLOCK -> true;
        };
    }

    /** {@link #ready} for an operation without operands (anything but RMW and COND_LOAD). */
    public static boolean ready(MemorySystem mem, int cpu, MemOp op, int loc) {
        if (op == MemOp.RMW || op == MemOp.COND_LOAD) {
            throw new IllegalArgumentException(op + " needs its operands");
        }
        return ready(mem, cpu, op, loc, null, 0, 0, null, null);
    }

    /**
     * How many values a load of loc by cpu may read: the choice passed to {@link #load} is one
     * of 0 (the newest) to this minus 1. A location that does not exist offers one, and the
     * load then fails on it.
     */
    public static int loadChoices(MemorySystem mem, int cpu, int loc) {
        return mem.exists(loc) ? mem.readableCount(cpu, loc) : 1;
    }

    // ---------------------------------------------------------------- what each operation does

    /** READ_ONCE() or smp_load_acquire(): the choice-th newest visible value. */
    public static long load(MemorySystem mem, int cpu, int loc, int choice, boolean acquire) {
        long v = mem.load(cpu, loc, choice);
        if (acquire) {
            mem.readFence(cpu);
        }
        return v;
    }

    /** WRITE_ONCE() or smp_store_release(). */
    public static void store(MemorySystem mem, int cpu, int loc, long v, boolean release) {
        mem.store(cpu, loc, v, release);
    }

    /** smp_mb(), smp_rmb(), smp_wmb() or smp_mb__before_atomic(). */
    public static void fence(MemorySystem mem, int cpu, MemOp fence) {
        switch (fence) {
            case MB -> mem.fullFence(cpu);
            case RMB -> mem.readFence(cpu);
            case WMB -> mem.writeFence(cpu);
            case MB_BEFORE_ATOMIC -> mem.beforeAtomicFence(cpu);
            default -> throw new IllegalArgumentException(fence + " is not a fence");
        }
    }

    /** An atomic with LKMM's ordering; returns the old value (see {@link RmwResult} for the rest). */
    public static long rmw(MemorySystem mem, int cpu, int loc, RmwOp op, long a, long b, Ordering ordering) {
        return mem.rmw(cpu, loc, op, a, b, ordering);
    }

    /** smp_cond_load_*() once ready: the newest visible value (the one the condition passed). */
    public static long condLoad(MemorySystem mem, int cpu, int loc, boolean acquire) {
        return load(mem, cpu, loc, 0, acquire);
    }

    /** spin_lock() once ready: takes the free word with acquire ordering; cpu holds it. */
    public static void lock(MemorySystem mem, int cpu, int loc) {
        mem.tryLock(cpu, loc);
        mem.lockHolders().take(loc, cpu);
    }

    /** spin_trylock() once ready: takes the word if it is free; whether it did. */
    public static boolean trylock(MemorySystem mem, int cpu, int loc) {
        boolean ok = mem.tryLock(cpu, loc);
        if (ok) {
            mem.lockHolders().take(loc, cpu);
        }
        return ok;
    }

    /**
     * spin_unlock(): a release store of 0 by the holder. By any other CPU it changes nothing
     * and throws {@link UnlockByNonHolder}, for the caller to report in its own terms.
     */
    public static void unlock(MemorySystem mem, int cpu, int loc) {
        int holder = mem.lockHolders().holder(loc);
        if (holder != cpu) {
            throw new UnlockByNonHolder(cpu, loc, holder);
        }
        mem.lockHolders().release(loc);
        mem.store(cpu, loc, 0, true);
    }

    /** kfree() once ready: later accesses to the block fail; site says who freed it. */
    public static void free(MemorySystem mem, int loc, Object site) {
        mem.free(loc, site);
    }
}
