package rcusim.kernel.own;

import java.util.Objects;

/**
 * A field of a simulated structure that carries its ownership rules: one for reads (often
 * looser, e.g. a lockless READ_ONCE by anyone) and one for writes. Read-modify-write helpers
 * check the write rule only, so a write rule should imply the read rule.
 */
public abstract sealed class Guarded permits GuardedLong, GuardedInt, GuardedBoolean, GuardedRef {
    final Ownership own;
    final String name;
    final Rule readRule;
    final Rule writeRule;

    Guarded(Ownership own, String name, Rule readRule, Rule writeRule) {
        this.own = Objects.requireNonNull(own, "own");
        this.name = Objects.requireNonNull(name, "name");
        this.readRule = Objects.requireNonNull(readRule, "readRule");
        this.writeRule = Objects.requireNonNull(writeRule, "writeRule");
    }

    /** The field's name in reports, e.g. "rcu_node[0].qsmask". */
    public final String name() {
        return name;
    }

    public final Rule readRule() {
        return readRule;
    }

    public final Rule writeRule() {
        return writeRule;
    }

    final void checkRead() {
        own.checkRead(readRule, name);
    }

    final void checkWrite() {
        own.checkWrite(writeRule, name);
    }

    /** The current value for debug output, read without a check. */
    abstract String peekText();

    @Override
    public final String toString() {
        return name + "=" + peekText();
    }
}
