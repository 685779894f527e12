package rcusim.kernel.lockdep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rcusim.machine.SimFailure;

/**
 * The lock validator of one simulated machine (kernel/locking/lockdep.c). Callers report every
 * lock acquisition and release with the context's {@link HeldLocks}; lockdep keeps the stacks,
 * learns the class dependency graph and the irq usage of each class, and fails the run with a
 * {@link SimFailure.Kind#LOCKDEP} report the first time a deadlock becomes possible, whether or
 * not this schedule deadlocked:
 *
 * <ul>
 *   <li>a class taken again by a context that holds it ("possible recursive locking");
 *   <li>a class taken both in an irq context and with that irq enabled ("inconsistent lock state");
 *   <li>a new edge closing a cycle ("possible circular locking dependency");
 *   <li>a new edge, or a new usage bit, linking an irq-safe class to an irq-unsafe one
 *       ("HARDIRQ-safe -> HARDIRQ-unsafe lock order", "possible irq lock inversion dependency");
 *   <li>releasing a lock that is not held ("bad unlock balance").
 * </ul>
 *
 * <p>Call {@link #acquire} before waiting for a lock (as lock_acquire() runs before the arch
 * lock spins), so that a real deadlock in this schedule is still reported; call it for a trylock
 * only once the trylock succeeded. After the first report the validator turns itself off, as
 * debug_locks_off() does: the stacks are still kept, and the lockdep_assert_*() checks pass
 * from then on, as the kernel's do once debug_locks is clear. A failed assertion is a WARN, not
 * a report, and leaves lockdep on.
 *
 * <p>Hot path: an acquisition whose usage bits and edges are all known scans the held stack
 * and pushes, without allocating. Graph searches run only for a new edge or a new usage bit.
 */
public final class Lockdep {
    /** The kernel's MAX_LOCK_DEPTH: a deeper stack is a leak. */
    public static final int MAX_LOCK_DEPTH = 48;

    /** The order in which mark_usage() sets bits: irq contexts first, then irqs enabled. */
    private static final LockUsageBit[] MARK_ORDER = {
        LockUsageBit.USED_IN_HARDIRQ, LockUsageBit.USED_IN_HARDIRQ_READ,
        LockUsageBit.USED_IN_SOFTIRQ, LockUsageBit.USED_IN_SOFTIRQ_READ,
        LockUsageBit.ENABLED_HARDIRQ, LockUsageBit.ENABLED_HARDIRQ_READ,
        LockUsageBit.ENABLED_SOFTIRQ, LockUsageBit.ENABLED_SOFTIRQ_READ,
        LockUsageBit.USED, LockUsageBit.USED_READ,
    };

    private final boolean enabled;
    /** Cleared by the first report (debug_locks_off()). */
    private boolean debugLocks = true;
    private final Map<String, LockClass> classes = new LinkedHashMap<>();
    private final List<LockClass> classList = new ArrayList<>();
    private final DependencyGraph graph = new DependencyGraph();

    /** A validating lockdep. */
    public Lockdep() {
        this(true);
    }

    /** @param enabled false: acquire and release only keep the stacks, nothing is validated */
    public Lockdep(boolean enabled) {
        this.enabled = enabled;
    }

    /** A lockdep that only keeps the held-lock stacks (assertions still check them). */
    public static Lockdep disabled() {
        return new Lockdep(false);
    }

    public boolean enabled() {
        return enabled;
    }

    /** False once a report has been made (the kernel's debug_locks). */
    public boolean debugLocks() {
        return debugLocks;
    }

    private boolean validating() {
        return enabled && debugLocks;
    }

    // ---------------------------------------------------------------- classes

    /** The class with this name, registered on first use; ids follow registration order. */
    public LockClass lockClass(String name) {
        LockClass c = classes.get(name);
        if (c == null) {
            c = new LockClass(this, name, classList.size());
            classes.put(name, c);
            classList.add(c);
        }
        return c;
    }

    /**
     * A subclass for a lock taken nested inside another of the same class, as spin_lock_nested()
     * does: a class of its own, printed {@code name/subclass}. Subclass 0 is the class itself.
     */
    public LockClass lockClass(String name, int subclass) {
        if (subclass < 0 || subclass >= 8) {
            throw new IllegalArgumentException("subclass " + subclass + " not in 0..7 (MAX_LOCKDEP_SUBCLASSES)");
        }
        return lockClass(subclass == 0 ? name : name + "/" + subclass);
    }

