package rcusim.kernel.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.kernel.lockdep.Fixture.Lock;

/** lock_release(), the held-lock stack, the exit check, and the disabled mode. */
class ReleaseTest {
    private final Fixture f = new Fixture();
    private final LockClass a = f.cls("A");
    private final LockClass b = f.cls("B");
    private final Lock la = new Lock("a");
    private final Lock lb = new Lock("b");
    private final HeldLocks t = new HeldLocks("kworker/0:1/20");

    @Test
    void releasingALockNotHeldIsBadUnlockBalance() {
        f.lock(t, b, lb, "take_b");
        String r = Fixture.report(() -> f.unlock(t, la, "drop_a"));
        assertEquals("""
                WARNING: bad unlock balance detected!
                -------------------------------------
                kworker/0:1/20 is trying to release lock (a) at:
                drop_a
                but there are no more locks to release!

                other info that might help us debug this:
                1 lock held by kworker/0:1/20:
                 #0: (B){+.+.}, at: take_b
                """, r);
    }

    @Test
    void badUnlockNamesTheClassWhenGiven() {
        String r = Fixture.report(() -> f.ld.release(t, a, new Object(), "drop"));
        assertTrue(r.contains("kworker/0:1/20 is trying to release lock (A) at:\ndrop\n"), r);
        assertTrue(r.endsWith("no locks held by kworker/0:1/20.\n"), r);
    }

    @Test
    void badUnlockOfAnObjectWithoutToStringPrintsItsType() {
        String r = Fixture.report(() -> f.unlock(t, new Object(), "drop"));
        assertTrue(r.contains("is trying to release lock (Object) at:\n"), r);
    }

    @Test
    void releaseNeedNotBeTheTopmostLock() {
        f.lock(t, a, la, "take_a");
        f.lock(t, b, lb, "take_b");
        f.unlock(t, la, "drop_a");
        assertEquals(List.of(new HeldLock(b, lb, false, "take_b")), t.locks());
        assertFalse(t.holds(la));
        assertTrue(t.holdsWrite(lb));
        f.unlock(t, lb, "drop_b");
        assertTrue(t.isEmpty());
    }

    @Test
    void heldLocksAreListedBottomFirst() {
        f.lock(t, a, la, "take_a");
        f.ld.acquire(t, b, lb, true, false, IrqState.PROCESS_IRQS_OFF, "read_b");
        assertEquals("""
                2 locks held by kworker/0:1/20:
                 #0: (A){+.+.}, at: take_a
                 #1: (B){....}, at: read_b
                """, f.ld.heldLocksReport(t));
        assertEquals(2, t.depth());
        assertEquals("kworker/0:1/20 (2 locks held)", t.toString());
        assertEquals("(B){....}, at: read_b", t.locks().get(1).toString());
        assertTrue(t.locks().get(1).read());
    }

    @Test
    void aContextEndingWithLocksHeldIsReported() {
        f.ld.debugCheckNoLocksHeld(t, "do_exit");
        f.lock(t, a, la, "take_a");
        String r = Fixture.report(() -> f.ld.debugCheckNoLocksHeld(t, "do_exit"));
        assertTrue(r.startsWith("WARNING: kworker/0:1/20 still has locks held!\n"), r);
        assertTrue(r.endsWith("1 lock held by kworker/0:1/20:\n #0: (A){+.+.}, at: take_a\n"), r);
    }

    @Test
    void disabledLockdepKeepsTheStacksAndReportsNothing() {
        Fixture off = new Fixture(Lockdep.disabled());
        assertFalse(off.ld.enabled());
        LockClass x = off.cls("X");
        LockClass y = off.cls("Y");
        HeldLocks t0 = new HeldLocks("t0/1");
        HeldLocks t1 = new HeldLocks("t1/2");
        off.lock(t0, x, la, "x");
        off.lock(t0, y, lb, "y");
        off.unlock(t0, lb, "");
        off.unlock(t0, la, "");
        off.lock(t1, y, lb, "y");
        off.lock(t1, x, la, "x");
        off.lock(t1, x, la, "x_again");
        off.unlock(t1, new Object(), "not_held");
        assertEquals(3, t1.depth());
        assertEquals(0, off.ld.dependencyCount());
        assertEquals("....", x.usageChars());
        // The stacks are exact, so the assertions still hold callers to them.
        off.ld.assertHeld(t1, la, "x");
        assertTrue(Fixture.report(() -> off.ld.assertNotHeld(t1, la, "x"))
                .startsWith("WARNING: lockdep_assert_not_held(x) failed\n"));
    }
}
