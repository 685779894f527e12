package rcusim.machine;

/**
 * A failure found in simulated code or caused by it: a broken rule, a use after free, a
 * WARN_ON, a deadlock. It ends the run and is reported as a finding, never as a tool crash.
 */
public class SimFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of rule was broken; the signature of a failure starts with it. */
    public enum Kind {
        USE_AFTER_FREE, BAD_ADDRESS, BAD_CPU, LOCK_MISUSE, DEADLOCK, LIVELOCK, ASSERTION, WARN, BUG, RCU,
        /** A lockdep report: circular dependency, irq-safety inversion, bad unlock, failed assertion. */
        LOCKDEP,
        /** A lock-protected field accessed against its declared ownership rule (wrong lock, CPU or context). */
        OWNERSHIP,
        /** Sleeping or scheduling where the kernel forbids it (atomic context, irqs disabled). */
        ATOMIC_SLEEP,
        /** Misuse of the kernel environment: irq state, hotplug, task API. */
        KERNEL_MISUSE,
        /** A pointer loaded while its object was live, used after the object was freed (its address maybe reused). */
        ZOMBIE_POINTER,
        /** A data race or a failed ASSERT_EXCLUSIVE_*() found by the KCSAN-like detector. */
        DATA_RACE
    }

    private final Kind kind;

    public SimFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
