package rcusim.kernel.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.kernel.lockdep.Fixture.Lock;

/** check_noncircular(): a new edge that closes a cycle is reported, even if this schedule did not deadlock. */
class CircularDependencyTest {
    private final Fixture f = new Fixture();
    private final LockClass a = f.cls("A");
    private final LockClass b = f.cls("B");
    private final LockClass c = f.cls("C");
    private final Lock la = new Lock("a");
    private final Lock lb = new Lock("b");
    private final Lock lc = new Lock("c");
    private final HeldLocks t0 = new HeldLocks("task0/1");
    private final HeldLocks t1 = new HeldLocks("task1/2");
    private final HeldLocks t2 = new HeldLocks("task2/3");

    /** CPU0 takes A then B and lets go; later CPU1 takes B then A: no deadlock happened, lockdep reports. */
    private String abBa(Fixture f, LockClass a, LockClass b) {
        f.lock(t0, a, la, "t0_take_a");
        f.lock(t0, b, lb, "t0_take_b");
        f.unlock(t0, lb, "t0_drop_b");
        f.unlock(t0, la, "t0_drop_a");
        f.lock(t1, b, lb, "t1_take_b");
        return Fixture.report(() -> f.lock(t1, a, la, "t1_take_a"));
    }

    @Test
    void abBaOnTwoContextsIsReportedWithBothChains() {
        String expected = """
                WARNING: possible circular locking dependency detected
                ------------------------------------------------------
                task1/2 is trying to acquire lock:
                (A){+.+.}, at: t1_take_a

                but task is already holding lock:
                (B){+.+.}, at: t1_take_b

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (B){+.+.}:
                       lock(B) at t0_take_b
                       with (A) held, taken at t0_take_a
                       by task0/1

                -> #0 (A){+.+.}:
                       lock(A) at t1_take_a
                       with (B) held, taken at t1_take_b
                       by task1/2

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(B);
                                               lock(A);
                                               lock(B);
                  lock(A);

                 *** DEADLOCK ***

                1 lock held by task1/2:
                 #0: (B){+.+.}, at: t1_take_b
                """;
        assertEquals(expected, abBa(f, a, b));
    }

    @Test
    void theReportedAcquisitionIsNotPushedAndLockdepTurnsItselfOff() {
        abBa(f, a, b);
        assertEquals(1, t1.depth());
        assertFalse(f.ld.debugLocks());
        // After debug_locks_off() nothing more is validated: the inverse order passes silently.
        f.unlock(t1, lb, "t1_drop_b");
        f.lock(t1, b, lb, "again_b");
        f.lock(t1, a, la, "again_a");
        assertEquals(2, t1.depth());
    }

    @Test
    void threeLockCycleIsReportedWithTheWholeChain() {
        f.lock(t0, a, la, "t0_a");
        f.lock(t0, b, lb, "t0_b");
        f.unlock(t0, lb, "");
        f.unlock(t0, la, "");
        f.lock(t1, b, lb, "t1_b");
        f.lock(t1, c, lc, "t1_c");
        f.unlock(t1, lc, "");
        f.unlock(t1, lb, "");
        f.lock(t2, c, lc, "t2_c");
        String r = Fixture.report(() -> f.lock(t2, a, la, "t2_a"));
        assertTrue(r.startsWith("WARNING: possible circular locking dependency detected\n"), r);
        assertTrue(r.contains("task2/3 is trying to acquire lock:\n(A){+.+.}, at: t2_a\n"), r);
        assertTrue(r.contains("but task is already holding lock:\n(C){+.+.}, at: t2_c\n"), r);
        assertTrue(r.contains("""
                -> #2 (C){+.+.}:
                       lock(C) at t1_c
                       with (B) held, taken at t1_b
                       by task1/2

                -> #1 (B){+.+.}:
                       lock(B) at t0_b
                       with (A) held, taken at t0_a
                       by task0/1

                -> #0 (A){+.+.}:
                       lock(A) at t2_a
                       with (C) held, taken at t2_c
                       by task2/3
                """), r);
        assertTrue(r.contains("Chain exists of:\n  A --> B --> C\n"), r);
        assertTrue(r.contains("""
                  lock(C);
                                               lock(B);
                                               lock(C);
                  lock(A);
                """), r);
        assertTrue(r.endsWith("1 lock held by task2/3:\n #0: (C){+.+.}, at: t2_c\n"), r);
    }

