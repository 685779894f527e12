package rcusim.kernel.lockdep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A lock class: every lock initialised at the same place shares one, the way the kernel keys
 * classes by the static lock_class_key of the init site. Lockdep proves rules about classes,
 * not instances, so one run that takes A then B and another that takes B then A are enough to
 * report a deadlock, whatever instances they used.
 *
 * <p>A class carries its usage bits (where it was taken with respect to irqs) and its edges in
 * the dependency graph. Created only by {@link Lockdep#lockClass(String)}.
 */
public final class LockClass {
    private final Lockdep lockdep;
    private final String name;
    private final int id;

    int usageMask;
    private UsageTrace[] usageTraces;

    /** Edges to the classes taken while holding this one, in the order they were learned. */
    final List<LockDependency> locksAfter = new ArrayList<>();
    /** Edges from the classes held while this one was taken. */
    final List<LockDependency> locksBefore = new ArrayList<>();
    /** locksAfter indexed by the target's id, for the O(1) "edge already known?" test. */
    private LockDependency[] afterById = new LockDependency[0];

    /** Breadth-first search marks: the search generation that reached this class, per state. */
    int bfsSeenAny;
    int bfsSeenReadOnly;

    LockClass(Lockdep lockdep, String name, int id) {
        this.lockdep = lockdep;
        this.name = name;
        this.id = id;
    }

    public String name() {
        return name;
    }

    /** Registration order within its {@link Lockdep}, from 0. */
    public int id() {
        return id;
    }

    public boolean hasUsage(LockUsageBit bit) {
        return (usageMask & bit.mask()) != 0;
    }

    /** The usage bits as a mask of {@link LockUsageBit#mask()} values. */
    public int usageMask() {
        return usageMask;
    }

    /**
     * The four usage characters lockdep prints in braces, e.g. {@code +.+.}: HARDIRQ write,
     * HARDIRQ read, SOFTIRQ write, SOFTIRQ read. Each is '.' (never taken in that irq context
     * nor with that irq enabled), '-' (taken in the irq context), '+' (taken with the irq
     * enabled) or '?' (both, which is the inconsistent state lockdep reports).
     */
    public String usageChars() {
        char[] c = new char[4];
        for (int state = 0; state < 2; state++) {
            for (int read = 0; read < 2; read++) {
                int usedIn = 1 << (state * 4 + read);
                int enabled = 1 << (state * 4 + 2 + read);
                char ch = '.';
                if ((usageMask & enabled) != 0) {
                    ch = (usageMask & usedIn) != 0 ? '?' : '+';
                } else if ((usageMask & usedIn) != 0) {
                    ch = '-';
                }
                c[state * 2 + read] = ch;
            }
        }
        return new String(c);
    }

    /** {@code (name){+.+.}}: the name and usage as lockdep prints a class. */
    String printName() {
        return "(" + name + "){" + usageChars() + "}";
    }

    /** The classes this one was seen to be held over, in the order learned. */
    public List<LockClass> locksAfter() {
        List<LockClass> r = new ArrayList<>(locksAfter.size());
        for (LockDependency d : locksAfter) {
            r.add(d.to);
        }
        return List.copyOf(r);
    }

    Lockdep lockdep() {
        return lockdep;
    }

    UsageTrace usageTrace(LockUsageBit bit) {
        return usageTraces == null ? null : usageTraces[bit.ordinal()];
    }

    /** Sets a usage bit; returns false if it was already set. */
    boolean markUsage(LockUsageBit bit, UsageTrace trace) {
        int m = bit.mask();
        if ((usageMask & m) != 0) {
            return false;
        }
        usageMask |= m;
        if (bit.ordinal() < LockUsageBit.IRQ_STATES) {
            if (usageTraces == null) {
                usageTraces = new UsageTrace[LockUsageBit.IRQ_STATES];
            }
            usageTraces[bit.ordinal()] = trace;
        }
        return true;
    }

    LockDependency dependencyTo(LockClass to) {
        int i = to.id;
        return i < afterById.length ? afterById[i] : null;
    }

    void addAfter(LockDependency d) {
        int i = d.to.id;
        if (i >= afterById.length) {
            afterById = Arrays.copyOf(afterById, Math.max(i + 1, afterById.length * 2));
        }
        afterById[i] = d;
        locksAfter.add(d);
    }

    @Override
    public String toString() {
        return name;
    }
}
