package rcusim.kernel.own;

/** A {@code int} field guarded by ownership rules; see {@link Guarded}. */
public final class GuardedInt extends Guarded {
    private int value;

    public GuardedInt(Ownership own, String name, Rule readRule, Rule writeRule, int initial) {
        super(own, name, readRule, writeRule);
        this.value = initial;
    }

    public int get() {
        checkRead();
        return value;
    }

    public void set(int v) {
        checkWrite();
        value = v;
    }

    /** {@code field += delta}, a write; returns the new value. */
    public int add(int delta) {
        checkWrite();
        return value += delta;
    }

    /** {@code field |= mask}, a write; returns the new value. */
    public int orBits(int mask) {
        checkWrite();
        return value |= mask;
    }

    /** {@code field &= ~mask}, a write; returns the new value. */
    public int andNotBits(int mask) {
        checkWrite();
        return value &= ~mask;
    }

    /**
     * The value without any ownership check. Only for checkers, {@link Rules#when} conditions
     * and debug output, never for simulated kernel code.
     */
    public int peek() {
        return value;
    }

    @Override
    String peekText() {
        return String.valueOf(value);
    }
}