    @Test
    void locksBelowTheTopAreLinkedThroughIt() {
        // A, B, C nested: the edges are A -> B and B -> C (check_prevs_add() stops at the top),
        // yet taking A under C is still a cycle, through B.
        f.lock(t0, a, la, "t0_a");
        f.lock(t0, b, lb, "t0_b");
        f.lock(t0, c, lc, "t0_c");
        assertTrue(f.ld.hasDependency(a, b));
        assertTrue(f.ld.hasDependency(b, c));
        assertFalse(f.ld.hasDependency(a, c));
        f.lock(t1, c, new Lock("c2"), "t1_c");
        String r = Fixture.report(() -> f.lock(t1, a, new Lock("a2"), "t1_a"));
        assertTrue(r.contains("Chain exists of:\n  A --> B --> C\n"), r);
    }

    @Test
    void trylockAddsNoEdgeAndCannotDeadlock() {
        f.lock(t0, a, la, "t0_a");
        f.lock(t0, b, lb, "t0_b");
        f.unlock(t0, lb, "");
        f.unlock(t0, la, "");
        f.lock(t1, b, lb, "t1_b");
        f.trylock(t1, a, la, IrqState.PROCESS, "t1_trylock_a");
        assertEquals(2, t1.depth());
        assertFalse(f.ld.hasDependency(b, a));
        assertTrue(f.ld.debugLocks());
    }

    @Test
    void locksTakenUnderATrylockDependOnItAndOnTheLockBelow() {
        f.lock(t0, a, la, "t0_a");
        f.trylock(t0, b, lb, IrqState.PROCESS, "t0_try_b");
        f.lock(t0, c, lc, "t0_c");
        assertFalse(f.ld.hasDependency(a, b));
        assertTrue(f.ld.hasDependency(b, c));
        assertTrue(f.ld.hasDependency(a, c));
        assertTrue(t0.locks().get(1).trylock());
        f.unlock(t0, lc, "");
        f.unlock(t0, lb, "");
        f.unlock(t0, la, "");
        f.lock(t1, c, lc, "t1_c");
        String r = Fixture.report(() -> f.lock(t1, b, lb, "t1_b"));
        assertTrue(r.contains("-> #1 (C){+.+.}:\n       lock(C) at t0_c\n       with (B) held, taken at t0_try_b\n"), r);
    }

    @Test
    void theSameOrderAgainAddsNothing() {
        for (int i = 0; i < 3; i++) {
            f.lock(t0, a, la, "t0_a");
            f.lock(t0, b, lb, "t0_b");
            f.lock(t0, c, lc, "t0_c");
            f.unlock(t0, lc, "");
            f.unlock(t0, lb, "");
            f.unlock(t0, la, "");
        }
        assertEquals(2, f.ld.dependencyCount());
        assertEquals(List.of(b), a.locksAfter());
        assertTrue(t0.isEmpty());
    }

    @Test
    void readersOfARecursiveReadLockDoNotMakeACycle() {
        // rcu_read_lock() is a recursive read in lockdep: L inside a reader, and a reader inside L, is fine.
        LockClass rcu = f.cls("rcu_read_lock");
        LockClass l = f.cls("L");
        Lock rcuMap = new Lock("rcu_lock_map");
        Lock ll = new Lock("l");
        f.readLock(t0, rcu, rcuMap, IrqState.PROCESS, "t0_rcu_read_lock");
        f.lock(t0, l, ll, "t0_l");
        f.unlock(t0, ll, "");
        f.unlock(t0, rcuMap, "");
        f.lock(t1, l, ll, "t1_l");
        f.readLock(t1, rcu, rcuMap, IrqState.PROCESS, "t1_rcu_read_lock");
        assertTrue(f.ld.hasDependency(rcu, l));
        assertTrue(f.ld.hasDependency(l, rcu));
        assertTrue(f.ld.debugLocks());
    }

    @Test
    void aReadLockInACycleWithAWriterIsReported() {
        // CPU0 reads A then takes B; CPU1 holds B and wants A for write: it waits for the reader.
        f.readLock(t0, a, la, IrqState.PROCESS, "t0_read_a");
        f.lock(t0, b, lb, "t0_b");
        f.unlock(t0, lb, "");
        f.unlock(t0, la, "");
        f.lock(t1, b, lb, "t1_b");
        String r = Fixture.report(() -> f.lock(t1, a, la, "t1_write_a"));
        assertTrue(r.startsWith("WARNING: possible circular locking dependency detected\n"), r);
        assertTrue(r.contains("       with (A) held for read, taken at t0_read_a\n"), r);
    }

    @Test
    void sameCallsGiveByteIdenticalReports() {
        String first = abBa(f, a, b);
        Fixture g = new Fixture();
        String second = new CircularDependencyTest().abBa(g, g.cls("A"), g.cls("B"));
        assertEquals(first, second);
        assertEquals(List.of("A", "B", "C"), f.ld.lockClasses().stream().map(LockClass::name).toList());
    }
}
