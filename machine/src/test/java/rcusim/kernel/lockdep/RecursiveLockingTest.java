package rcusim.kernel.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.kernel.lockdep.Fixture.Lock;

/** check_deadlock(): taking a class the context already holds. */
class RecursiveLockingTest {
    private final Fixture f = new Fixture();
    private final LockClass a = f.cls("A");
    private final Lock la = new Lock("a");
    private final HeldLocks t = new HeldLocks("task/5");

    @Test
    void theSameLockTwiceIsASelfDeadlock() {
        f.lock(t, a, la, "first");
        String r = Fixture.report(() -> f.lock(t, a, la, "second"));
        assertEquals("""
                WARNING: possible recursive locking detected
                --------------------------------------------
                task/5 is trying to acquire lock:
                (A){+.+.}, at: second

                but task is already holding lock:
                (A){+.+.}, at: first

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(A);
                  lock(A);

                 *** DEADLOCK ***

                 The same lock instance is taken again by the context that holds it.

                1 lock held by task/5:
                 #0: (A){+.+.}, at: first
                """, r);
    }

    @Test
    void anotherLockOfTheSameClassNeedsANestingAnnotation() {
        f.lock(t, a, la, "parent");
        String r = Fixture.report(() -> f.lock(t, a, new Lock("a2"), "child"));
        assertTrue(r.startsWith("WARNING: possible recursive locking detected\n"), r);
        assertTrue(r.contains(" May be due to missing lock nesting notation\n"), r);
        assertTrue(r.contains("1 lock held by task/5:\n #0: (A){+.+.}, at: parent\n"), r);
    }

    @Test
    void aSubclassMayNestInsideItsClass() {
        LockClass nested = f.ld.lockClass("A", 1);
        assertEquals("A/1", nested.toString());
        assertEquals(a, f.ld.lockClass("A", 0));
        f.lock(t, a, la, "parent");
        f.lock(t, nested, new Lock("a2"), "child");
        assertEquals(2, t.depth());
        assertTrue(f.ld.hasDependency(a, nested));
    }

    @Test
    void readAfterReadOfAnRwlockIsAllowed() {
        f.readLock(t, a, la, IrqState.PROCESS, "read1");
        f.readLock(t, a, la, IrqState.PROCESS, "read2");
        assertEquals(2, t.depth());
        assertTrue(t.holdsRead(la));
        assertFalse(t.holdsWrite(la));
        f.unlock(t, la, "unread2");
        assertTrue(t.holdsRead(la));
        f.unlock(t, la, "unread1");
        assertTrue(t.isEmpty());
        assertTrue(f.ld.debugLocks());
    }

    @Test
    void rereadingAHeldReadLockAddsNoDependency() {
        LockClass b = f.cls("B");
        Lock lb = new Lock("b");
        f.readLock(t, a, la, IrqState.PROCESS, "read_a");
        f.lock(t, b, lb, "take_b");
        f.readLock(t, a, la, IrqState.PROCESS, "reread_a");
        assertFalse(f.ld.hasDependency(b, a));
    }

    @Test
    void writeAfterReadIsRecursiveLocking() {
        f.readLock(t, a, la, IrqState.PROCESS, "read");
        String r = Fixture.report(() -> f.lock(t, a, la, "write"));
        assertTrue(r.startsWith("WARNING: possible recursive locking detected\n"), r);
        assertTrue(r.contains("  rlock(A);\n  lock(A);\n"), r);
    }

    @Test
    void readAfterWriteIsRecursiveLocking() {
        f.lock(t, a, la, "write");
        String r = Fixture.report(() -> f.readLock(t, a, la, IrqState.PROCESS, "read"));
        assertTrue(r.startsWith("WARNING: possible recursive locking detected\n"), r);
        assertTrue(r.contains("  lock(A);\n  rlock(A);\n"), r);
    }

    @Test
    void aTrylockOfAHeldLockIsNoDeadlock() {
        f.lock(t, a, la, "take");
        f.trylock(t, a, new Lock("a2"), IrqState.PROCESS, "try");
        assertEquals(2, t.depth());
        assertTrue(f.ld.debugLocks());
    }

    @Test
    void aLeakedLockStackHitsMaxLockDepth() {
        for (int i = 0; i < Lockdep.MAX_LOCK_DEPTH; i++) {
            f.lock(t, f.cls("L" + i), new Lock("l" + i), "take" + i);
        }
        String r = Fixture.report(() -> f.lock(t, f.cls("one_more"), new Lock("x"), "take_more"));
        assertTrue(r.startsWith("BUG: MAX_LOCK_DEPTH too low!\n"), r);
        assertTrue(r.contains("48 locks held by task/5:\n #0: (L0){+.+.}, at: take0\n"), r);
    }
}
