package rcusim.scenarios.builtin;

import rcusim.sched.scenario.Fault;

/**
 * The faults of the zombie-pointer scenarios: memory freed while a lockless reader or a
 * lock-free stack operation may still hold a pointer to it, so that, under LIFO reuse, the
 * address comes back as a new object and the old pointer becomes a zombie.
 */
enum ZombieFault {
    /** rcu-list-early-free: the updater kfree()s the unlinked element before synchronize_rcu() returns. */
    UPDATER_FREES_EARLY("updater-frees-early",
            "rcu-list-early-free: the updater kfree()s a removed element at once instead of after synchronize_rcu(),"
                    + " so a reader may still hold it when its address is reused"),
    /** lifo-stack: pop kfree()s the node it took without waiting for a grace period (the classic ABA). */
    POP_FREES_WITHOUT_GRACE_PERIOD("pop-frees-without-grace-period",
            "lifo-stack: pop kfree()s the node it took at once, without synchronize_rcu(), so another pop's"
                    + " cmpxchg(head, old, old->next) can succeed on a reused address (ABA)");

    private final String spelling;
    private final String description;

    ZombieFault(String spelling, String description) {
        this.spelling = spelling;
        this.description = description;
    }

    Fault fault() {
        return new Fault(spelling, description);
    }

    /** The zombie fault f stands for; f must be one of a scenario's {@link #fault()}s. */
    static ZombieFault of(Fault f) {
        for (ZombieFault z : values()) {
            if (z.fault().equals(f)) {
                return z;
            }
        }
        throw new IllegalArgumentException("not a zombie-pointer fault: " + f);
    }
}
