package rcusim.machine;

/**
 * What one memory step of simulated code was, as an {@link AccessListener} sees it: a plain
 * (unmarked) C access, a marked one (READ_ONCE/WRITE_ONCE and their ordered forms), an atomic,
 * a lock-word operation, a fence, or a free. The per-step access record the data-race
 * detector reads, kept general enough for a partial-order reduction to read it too (which
 * location a step touched and how).
 */
public enum AccessKind {
    /** A plain load: C code reading without READ_ONCE(). */
    PLAIN_READ(true, false, true),
    /** A plain store: C code writing without WRITE_ONCE(). */
    PLAIN_WRITE(false, true, true),
    /** READ_ONCE() (also atomic_read(), rcu_dereference(), smp_cond_load_relaxed()). */
    READ(true, false, false),
    /** smp_load_acquire() (also atomic_read_acquire(), smp_cond_load_acquire()). */
    READ_ACQUIRE(true, false, false),
    /** WRITE_ONCE() (also atomic_set()). */
    WRITE(false, true, false),
    /** smp_store_release() (also atomic_set_release()). */
    WRITE_RELEASE(false, true, false),
    /** An atomic read-modify-write that wrote (its ordering is passed with it). */
    RMW(true, true, false),
    /** An atomic read-modify-write that did not write: a failed cmpxchg or add_unless. */
    RMW_FAILED(true, false, false),
    /** spin_lock() or a successful spin_trylock(): an acquire RMW of the lock word. */
    LOCK(true, true, false),
    /** A failed spin_trylock(): a read of the lock word, ordering nothing. */
    TRYLOCK_FAILED(true, false, false),
    /** spin_unlock(): a release store of 0 to the lock word. */
    UNLOCK(false, true, false),
    /** smp_mb() and the barriers modelled as it. */
    MB(false, false, false),
    /** smp_rmb(). */
    RMB(false, false, false),
    /** smp_wmb(). */
    WMB(false, false, false),
    /** kfree() of the block starting at the location. */
    FREE(false, false, false);

    private final boolean reads;
    private final boolean writes;
    private final boolean plain;

    AccessKind(boolean reads, boolean writes, boolean plain) {
        this.reads = reads;
        this.writes = writes;
        this.plain = plain;
    }

    /** Whether it reads the location. */
    public boolean reads() {
        return reads;
    }

    /** Whether it writes the location. */
    public boolean writes() {
        return writes;
    }

    /** Whether it is a plain (unmarked) access. */
    public boolean plain() {
        return plain;
    }

    /** Whether it is a fence (no location). */
    public boolean fence() {
        return this == MB || this == RMB || this == WMB;
    }
}
