package rcusim.kernel.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rcusim.kernel.lockdep.Fixture.Lock;

/** Usage bits: inconsistent lock state, and irq-safe -> irq-unsafe dependencies. */
class IrqUsageTest {
    private final Fixture f = new Fixture();
    private final LockClass a = f.cls("A");
    private final Lock la = new Lock("a");
    private final HeldLocks task = new HeldLocks("task/4");
    private final HeldLocks hardirq = new HeldLocks("irq/9");
    private final HeldLocks softirq = new HeldLocks("ksoftirqd/0");

    @Test
    void usageCharsFollowTheKernel() {
        LockClass irqsOff = f.cls("irqs_off");
        LockClass bhOff = f.cls("bh_off");
        LockClass inIrq = f.cls("in_irq");
        LockClass reader = f.cls("reader");
        f.lock(task, a, la, IrqState.PROCESS, "plain");
        f.lock(task, irqsOff, "x", IrqState.PROCESS_IRQS_OFF, "irqsave");
        f.lock(task, bhOff, "y", IrqState.PROCESS_BH_OFF, "bh");
        f.lock(hardirq, inIrq, "z", IrqState.HARDIRQ, "handler");
        f.readLock(softirq, reader, "r", IrqState.SOFTIRQ, "softirq_reader");
        assertEquals("+.+.", a.usageChars());
        assertEquals("....", irqsOff.usageChars());
        assertEquals("+...", bhOff.usageChars());
        assertEquals("-...", inIrq.usageChars());
        assertEquals(".+.-", reader.usageChars());
        assertTrue(inIrq.hasUsage(LockUsageBit.USED_IN_HARDIRQ));
        assertTrue(reader.hasUsage(LockUsageBit.USED_READ));
        assertEquals("1 lock held by irq/9:\n #0: (in_irq){-...}, at: handler\n", f.ld.heldLocksReport(hardirq));
    }

    @Test
    void aTrylockInAnIrqHandlerIsNotIrqUsage() {
        f.trylock(hardirq, a, la, IrqState.HARDIRQ, "handler_trylock");
        assertFalse(a.hasUsage(LockUsageBit.USED_IN_HARDIRQ));
        f.unlock(hardirq, la, "");
        f.lock(task, a, la, IrqState.PROCESS, "task");
        assertTrue(f.ld.debugLocks());
    }

    @ParameterizedTest(name = "{0}: {1} first")
    @CsvSource({
        "HARDIRQ, irq, IN-HARDIRQ-W, HARDIRQ-ON-W",
        "HARDIRQ, task, HARDIRQ-ON-W, IN-HARDIRQ-W",
        "SOFTIRQ, irq, IN-SOFTIRQ-W, SOFTIRQ-ON-W",
        "SOFTIRQ, task, SOFTIRQ-ON-W, IN-SOFTIRQ-W",
    })
    void inconsistentLockStateInEitherOrder(String kind, String first, String prevUsage, String newUsage) {
        boolean hard = kind.equals("HARDIRQ");
        HeldLocks irqCtx = hard ? hardirq : softirq;
        IrqState inIrq = hard ? IrqState.HARDIRQ : IrqState.SOFTIRQ;
        // With irqs on for HARDIRQ; for SOFTIRQ, hardirqs off would hide the softirq usage, so all on.
        IrqState taskState = IrqState.PROCESS;
        Runnable irqTakes = () -> f.lock(irqCtx, a, la, inIrq, "handler_site");
        Runnable taskTakes = () -> f.lock(task, a, la, taskState, "task_site");
        String r;
        if (first.equals("irq")) {
            irqTakes.run();
            f.unlock(irqCtx, la, "handler_done");
            r = Fixture.report(taskTakes::run);
        } else {
            taskTakes.run();
            f.unlock(task, la, "task_done");
            r = Fixture.report(irqTakes::run);
        }
        HeldLocks now = first.equals("irq") ? task : irqCtx;
        String firstSite = first.equals("irq") ? "handler_site (" + irqCtx.owner() + ")" : "task_site (task/4)";
        String nowSite = first.equals("irq") ? "task_site (task/4)" : "handler_site (" + irqCtx.owner() + ")";
        IrqState nowState = first.equals("irq") ? taskState : inIrq;
        assertTrue(r.startsWith("WARNING: inconsistent lock state\n--------------------------------\n"), r);
        assertTrue(r.contains("inconsistent {" + prevUsage + "} -> {" + newUsage + "} usage.\n"), r);
        assertTrue(r.contains(now.owner() + " " + nowState.bracket() + " takes:\n(A){"), r);
        assertTrue(r.contains("{" + prevUsage + "} state was registered at:\n  " + firstSite + "\n"), r);
        assertTrue(r.contains("{" + newUsage + "} state is being registered now at:\n  " + nowSite + "\n"), r);
        assertTrue(r.contains("  lock(A);\n  <Interrupt>\n    lock(A);\n\n *** DEADLOCK ***\n"), r);
        assertTrue(r.endsWith("no locks held by " + now.owner() + ".\n"), r);
    }

