package rcusim.machine.memory;

import rcusim.machine.RmwOp;

/**
 * What an atomic returns, computed from the value it read: atomic_fetch_*() the old value,
 * atomic_*_return() the new one, atomic_*_and_test() whether the new value is zero,
 * atomic_add_negative() whether it is negative, atomic_add_unless() and friends whether it
 * wrote. The void atomics return nothing ({@link #NONE}, the old value for want of another).
 */
public enum RmwResult {
    NONE, OLD, NEW, NEW_IS_ZERO, NEW_IS_NEGATIVE, CHANGED;

    /** The result of op with operands a and b on a location that held old. */
    public long of(RmwOp op, long old, long a, long b) {
        return switch (this) {
            case NONE, OLD -> old;
            case NEW -> op.apply(old, a, b);
            case NEW_IS_ZERO -> op.apply(old, a, b) == 0 ? 1 : 0;
            case NEW_IS_NEGATIVE -> op.apply(old, a, b) < 0 ? 1 : 0;
            case CHANGED -> op.succeeds(old, a, b) ? 1 : 0;
        };
    }
}
