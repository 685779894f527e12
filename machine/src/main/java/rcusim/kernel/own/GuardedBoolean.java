package rcusim.kernel.own;

/** A {@code boolean} field guarded by ownership rules; see {@link Guarded}. */
public final class GuardedBoolean extends Guarded {
    private boolean value;

    public GuardedBoolean(Ownership own, String name, Rule readRule, Rule writeRule, boolean initial) {
        super(own, name, readRule, writeRule);
        this.value = initial;
    }

    public boolean get() {
        checkRead();
        return value;
    }

    public void set(boolean v) {
        checkWrite();
        value = v;
    }

    /**
     * The value without any ownership check. Only for checkers, {@link Rules#when} conditions
     * and debug output, never for simulated kernel code.
     */
    public boolean peek() {
        return value;
    }

    @Override
    String peekText() {
        return String.valueOf(value);
    }
}
