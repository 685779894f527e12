package rcusim.kernel.own;

/** A {@code long} field guarded by ownership rules; see {@link Guarded}. */
public final class GuardedLong extends Guarded {
    private long value;

    public GuardedLong(Ownership own, String name, Rule readRule, Rule writeRule, long initial) {
        super(own, name, readRule, writeRule);
        this.value = initial;
    }

    public long get() {
        checkRead();
        return value;
    }

    public void set(long v) {
        checkWrite();
        value = v;
    }

    /** {@code field += delta}, a write; returns the new value. */
    public long add(long delta) {
        checkWrite();
        return value += delta;
    }

    /** {@code field |= mask}, a write; returns the new value. */
    public long orBits(long mask) {
        checkWrite();
        return value |= mask;
    }

    /** {@code field &= ~mask}, a write; returns the new value. */
    public long andNotBits(long mask) {
        checkWrite();
        return value &= ~mask;
    }

    /**
     * The value without any ownership check. Only for checkers, {@link Rules#when} conditions
     * and debug output, never for simulated kernel code.
     */
    public long peek() {
        return value;
    }

    @Override
    String peekText() {
        return String.valueOf(value);
    }
}
