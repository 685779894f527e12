package rcusim.machine.memory;

/**
 * Simulated addresses. A pointer is a location id offset by {@link #BASE}, so that small
 * integers (the values litmus tests and counters use) are never mistaken for pointers and
 * NULL stays 0.
 */
public final class Address {
    public static final long BASE = 1L << 32;
    public static final long NULL = 0;

    private Address() {
    }

    public static long of(int location) {
        return BASE + location;
    }

    /** The location index of an address, or -1 when the value is not in the address range. */
    public static int locationOf(long address) {
        long idx = address - BASE;
        return idx >= 0 && idx < Integer.MAX_VALUE ? (int) idx : -1;
    }
}