    /** Every class, in registration order. */
    public List<LockClass> lockClasses() {
        return List.copyOf(classList);
    }

    /** Whether the graph has the edge from -> to (from was held when to was taken). */
    public boolean hasDependency(LockClass from, LockClass to) {
        return from.dependencyTo(to) != null;
    }

    /** The number of edges in the dependency graph. */
    public int dependencyCount() {
        return graph.size();
    }

    // ---------------------------------------------------------------- acquire and release

    /**
     * lock_acquire(): validates taking instance (of class cls) in the context whose stack is
     * held, then pushes it.
     *
     * @param read a recursive read (read_lock() of an rwlock_t): may nest in readers of the same class
     * @param trylock a successful trylock: marks usage but adds no dependency and cannot deadlock
     * @param irq the context's irq state at the acquisition
     * @param site the caller, e.g. "rcu_gp_init" or a stack frame; printed in reports
     */
    public void acquire(HeldLocks held, LockClass cls, Object instance, boolean read, boolean trylock, IrqState irq,
            String site) {
        if (validating()) {
            validate(held, cls, instance, read, trylock, irq, site);
        }
        held.push(cls, instance, read, trylock, site);
    }

    private void validate(HeldLocks held, LockClass cls, Object instance, boolean read, boolean trylock, IrqState irq,
            String site) {
        if (cls.lockdep() != this) {
            throw new IllegalArgumentException("lock class " + cls + " belongs to another Lockdep");
        }
        int depth = held.depth();
        if (depth >= MAX_LOCK_DEPTH) {
            throw report(LockdepReports.maxLockDepth(held, MAX_LOCK_DEPTH));
        }
        // (1) check_deadlock(): the same class again. A trylock of a held lock just fails.
        boolean rereadHeldInstance = false;
        if (!trylock) {
            for (int i = 0; i < depth; i++) {
                if (held.classAt(i) != cls) {
                    continue;
                }
                if (read && held.isRead(i)) {
                    rereadHeldInstance |= held.instanceAt(i) == instance;
                    continue;
                }
                throw report(LockdepReports.deadlockBug(held, held.lockAt(i),
                        new HeldLock(cls, instance, read, trylock, site)));
            }
        }
        // (2) mark_usage().
        int want = usageWanted(read, trylock, irq);
        if ((cls.usageMask & want) != want) {
            HeldLock next = new HeldLock(cls, instance, read, trylock, site);
            for (LockUsageBit bit : MARK_ORDER) {
                if ((want & bit.mask()) != 0) {
                    markLock(held, next, bit, irq, site);
                }
            }
        }
        // (3, 4) check_prevs_add(). Re-reading a lock this context already reads never waits,
        // so it adds no dependency.
        if (!trylock && !rereadHeldInstance) {
            checkPrevsAdd(held, cls, instance, read, irq, site);
        }
    }

    private static int usageWanted(boolean read, boolean trylock, IrqState irq) {
        int r = read ? LockUsageBit.READ_MASK : 0;
        int want = 1 << (LockUsageBit.USED.ordinal() + r);
        // A trylock in an irq handler cannot deadlock against the code it interrupted.
        if (!trylock) {
            if (irq.inHardirq()) {
                want |= 1 << (LockUsageBit.USED_IN_HARDIRQ.ordinal() + r);
            }
            if (irq.inSoftirq()) {
                want |= 1 << (LockUsageBit.USED_IN_SOFTIRQ.ordinal() + r);
            }
        }
        // With hardirqs off nothing can interrupt the critical section, softirqs included.
        if (irq.hardirqsEnabled()) {
            want |= 1 << (LockUsageBit.ENABLED_HARDIRQ.ordinal() + r);
            if (irq.softirqsEnabled() && !irq.inSoftirq()) {
                want |= 1 << (LockUsageBit.ENABLED_SOFTIRQ.ordinal() + r);
            }
        }
        return want;
    }

    /**
     * check_prevs_add(): the edge from the topmost held lock, and from every trylock above the
     * first non-trylock entry; the locks below are already linked to it by earlier edges.
     */
    private void checkPrevsAdd(HeldLocks held, LockClass cls, Object instance, boolean read, IrqState irq,
            String site) {
        for (int i = held.depth() - 1; i >= 0; i--) {
            if (held.classAt(i) != cls) {
                checkPrevAdd(held, i, cls, instance, read, irq, site);
            }
            if (!held.isTrylock(i)) {
                break;
            }
        }
    }

