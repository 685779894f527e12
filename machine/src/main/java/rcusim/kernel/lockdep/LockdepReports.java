package rcusim.kernel.lockdep;

import java.util.List;

/**
 * The text of lockdep's reports, laid out as kernel/locking/lockdep.c prints them: the fixed
 * headers verbatim (engineers grep for them), the same sections in the same order, and in
 * place of stack traces the sites and contexts the simulator recorded. Lock instances are not
 * printed (the kernel prints their addresses, which a simulator cannot make stable).
 */
final class LockdepReports {
    /** Where the kernel prints a stack trace under a chain entry. */
    private static final String TRACE_INDENT = "       ";
    private static final String CPU1_COLUMN = "                               ";

    private LockdepReports() {
    }

    static String header(String title) {
        return title + "\n" + "-".repeat(title.length()) + "\n";
    }

    /** lockdep_print_held_locks(). */
    static String heldLocks(HeldLocks held) {
        int depth = held.depth();
        if (depth == 0) {
            return "no locks held by " + held.owner() + ".\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(depth).append(depth > 1 ? " locks" : " lock").append(" held by ").append(held.owner()).append(":\n");
        for (int i = 0; i < depth; i++) {
            sb.append(" #").append(i).append(": ").append(held.lockAt(i).describe()).append('\n');
        }
        return sb.toString();
    }

    private static String lock(boolean read, LockClass c) {
        return (read ? "rlock(" : "lock(") + c + ");\n";
    }

    // ---------------------------------------------------------------- recursive locking

    /** print_deadlock_bug(): next is of a class the context already holds (prev). */
    static String deadlockBug(HeldLocks held, HeldLock prev, HeldLock next) {
        StringBuilder sb = new StringBuilder(header("WARNING: possible recursive locking detected"));
        sb.append(held.owner()).append(" is trying to acquire lock:\n").append(next.describe()).append("\n\n");
        sb.append("but task is already holding lock:\n").append(prev.describe()).append("\n\n");
        sb.append("other info that might help us debug this:\n");
        sb.append(" Possible unsafe locking scenario:\n\n");
        sb.append("       CPU0\n");
        sb.append("       ----\n");
        sb.append("  ").append(lock(prev.read(), prev.cls()));
        sb.append("  ").append(lock(next.read(), next.cls()));
        sb.append("\n *** DEADLOCK ***\n\n");
        if (prev.instance() == next.instance()) {
            sb.append(" The same lock instance is taken again by the context that holds it.\n\n");
        } else {
            sb.append(" May be due to missing lock nesting notation\n\n");
        }
        sb.append(heldLocks(held));
        return sb.toString();
    }

    // ---------------------------------------------------------------- circular dependency

    /**
     * print_circular_bug(): adding prev -> next closes a cycle; target is where the search from
     * next reached prev's class, and its parents lead back to next.
     */
    static String circularBug(HeldLocks held, HeldLock prev, HeldLock next, BfsEntry target) {
        StringBuilder sb = new StringBuilder(header("WARNING: possible circular locking dependency detected"));
        sb.append(held.owner()).append(" is trying to acquire lock:\n").append(next.describe()).append("\n\n");
        sb.append("but task is already holding lock:\n").append(prev.describe()).append("\n\n");
        sb.append("which lock already depends on the new lock.\n\n\n");
        sb.append("the existing dependency chain (in reverse order) is:\n");
        for (BfsEntry e = target; e != null; e = e.parent()) {
            sb.append("\n-> #").append(e.depth()).append(' ').append(e.cls().printName()).append(":\n");
            if (e.dep() != null) {
                sb.append(e.dep().trace(TRACE_INDENT));
            } else {
                // The root: the acquisition being validated now is the last link.
                sb.append(TRACE_INDENT).append(next.read() ? "rlock(" : "lock(").append(next.cls()).append(") at ")
                        .append(next.site()).append('\n');
                sb.append(TRACE_INDENT).append("with (").append(prev.cls()).append(") held")
                        .append(prev.read() ? " for read" : "").append(", taken at ").append(prev.site()).append('\n');
                sb.append(TRACE_INDENT).append("by ").append(held.owner()).append('\n');
            }
        }
        sb.append("\nother info that might help us debug this:\n\n");
        LockClass source = next.cls();
        LockClass parent = target.parent().cls();
        LockClass tgt = prev.cls();
        if (parent != source) {
            sb.append("Chain exists of:\n  ").append(source).append(" --> ").append(parent).append(" --> ")
                    .append(tgt).append("\n\n");
        }
        sb.append(" Possible unsafe locking scenario:\n\n");
        sb.append("       CPU0                    CPU1\n");
        sb.append("       ----                    ----\n");
        sb.append("  ").append(lock(prev.read(), tgt));
        sb.append(CPU1_COLUMN).append(lock(false, parent));
        sb.append(CPU1_COLUMN).append(lock(false, tgt));
        sb.append("  ").append(lock(next.read(), source));
        sb.append("\n *** DEADLOCK ***\n\n");
        sb.append(heldLocks(held));
        return sb.toString();
    }

    // ---------------------------------------------------------------- irq usage

    /** print_usage_bug(): the class of lock gains newBit while it already has the conflicting prevBit. */
    static String usageBug(HeldLocks held, HeldLock lock, LockUsageBit prevBit, LockUsageBit newBit, IrqState irq) {
        StringBuilder sb = new StringBuilder(header("WARNING: inconsistent lock state"));
        sb.append("inconsistent {").append(prevBit.usageStr()).append("} -> {").append(newBit.usageStr())
                .append("} usage.\n");
        sb.append(held.owner()).append(' ').append(irq.bracket()).append(" takes:\n").append(lock.describe()).append('\n');
        sb.append('{').append(prevBit.usageStr()).append("} state was registered at:\n");
        sb.append(lock.cls().usageTrace(prevBit).line("  "));
        sb.append("{").append(newBit.usageStr()).append("} state is being registered now at:\n");
        sb.append(lock.cls().usageTrace(newBit).line("  "));
        sb.append("\nother info that might help us debug this:\n");
        sb.append(" Possible unsafe locking scenario:\n\n");
        sb.append("       CPU0\n");
        sb.append("       ----\n");
        sb.append("  ").append(lock(lock.read(), lock.cls()));
        sb.append("  <Interrupt>\n");
        sb.append("    ").append(lock(false, lock.cls()));
        sb.append("\n *** DEADLOCK ***\n\n");
        sb.append(heldLocks(held));
        return sb.toString();
    }

    /**
     * print_bad_irq_dependency(): the new edge prev -> next connects safe (reached backwards
     * from prev) to unsafe (reached forwards from next).
     */
    static String badIrqDependency(HeldLocks held, HeldLock prev, HeldLock next, BfsEntry safe, BfsEntry unsafe,
            LockUsageBit safeBit, LockUsageBit unsafeBit, IrqState irq) {
        String irqclass = safeBit.stateName();
        StringBuilder sb = new StringBuilder(header(
                "WARNING: " + irqclass + "-safe -> " + irqclass + "-unsafe lock order detected"));
        sb.append(held.owner()).append(' ').append(irq.bracket()).append(" is trying to acquire:\n")
                .append(next.describe()).append("\n\n");
        sb.append("and this task is already holding:\n").append(prev.describe()).append('\n');
        sb.append("which would create a new lock dependency:\n ").append(prev.cls().printName()).append(" -> ")
                .append(next.cls().printName()).append("\n\n");
        sb.append("but this new dependency connects a ").append(irqclass).append("-irq-safe lock:\n ")
                .append(safe.cls().printName()).append("\n\n");
        sb.append("... which became ").append(irqclass).append("-irq-safe at:\n")
                .append(safe.cls().usageTrace(safeBit).line("  "));
        sb.append("\nto a ").append(irqclass).append("-irq-unsafe lock:\n ").append(unsafe.cls().printName())
                .append("\n\n");
        sb.append("... which became ").append(irqclass).append("-irq-unsafe at:\n...\n")
                .append(unsafe.cls().usageTrace(unsafeBit).line("  "));
        sb.append("\nother info that might help us debug this:\n\n");
        sb.append(irqLockScenario(safe.cls(), unsafe.cls(), prev.cls(), next.cls(), safeBit));
        sb.append(heldLocks(held));
        sb.append("\nthe dependencies between ").append(irqclass).append("-irq-safe lock and the holding lock:\n");
        // A backward search: walking from the found entry to the root gives the edges in lock order.
        sb.append(path(safe.cls(), edgesToRoot(safe)));
        sb.append("\nthe dependencies between the lock to be acquired and ").append(irqclass)
                .append("-irq-unsafe lock:\n");
        sb.append(path(next.cls(), unsafe.edgesFromRoot()));
        return sb.toString();
    }

    /**
     * print_irq_inversion_bug(): lock just gained a usage bit, and the graph already links it
     * to other, whose usage conflicts. forwards: lock became irq-safe and reaches other, which
     * is irq-unsafe; otherwise lock became irq-unsafe and other, irq-safe, reaches it.
     */
    static String irqInversionBug(HeldLocks held, HeldLock lock, BfsEntry other, boolean forwards,
            LockUsageBit otherBit, IrqState irq) {
        String irqclass = otherBit.stateName();
        StringBuilder sb = new StringBuilder(header("WARNING: possible irq lock inversion dependency detected"));
        sb.append(held.owner()).append(' ').append(irq.bracket()).append(" just changed the state of lock:\n")
                .append(lock.describe()).append('\n');
        if (forwards) {
            sb.append("but this lock took another, ").append(irqclass).append("-unsafe lock in the past:\n");
        } else {
            sb.append("but this lock was taken by another, ").append(irqclass).append("-safe lock in the past:\n");
        }
        sb.append(' ').append(other.cls().printName()).append("\n\n");
        sb.append("and interrupts could create inverse lock ordering between them.\n\n");
        sb.append("\nother info that might help us debug this:\n");
        // The class next to the root on the path is the "middle" lock of the scenario.
        BfsEntry middle = other;
        while (middle.parent() != null && middle.parent().parent() != null) {
            middle = middle.parent();
        }
        LockClass root = lock.cls();
        if (forwards) {
            sb.append(irqLockScenario(root, other.cls(), middle.cls(), other.cls(), otherBit));
        } else {
            sb.append(irqLockScenario(other.cls(), root, middle.cls(), root, otherBit));
        }
        sb.append(heldLocks(held));
        sb.append("\nthe shortest dependencies between 2nd lock and 1st lock:\n");
        if (forwards) {
            sb.append(path(root, other.edgesFromRoot()));
        } else {
            sb.append(path(other.cls(), edgesToRoot(other)));
        }
        return sb.toString();
    }

    /** print_irq_lock_scenario(). */
    private static String irqLockScenario(LockClass safe, LockClass unsafe, LockClass prevClass, LockClass nextClass,
            LockUsageBit bit) {
        LockClass middle = prevClass == safe ? nextClass : prevClass;
        StringBuilder sb = new StringBuilder();
        if (middle != unsafe) {
            sb.append("Chain exists of:\n  ").append(safe).append(" --> ").append(middle).append(" --> ")
                    .append(unsafe).append("\n\n");
        }
        String disable = bit.irqClass().equals("HARDIRQ") ? "local_irq_disable();" : "local_bh_disable();";
        sb.append(" Possible interrupt unsafe locking scenario:\n\n");
        sb.append("       CPU0                    CPU1\n");
        sb.append("       ----                    ----\n");
        sb.append("  ").append(lock(false, unsafe));
        sb.append(CPU1_COLUMN).append(disable).append('\n');
        sb.append(CPU1_COLUMN).append(lock(false, safe));
        sb.append(CPU1_COLUMN).append(lock(false, middle));
        sb.append("  <Interrupt>\n");
        sb.append("    ").append(lock(false, safe));
        sb.append("\n *** DEADLOCK ***\n\n");
        return sb.toString();
    }

    private static List<LockDependency> edgesToRoot(BfsEntry leaf) {
        List<LockDependency> r = new java.util.ArrayList<>(leaf.depth());
        for (BfsEntry e = leaf; e.parent() != null; e = e.parent()) {
            r.add(e.dep());
        }
        return r;
    }

    /**
     * A dependency path in lock order, each class with its irq usage and where it was learned
     * (our form of print_shortest_lock_dependencies()).
     */
    private static String path(LockClass first, List<LockDependency> edges) {
        StringBuilder sb = new StringBuilder();
        sb.append(" -> ").append(first.printName()).append(" {\n").append(usageLines(first)).append(" }\n");
        for (LockDependency d : edges) {
            sb.append(" -> ").append(d.to.printName()).append(" {\n").append(usageLines(d.to)).append(" }\n");
            sb.append(" ... acquired at:\n").append(d.trace("   "));
        }
        return sb.toString();
    }

    private static String usageLines(LockClass c) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < LockUsageBit.IRQ_STATES; bit++) {
            LockUsageBit b = LockUsageBit.of(bit);
            if (c.hasUsage(b)) {
                sb.append("    ").append(b.usageStr()).append(" at:\n").append(c.usageTrace(b).line("      "));
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- release, exit, depth

    /** print_unlock_imbalance_bug(). */
    static String unlockImbalance(HeldLocks held, String lockName, String site) {
        return header("WARNING: bad unlock balance detected!")
                + held.owner() + " is trying to release lock (" + lockName + ") at:\n"
                + site + "\n"
                + "but there are no more locks to release!\n"
                + "\nother info that might help us debug this:\n"
                + heldLocks(held);
    }

    /** print_held_locks_bug(): a context ends (a task exits, a handler returns) holding locks. */
    static String heldLocksAtExit(HeldLocks held, String site) {
        return header("WARNING: " + held.owner() + " still has locks held!")
                + (site == null ? "" : "at: " + site + "\n")
                + heldLocks(held);
    }

    static String maxLockDepth(HeldLocks held, int max) {
        return "BUG: MAX_LOCK_DEPTH too low!\n"
                + "turning off the locking correctness validator.\n"
                + "depth: " + held.depth() + "  max: " + max + "!\n"
                + heldLocks(held);
    }

    // ---------------------------------------------------------------- assertions

    static String assertionFailed(String assertion, HeldLocks held, String what, String site) {
        return "WARNING: " + assertion + " failed\n"
                + held.owner() + " " + what + (site == null ? "" : ", at: " + site) + "\n"
                + heldLocks(held);
    }
}
