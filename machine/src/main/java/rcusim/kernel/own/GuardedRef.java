package rcusim.kernel.own;

/**
 * A reference field guarded by ownership rules; see {@link Guarded}. The rule covers the
 * reference itself, not the object it points to: that object's fields carry their own rules.
 */
public final class GuardedRef<T> extends Guarded {
    private T value;

    public GuardedRef(Ownership own, String name, Rule readRule, Rule writeRule, T initial) {
        super(own, name, readRule, writeRule);
        this.value = initial;
    }

    public T get() {
        checkRead();
        return value;
    }

    public void set(T v) {
        checkWrite();
        value = v;
    }

    /**
     * The value without any ownership check. Only for checkers, {@link Rules#when} conditions
     * and debug output, never for simulated kernel code.
     */
    public T peek() {
        return value;
    }

    @Override
    String peekText() {
        return String.valueOf(value);
    }
}
