package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.kernel.own.Ownership;
import rcusim.kernel.own.Rule;

/**
 * A long field of an RCU structure that lives in simulated memory and carries ownership rules,
 * for the rcu_node and rcu_data fields other CPUs may read: {@link #get()} is the plain load (the
 * read rule is checked), {@link #readOnce()} the kernel's lockless READ_ONCE() (no rule: the
 * memory model decides what it sees), {@link #set} a WRITE_ONCE() under the write rule, as the
 * kernel writes these fields. The cell is placed after construction, so that it can be
 * allocated after every older cell and the other addresses stay as they were.
 */
final class RcuCell {
    private final Kernel k;
    private final Ownership own;
    private final String name;
    private final Rule readRule;
    private final Rule writeRule;
    private final long initial;
    private long addr = -1;

    RcuCell(Kernel k, String name, Rule readRule, Rule writeRule, long initial) {
        this.k = k;
        this.own = k.ownership();
        this.name = name;
        this.readRule = readRule;
        this.writeRule = writeRule;
        this.initial = initial;
    }

    /** Allocates the cell, with its initial value, at the next free address. */
    void place() {
        addr = k.alloc(1, initial);
    }

    long get() {
        own.checkRead(readRule, name);
        return k.plainRead(addr);
    }

    long readOnce() {
        return k.readOnce(addr);
    }

    void set(long v) {
        own.checkWrite(writeRule, name);
        k.writeOnce(addr, v);
    }

    /** The value in memory now, for checkers and reports: not an access of simulated code. */
    long peek() {
        return addr < 0 ? initial : k.machineMemoryPeek(addr);
    }

    @Override
    public String toString() {
        return name + "=" + peek();
    }
}
