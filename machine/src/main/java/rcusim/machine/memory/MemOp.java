package rcusim.machine.memory;

/**
 * The memory operations a CPU performs, each one step of the machine. {@link MemoryRules}
 * says when each may act and what it does; the kernel API and the litmus runner both go
 * through those rules, so the two cannot disagree about the hardware.
 */
public enum MemOp {
    /** READ_ONCE(): any value the CPU may still see (a decision among them). */
    LOAD,
    /** smp_load_acquire(): a load, then the invalidate queue is applied. */
    LOAD_ACQUIRE,
    /** WRITE_ONCE(): into the store buffer, which must have room. */
    STORE,
    /** smp_store_release(): a store ordered after every earlier one. */
    STORE_RELEASE,
    /** smp_mb(): waits for an empty store buffer, then applies the invalidate queue. */
    MB,
    /** smp_rmb(): applies the invalidate queue. */
    RMB,
    /** smp_wmb(): later stores drain after the buffered ones. */
    WMB,
    /**
     * smp_mb__before_atomic(): waits for nothing; the CPU's next atomic (or lock) is ordered
     * after every access before it, as LKMM's Before-atomic fence orders.
     */
    MB_BEFORE_ATOMIC,
    /** An atomic read-modify-write with its ordering. */
    RMW,
    /** spin_lock(): waits until the word is 0 and the CPU may take it, then takes it. */
    LOCK,
    /** spin_trylock(): one attempt, once the CPU may take the word. */
    TRYLOCK,
    /** spin_unlock(): by the holder only; a release store of 0. */
    UNLOCK,
    /** smp_cond_load_*(): waits until the newest value the CPU can see passes the condition. */
    COND_LOAD,
    /** kfree(): waits for the CPU's own earlier stores, which it is ordered after. */
    FREE
}
