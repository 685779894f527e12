package rcusim.machine;

/** The machine operations a context can post: each is one step, and a point where it may be switched out. */
public enum Op {
    NONE("none"),
    LOAD("READ_ONCE"),
    LOAD_ACQUIRE("smp_load_acquire"),
    STORE("WRITE_ONCE"),
    STORE_RELEASE("smp_store_release"),
    MB("smp_mb"),
    RMB("smp_rmb"),
    WMB("smp_wmb"),
    RMW("atomic"),
    LOCK("spin_lock"),
    TRYLOCK("spin_trylock"),
    UNLOCK("spin_unlock"),
    COND_LOAD("smp_cond_load"),
    FREE("free"),
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

    Op(String text) {
        this.text = text;
    }
}