    @Test
    void spinLockIrqsaveIsNotSoftirqUnsafe() {
        // Hardirqs off keep softirqs out too: no SOFTIRQ-ON-W, so a softirq may take the lock.
        f.lock(task, a, la, IrqState.of(false, false, false, true), "irqsave");
        f.unlock(task, la, "");
        f.lock(softirq, a, la, IrqState.of(false, true, false, false), "softirq_irqsave");
        assertEquals("..-.", a.usageChars());
    }

    @Test
    void hardirqsOnMarksHeldLocksUnsafe() {
        f.lock(task, a, la, IrqState.PROCESS_IRQS_OFF, "irqsave");
        assertFalse(a.hasUsage(LockUsageBit.ENABLED_HARDIRQ));
        f.ld.hardirqsOn(task, "local_irq_enable_site");
        assertTrue(a.hasUsage(LockUsageBit.ENABLED_HARDIRQ));
        f.unlock(task, la, "");
        String r = Fixture.report(() -> f.lock(hardirq, a, la, IrqState.HARDIRQ, "handler"));
        assertTrue(r.contains("inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.\n"), r);
        assertTrue(r.contains("{HARDIRQ-ON-W} state was registered at:\n  local_irq_enable_site (task/4)\n"), r);
    }

    @Test
    void hardirqsOnReportsAtOnceIfAHeldLockIsIrqSafe() {
        f.lock(hardirq, a, la, IrqState.HARDIRQ, "handler");
        f.unlock(hardirq, la, "");
        f.lock(task, a, la, IrqState.PROCESS_IRQS_OFF, "irqsave");
        String r = Fixture.report(() -> f.ld.hardirqsOn(task, IrqState.PROCESS, "local_irq_enable_site"));
        assertTrue(r.contains("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.\n"), r);
        assertTrue(r.contains("task/4 [HC0[0]:SC0[0]:HE1:SE1] takes:\n(A){?...}, at: irqsave\n"), r);
        assertTrue(r.contains("{HARDIRQ-ON-W} state is being registered now at:\n  local_irq_enable_site (task/4)\n"), r);
        assertTrue(r.endsWith("1 lock held by task/4:\n #0: (A){?...}, at: irqsave\n"), r);
    }

    @Test
    void softirqsOnMarksHeldLocksSoftirqUnsafe() {
        f.lock(task, a, la, IrqState.PROCESS_BH_OFF, "spin_lock_bh");
        assertFalse(a.hasUsage(LockUsageBit.ENABLED_SOFTIRQ));
        // With hardirqs off the marking waits for hardirqsOn.
        f.ld.softirqsOn(task, IrqState.of(false, false, false, true), "bh_enable_irqs_off");
        assertFalse(a.hasUsage(LockUsageBit.ENABLED_SOFTIRQ));
        f.ld.softirqsOn(task, "local_bh_enable_site");
        assertTrue(a.hasUsage(LockUsageBit.ENABLED_SOFTIRQ));
        f.unlock(task, la, "");
        String r = Fixture.report(() -> f.lock(softirq, a, la, IrqState.SOFTIRQ, "softirq_handler"));
        assertTrue(r.contains("inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.\n"), r);
        assertTrue(r.contains("{SOFTIRQ-ON-W} state was registered at:\n  local_bh_enable_site (task/4)\n"), r);
    }

    @Test
    void hardirqsOnAlsoMarksSoftirqsWhenTheyAreOn() {
        f.lock(task, a, la, IrqState.of(false, false, false, true), "irqsave");
        f.ld.hardirqsOn(task, IrqState.PROCESS, "irq_restore");
        assertEquals("+.+.", a.usageChars());
    }