    private void checkPrevAdd(HeldLocks held, int prevIndex, LockClass cls, Object instance, boolean read,
            IrqState irq, String site) {
        LockClass prevClass = held.classAt(prevIndex);
        boolean prevRead = held.isRead(prevIndex);
        int kind = LockDependency.kind(prevRead, read);
        LockDependency known = prevClass.dependencyTo(cls);
        if (known != null && (known.kinds & kind) != 0) {
            return;
        }
        HeldLock prev = held.lockAt(prevIndex);
        HeldLock next = new HeldLock(cls, instance, read, false, site);
        checkNoncircular(held, prev, next);
        checkIrqUsage(held, prev, next, irq);
        if (known == null) {
            graph.add(prevClass, cls, kind, held.owner(), prev.site(), site);
        } else {
            known.kinds |= kind;
        }
    }

    /** check_noncircular(): can next already reach prev? Then prev -> next closes a cycle. */
    private void checkNoncircular(HeldLocks held, HeldLock prev, HeldLock next) {
        LockClass target = prev.cls();
        boolean prevRead = prev.read();
        // A path that reaches prev only as a read, joined to an edge that holds prev for read,
        // is no deadlock: readers do not wait for readers.
        BfsEntry found = graph.searchForwards(next.cls(), next.read(),
                e -> e.cls() == target && (!prevRead || !e.onlyRead()));
        if (found != null) {
            throw report(LockdepReports.circularBug(held, prev, next, found));
        }
    }

    /**
     * check_irq_usage(): does prev -> next connect a class used in an irq (reached backwards
     * from prev) to one taken with that irq enabled (reached forwards from next)?
     */
    private void checkIrqUsage(HeldLocks held, HeldLock prev, HeldLock next, IrqState irq) {
        int[] usedIn = new int[1];
        graph.searchBackwards(prev.cls(), prev.read(), e -> {
            usedIn[0] |= e.usage();
            return false;
        });
        int safeMask = usedIn[0] & LockUsageBit.USED_IN_ALL;
        if (safeMask == 0) {
            return;
        }
        int unsafeMask = LockUsageBit.exclusiveMask(safeMask);
        BfsEntry unsafe = graph.searchForwards(next.cls(), next.read(), e -> (e.usage() & unsafeMask) != 0);
        if (unsafe == null) {
            return;
        }
        int unsafeBits = unsafe.usage() & unsafeMask;
        int backMask = LockUsageBit.exclusiveMask(unsafeBits);
        BfsEntry safe = graph.searchBackwards(prev.cls(), prev.read(), e -> (e.usage() & backMask) != 0);
        if (safe == null) {
            return; // cannot happen: the first backward search saw such a class
        }
        int safeBits = safe.usage() & backMask;
        for (int bit = 0; bit < LockUsageBit.IRQ_STATES; bit++) {
            if ((safeBits & (1 << bit)) == 0) {
                continue;
            }
            LockUsageBit safeBit = LockUsageBit.of(bit);
            LockUsageBit excl = safeBit.exclusive();
            LockUsageBit unsafeBit = (unsafeBits & excl.mask()) != 0 ? excl
                    : (unsafeBits & excl.withRead().mask()) != 0 ? excl.withRead() : null;
            if (unsafeBit != null) {
                throw report(LockdepReports.badIrqDependency(held, prev, next, safe, unsafe, safeBit, unsafeBit, irq));
            }
        }
    }

    /**
     * lock_release(): drops the topmost entry for instance; it need not be the top of the
     * stack. The name of a lock that is not held is taken from the instance's own toString
     * (use {@link #release(HeldLocks, LockClass, Object, String)} to name its class instead).
     */
    public void release(HeldLocks held, Object instance, String site) {
        release(held, null, instance, site);
    }

    /** As {@link #release(HeldLocks, Object, String)}, naming the lock by cls if it is not held. */
    public void release(HeldLocks held, LockClass cls, Object instance, String site) {
        int i = held.lastIndexOf(instance);
        if (i >= 0) {
            held.remove(i);
            return;
        }
        if (validating()) {
            throw report(LockdepReports.unlockImbalance(held, cls != null ? cls.name() : describe(instance), site));
        }
    }

