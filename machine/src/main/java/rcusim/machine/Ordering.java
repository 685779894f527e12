package rcusim.machine;

/** The ordering an atomic read-modify-write provides, as its kernel name suffix says. */
public enum Ordering {
    /** {@code _relaxed}, and every void atomic: orders nothing. */
    RELAXED,
    /** {@code _acquire}: later accesses stay after it. */
    ACQUIRE,
    /** {@code _release}: earlier accesses stay before it. */
    RELEASE,
    /** No suffix on a value-returning RMW: a full barrier on both sides when it succeeds. */
    FULL
}
