package rcusim.machine;

import rcusim.machine.memory.MemOp;

/** The machine operations a context can post: each is one step, and a point where it may be switched out. */
public enum Op {
    NONE("none"),
    LOAD(MemOp.LOAD, "READ_ONCE"),
    LOAD_ACQUIRE(MemOp.LOAD_ACQUIRE, "smp_load_acquire"),
    STORE(MemOp.STORE, "WRITE_ONCE"),
    STORE_RELEASE(MemOp.STORE_RELEASE, "smp_store_release"),
    MB(MemOp.MB, "smp_mb"),
    RMB(MemOp.RMB, "smp_rmb"),
    WMB(MemOp.WMB, "smp_wmb"),
    MB_BEFORE_ATOMIC(MemOp.MB_BEFORE_ATOMIC, "smp_mb__before_atomic"),
    RMW(MemOp.RMW, "atomic"),
    LOCK(MemOp.LOCK, "spin_lock"),
    TRYLOCK(MemOp.TRYLOCK, "spin_trylock"),
    UNLOCK(MemOp.UNLOCK, "spin_unlock"),
    COND_LOAD(MemOp.COND_LOAD, "smp_cond_load"),
    FREE(MemOp.FREE, "free"),
    /** A context not yet started: its first step runs it up to its first operation. */
    START("start"),
    /** A task switched out in schedule(): it continues once it is some CPU's current task again. */
    RESUME("resume"),
    /** The idle task waits for an interrupt (x86 "sti; hlt"). */
    WFI("wfi"),
    /** Waits until a condition on kernel state (not simulated memory) holds, as spin-assume. */
    WAIT("wait"),
    /** An offline CPU's idle task: it continues when the CPU is brought up. */
    DEAD("cpu dead"),
    /** A kernel-state operation (irq or preemption control, scheduler, timers): a step with no memory effect. */
    KERNEL("kernel"),
    /** One step of user-mode code. */
    USER("user");

    /** The name reports use for a context waiting in this operation. */
    public final String text;
    /** The memory operation this is, whose rules {@code MemoryRules} states; null for the others. */
    public final MemOp memOp;

    Op(String text) {
        this(null, text);
    }

    Op(MemOp memOp, String text) {
        this.memOp = memOp;
        this.text = text;
    }
}