    private static String describe(Object instance) {
        try {
            boolean own = instance.getClass().getMethod("toString").getDeclaringClass() != Object.class;
            return own ? instance.toString() : instance.getClass().getSimpleName();
        } catch (NoSuchMethodException e) {
            return instance.getClass().getSimpleName();
        }
    }

    // ---------------------------------------------------------------- irq state changes

    /**
     * The context enables hardirqs while holding locks (lockdep_hardirqs_on(), mark_held_locks()):
     * every held class becomes HARDIRQ-unsafe, and SOFTIRQ-unsafe too if irq says softirqs are
     * enabled (that marking was held back while hardirqs were off).
     *
     * @param irq the context's irq state after the change
     */
    public void hardirqsOn(HeldLocks held, IrqState irq, String site) {
        if (!validating()) {
            return;
        }
        markHeldLocks(held, LockUsageBit.ENABLED_HARDIRQ, irq, site);
        if (irq.softirqsEnabled() && !irq.inSoftirq()) {
            markHeldLocks(held, LockUsageBit.ENABLED_SOFTIRQ, irq, site);
        }
    }

    /**
     * As {@link #hardirqsOn(HeldLocks, IrqState, String)} for process context; marks only
     * HARDIRQ-unsafe. Reports print the irq state as hardirqs on, softirqs off.
     */
    public void hardirqsOn(HeldLocks held, String site) {
        if (!validating()) {
            return;
        }
        markHeldLocks(held, LockUsageBit.ENABLED_HARDIRQ, IrqState.PROCESS_BH_OFF, site);
    }

    /**
     * The context enables softirqs while holding locks (lockdep_softirqs_on()): every held class
     * becomes SOFTIRQ-unsafe, if hardirqs are enabled; otherwise {@link #hardirqsOn} will do it.
     *
     * @param irq the context's irq state after the change
     */
    public void softirqsOn(HeldLocks held, IrqState irq, String site) {
        if (!validating() || !irq.hardirqsEnabled()) {
            return;
        }
        markHeldLocks(held, LockUsageBit.ENABLED_SOFTIRQ, irq, site);
    }

    /** As {@link #softirqsOn(HeldLocks, IrqState, String)} for process context with hardirqs enabled. */
    public void softirqsOn(HeldLocks held, String site) {
        softirqsOn(held, IrqState.PROCESS, site);
    }

    private void markHeldLocks(HeldLocks held, LockUsageBit base, IrqState irq, String site) {
        for (int i = 0; i < held.depth(); i++) {
            LockUsageBit bit = held.isRead(i) ? base.withRead() : base;
            if (!held.classAt(i).hasUsage(bit)) {
                markLock(held, held.lockAt(i), bit, irq, site);
            }
        }
    }

    /** mark_lock(): sets a usage bit and, for an irq bit, checks it against the class and the graph. */
    private void markLock(HeldLocks held, HeldLock lock, LockUsageBit bit, IrqState irq, String site) {
        if (!lock.cls().markUsage(bit, new UsageTrace(site, held.owner())) || bit.ordinal() >= LockUsageBit.IRQ_STATES) {
            return;
        }
        // mark_lock_irq(): a read usage conflicts only with the other direction's write usage.
        LockUsageBit excl = bit.exclusive();
        validState(held, lock, bit, excl, irq);
        if (!bit.read()) {
            validState(held, lock, bit, excl.withRead(), irq);
        }
        int mask = excl.mask() | excl.withRead().mask();
        boolean forwards = bit.usedIn();
        // Newly irq-safe: nothing it leads to may be irq-unsafe. Newly irq-unsafe: nothing
        // irq-safe may lead to it.
        BfsEntry other = forwards
                ? graph.searchForwards(lock.cls(), lock.read(), e -> (e.usage() & mask) != 0)
                : graph.searchBackwards(lock.cls(), lock.read(), e -> (e.usage() & mask) != 0);
        if (other != null) {
            LockUsageBit otherBit = (other.usage() & excl.mask()) != 0 ? excl : excl.withRead();
            throw report(LockdepReports.irqInversionBug(held, lock, other, forwards, otherBit, irq));
        }
    }

    private void validState(HeldLocks held, HeldLock lock, LockUsageBit newBit, LockUsageBit badBit, IrqState irq) {
        if (lock.cls().hasUsage(badBit)) {
            throw report(LockdepReports.usageBug(held, lock, badBit, newBit, irq));
        }
    }

