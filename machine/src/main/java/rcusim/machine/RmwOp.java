package rcusim.machine;

/** The arithmetic of an atomic read-modify-write; operands a and b. */
public enum RmwOp {
    XCHG, CMPXCHG, ADD, AND, OR, XOR, ANDNOT, ADD_UNLESS;

    /** The new value, given the old one; equal to old when the operation does not write. */
    public long apply(long old, long a, long b) {
        return switch (this) {
            case XCHG -> a;
            case CMPXCHG -> old == a ? b : old;
            case ADD -> old + a;
            case AND -> old & a;
            case OR -> old | a;
            case XOR -> old ^ a;
            case ANDNOT -> old & ~a;
            case ADD_UNLESS -> old == b ? old : old + a;
        };
    }

    /** Whether the operation writes (a failed cmpxchg or add_unless does not, and orders nothing). */
    public boolean succeeds(long old, long a, long b) {
        return switch (this) {
            case CMPXCHG -> old == a;
            case ADD_UNLESS -> old != b;
            default -> true;
        };
    }
}