    @Test
    void readUsageInIrqAndReadUsageWithIrqsOnIsConsistent() {
        f.readLock(hardirq, a, la, IrqState.HARDIRQ, "irq_reader");
        f.unlock(hardirq, la, "");
        f.readLock(task, a, la, IrqState.PROCESS, "task_reader");
        assertEquals(".?.+", a.usageChars());
        assertTrue(f.ld.debugLocks());
        f.unlock(task, la, "");
        // A writer with irqs on, though, can be interrupted by the reader in the irq.
        String r = Fixture.report(() -> f.lock(task, a, la, IrqState.PROCESS, "task_writer"));
        assertTrue(r.contains("inconsistent {IN-HARDIRQ-R} -> {HARDIRQ-ON-W} usage.\n"), r);
    }

    // ---------------------------------------------------------------- safe -> unsafe

    private final LockClass safe = f.cls("safe");
    private final LockClass unsafe = f.cls("unsafe");
    private final Lock ls = new Lock("s");
    private final Lock lu = new Lock("u");

    @Test
    void hardirqSafeToHardirqUnsafeOrderIsReportedWhenTheEdgeIsAdded() {
        f.lock(hardirq, safe, ls, IrqState.HARDIRQ, "timer_fn");
        f.unlock(hardirq, ls, "");
        f.lock(task, unsafe, lu, IrqState.PROCESS, "task_unsafe");
        f.unlock(task, lu, "");
        f.lock(task, safe, ls, IrqState.PROCESS_IRQS_OFF, "task_safe");
        String r = Fixture.report(() -> f.lock(task, unsafe, lu, IrqState.PROCESS_IRQS_OFF, "task_safe_unsafe"));
        assertTrue(r.startsWith("WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected\n"
                + "-----------------------------------------------------------\n"), r);
        assertTrue(r.contains("task/4 [HC0[0]:SC0[0]:HE0:SE1] is trying to acquire:\n(unsafe){+.+.}, at: task_safe_unsafe\n"), r);
        assertTrue(r.contains("and this task is already holding:\n(safe){-...}, at: task_safe\n"), r);
        assertTrue(r.contains("which would create a new lock dependency:\n (safe){-...} -> (unsafe){+.+.}\n"), r);
        assertTrue(r.contains("but this new dependency connects a HARDIRQ-irq-safe lock:\n (safe){-...}\n"), r);
        assertTrue(r.contains("... which became HARDIRQ-irq-safe at:\n  timer_fn (irq/9)\n"), r);
        assertTrue(r.contains("to a HARDIRQ-irq-unsafe lock:\n (unsafe){+.+.}\n"), r);
        assertTrue(r.contains("... which became HARDIRQ-irq-unsafe at:\n...\n  task_unsafe (task/4)\n"), r);
        assertFalse(r.contains("Chain exists of"), r);
        assertTrue(r.contains("""
                  lock(unsafe);
                                               local_irq_disable();
                                               lock(safe);
                                               lock(unsafe);
                  <Interrupt>
                    lock(safe);
                """), r);
        assertTrue(r.contains("1 lock held by task/4:\n #0: (safe){-...}, at: task_safe\n"), r);
        assertFalse(f.ld.hasDependency(safe, unsafe));
    }

    @Test
    void theSafeToUnsafeCheckFollowsTheGraph() {
        LockClass mid = f.cls("mid");
        Lock lm = new Lock("m");
        f.lock(hardirq, safe, ls, IrqState.HARDIRQ, "timer_fn");
        f.unlock(hardirq, ls, "");
        f.lock(task, mid, lm, IrqState.PROCESS_IRQS_OFF, "task_mid");
        f.lock(task, unsafe, lu, IrqState.PROCESS_IRQS_OFF, "task_mid_unsafe");
        f.unlock(task, lu, "");
        f.unlock(task, lm, "");
        f.lock(task, unsafe, lu, IrqState.PROCESS, "task_unsafe");
        f.unlock(task, lu, "");
        f.lock(task, safe, ls, IrqState.PROCESS_IRQS_OFF, "task_safe");
        String r = Fixture.report(() -> f.lock(task, mid, lm, IrqState.PROCESS_IRQS_OFF, "task_safe_mid"));
        assertTrue(r.startsWith("WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected\n"), r);
        assertTrue(r.contains("Chain exists of:\n  safe --> mid --> unsafe\n"), r);
        assertTrue(r.contains("the dependencies between the lock to be acquired and HARDIRQ-irq-unsafe lock:\n"
                + " -> (mid){....} {\n }\n -> (unsafe){+.+.} {\n"), r);
        assertTrue(r.contains(" ... acquired at:\n   lock(unsafe) at task_mid_unsafe\n   with (mid) held, taken at task_mid\n"), r);
    }