    // ---------------------------------------------------------------- assertions

    /** lockdep_assert_held(): the context holds instance. lockName is printed if not. */
    public void assertHeld(HeldLocks held, Object instance, String lockName) {
        assertHeld(held, instance, lockName, null);
    }

    public void assertHeld(HeldLocks held, Object instance, String lockName, String site) {
        if (debugLocks && !held.holds(instance)) {
            throw assertion("lockdep_assert_held(" + lockName + ")", held, "does not hold " + lockName, site);
        }
    }

    /** lockdep_assert_held_write(): the context holds instance for write. */
    public void assertHeldWrite(HeldLocks held, Object instance, String lockName) {
        assertHeldWrite(held, instance, lockName, null);
    }

    public void assertHeldWrite(HeldLocks held, Object instance, String lockName, String site) {
        if (debugLocks && !held.holdsWrite(instance)) {
            String what = held.holds(instance) ? "holds " + lockName + " only for read" : "does not hold " + lockName;
            throw assertion("lockdep_assert_held_write(" + lockName + ")", held, what, site);
        }
    }

    /** lockdep_assert_held_read(): the context holds instance for read. */
    public void assertHeldRead(HeldLocks held, Object instance, String lockName) {
        assertHeldRead(held, instance, lockName, null);
    }

    public void assertHeldRead(HeldLocks held, Object instance, String lockName, String site) {
        if (debugLocks && !held.holdsRead(instance)) {
            String what = held.holds(instance) ? "holds " + lockName + " for write, not for read"
                    : "does not hold " + lockName;
            throw assertion("lockdep_assert_held_read(" + lockName + ")", held, what, site);
        }
    }

    /** lockdep_assert_not_held(): the context does not hold instance. */
    public void assertNotHeld(HeldLocks held, Object instance, String lockName) {
        assertNotHeld(held, instance, lockName, null);
    }

    public void assertNotHeld(HeldLocks held, Object instance, String lockName, String site) {
        if (debugLocks && held.holds(instance)) {
            throw assertion("lockdep_assert_not_held(" + lockName + ")", held, "holds " + lockName, site);
        }
    }

    /** lockdep_assert_none_held_once(): the context holds no lock at all. */
    public void assertNoneHeldOnce(HeldLocks held) {
        assertNoneHeldOnce(held, null);
    }

    public void assertNoneHeldOnce(HeldLocks held, String site) {
        if (debugLocks && !held.isEmpty()) {
            throw assertion("lockdep_assert_none_held_once()", held, "holds locks: held lock count is " + held.depth(),
                    site);
        }
    }

    /** lockdep_assert_irqs_disabled(): the context runs with hardirqs disabled. */
    public void assertIrqsDisabled(HeldLocks held, IrqState irq, String site) {
        if (debugLocks && irq.hardirqsEnabled()) {
            throw assertion("lockdep_assert_irqs_disabled()", held, "runs with hardirqs enabled " + irq.bracket(), site);
        }
    }

    /** lockdep_assert_irqs_enabled(): the context runs with hardirqs enabled. */
    public void assertIrqsEnabled(HeldLocks held, IrqState irq, String site) {
        if (debugLocks && !irq.hardirqsEnabled()) {
            throw assertion("lockdep_assert_irqs_enabled()", held, "runs with hardirqs disabled " + irq.bracket(), site);
        }
    }

    /**
     * debug_check_no_locks_held(): a context that ends (a task exiting, a handler returning)
     * must hold nothing.
     */
    public void debugCheckNoLocksHeld(HeldLocks held, String site) {
        if (validating() && !held.isEmpty()) {
            throw report(LockdepReports.heldLocksAtExit(held, site));
        }
    }

    // ---------------------------------------------------------------- reports

    /** lockdep_print_held_locks(): {@code N locks held by owner:} and one {@code #i:} line per lock. */
    public String heldLocksReport(HeldLocks held) {
        return LockdepReports.heldLocks(held);
    }

    private SimFailure report(String text) {
        debugLocks = false;
        return new SimFailure(SimFailure.Kind.LOCKDEP, text);
    }

    private static SimFailure assertion(String what, HeldLocks held, String detail, String site) {
        return new SimFailure(SimFailure.Kind.LOCKDEP, LockdepReports.assertionFailed(what, held, detail, site));
    }
}
