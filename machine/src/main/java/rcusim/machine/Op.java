package rcusim.machine;

/** The machine operations a context can post: each is one step, and a point where it may be switched out. */
final class Op {
    static final int NONE = 0;
    static final int LOAD = 1;
    static final int LOAD_ACQUIRE = 2;
    static final int STORE = 3;
    static final int STORE_RELEASE = 4;
    static final int MB = 5;
    static final int RMB = 6;
    static final int WMB = 7;
    static final int RMW = 8;
    static final int LOCK = 9;
    static final int TRYLOCK = 10;
    static final int UNLOCK = 11;
    static final int COND_LOAD = 12;
    static final int FREE = 13;
    /** A context not yet started: its first step runs it up to its first operation. */
    static final int START = 14;
    /** A task switched out in schedule(): it continues once it is some CPU's current task again. */
    static final int RESUME = 15;
    /** The idle task waits for an interrupt (x86 "sti; hlt"). */
    static final int WFI = 16;
    /** Waits until a condition on kernel state (not simulated memory) holds, as spin-assume. */
    static final int WAIT = 17;
    /** An offline CPU's idle task: it continues when the CPU is brought up. */
    static final int DEAD = 18;
    /** A kernel-state operation (irq or preemption control, scheduler, timers): a step with no memory effect. */
    static final int KERNEL = 19;
    /** One step of user-mode code. */
    static final int USER = 20;

    private static final String[] NAMES = {
        "none", "READ_ONCE", "smp_load_acquire", "WRITE_ONCE", "smp_store_release", "smp_mb",
        "smp_rmb", "smp_wmb", "atomic", "spin_lock", "spin_trylock", "spin_unlock", "smp_cond_load", "free",
        "start", "resume", "wfi", "wait", "cpu dead", "kernel", "user"
    };

    private Op() {
    }

    static String name(int op) {
        return NAMES[op];
    }
}