    @Test
    void softirqSafeToSoftirqUnsafeOrder() {
        f.lock(softirq, safe, ls, IrqState.SOFTIRQ, "net_rx");
        f.unlock(softirq, ls, "");
        f.lock(task, unsafe, lu, IrqState.PROCESS, "task_unsafe");
        f.unlock(task, lu, "");
        f.lock(task, safe, ls, IrqState.PROCESS_BH_OFF, "task_safe_bh");
        String r = Fixture.report(() -> f.lock(task, unsafe, lu, IrqState.PROCESS_BH_OFF, "task_bh_unsafe"));
        assertTrue(r.startsWith("WARNING: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected\n"), r);
        assertTrue(r.contains("                               local_bh_disable();\n"), r);
    }

    @Test
    void becomingIrqSafeAfterTheEdgeIsAnIrqLockInversion() {
        // safe -> unsafe first, with irqs off and no irq usage yet; then unsafe becomes unsafe;
        // then an interrupt takes safe: now the old edge is a problem.
        f.lock(task, safe, ls, IrqState.PROCESS_IRQS_OFF, "task_safe");
        f.lock(task, unsafe, lu, IrqState.PROCESS_IRQS_OFF, "task_safe_unsafe");
        f.unlock(task, lu, "");
        f.unlock(task, ls, "");
        f.lock(task, unsafe, lu, IrqState.PROCESS, "task_unsafe");
        f.unlock(task, lu, "");
        String r = Fixture.report(() -> f.lock(hardirq, safe, ls, IrqState.HARDIRQ, "timer_fn"));
        assertTrue(r.startsWith("WARNING: possible irq lock inversion dependency detected\n"), r);
        assertTrue(r.contains("irq/9 [HC1[1]:SC0[0]:HE0:SE0] just changed the state of lock:\n(safe){-...}, at: timer_fn\n"), r);
        assertTrue(r.contains("but this lock took another, HARDIRQ-unsafe lock in the past:\n (unsafe){+.+.}\n"), r);
        assertTrue(r.contains("and interrupts could create inverse lock ordering between them.\n"), r);
        assertTrue(r.contains("  lock(unsafe);\n                               local_irq_disable();\n"), r);
        assertTrue(r.contains("no locks held by irq/9.\n"), r);
        assertTrue(r.contains("the shortest dependencies between 2nd lock and 1st lock:\n -> (safe){-...}"), r);
    }

    @Test
    void becomingIrqUnsafeAfterTheEdgeIsAnIrqLockInversion() {
        f.lock(hardirq, safe, ls, IrqState.HARDIRQ, "timer_fn");
        f.lock(hardirq, unsafe, lu, IrqState.HARDIRQ, "timer_fn_nested");
        f.unlock(hardirq, lu, "");
        f.unlock(hardirq, ls, "");
        // unsafe is itself used in irq then, so make another class the unsafe one behind it.
        LockClass leaf = f.cls("leaf");
        Lock ll = new Lock("l");
        f.lock(task, unsafe, lu, IrqState.PROCESS_IRQS_OFF, "task_unsafe_irqsoff");
        f.lock(task, leaf, ll, IrqState.PROCESS_IRQS_OFF, "task_leaf");
        f.unlock(task, ll, "");
        f.unlock(task, lu, "");
        String r = Fixture.report(() -> f.lock(task, leaf, ll, IrqState.PROCESS, "task_leaf_irqs_on"));
        assertTrue(r.startsWith("WARNING: possible irq lock inversion dependency detected\n"), r);
        assertTrue(r.contains("task/4 [HC0[0]:SC0[0]:HE1:SE1] just changed the state of lock:\n(leaf){+...}, at: task_leaf_irqs_on\n"), r);
        assertTrue(r.contains("but this lock was taken by another, HARDIRQ-safe lock in the past:\n (unsafe){-...}\n"), r);
        assertTrue(r.contains(" -> (unsafe){-...} {\n    IN-HARDIRQ-W at:\n      timer_fn_nested (irq/9)\n }\n -> (leaf){+...} {\n"), r);
    }
}
