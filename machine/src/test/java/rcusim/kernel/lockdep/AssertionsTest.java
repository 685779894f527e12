package rcusim.kernel.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.kernel.lockdep.Fixture.Lock;

/** lockdep_assert_*(): each passes when it should and fails with its text when it should not. */
class AssertionsTest {
    private final Fixture f = new Fixture();
    private final LockClass rnp = f.cls("rcu_node_0");
    private final LockClass rw = f.cls("rw");
    private final Lock root = new Lock("root");
    private final Lock other = new Lock("other");
    private final Lock rwl = new Lock("rwl");
    private final HeldLocks gp = new HeldLocks("rcu_preempt/12");

    @Test
    void assertHeld() {
        f.lock(gp, rnp, root, IrqState.PROCESS_IRQS_OFF, "rcu_gp_init");
        f.ld.assertHeld(gp, root, "rnp->lock");
        String r = Fixture.report(() -> f.ld.assertHeld(gp, other, "rnp->lock", "rcu_report_qs_rnp"));
        assertEquals("""
                WARNING: lockdep_assert_held(rnp->lock) failed
                rcu_preempt/12 does not hold rnp->lock, at: rcu_report_qs_rnp
                1 lock held by rcu_preempt/12:
                 #0: (rcu_node_0){....}, at: rcu_gp_init
                """, r);
        // A failed assertion is a WARN, not a lockdep report: lockdep stays on.
        assertTrue(f.ld.debugLocks());
    }

    @Test
    void assertHeldWrite() {
        f.lock(gp, rnp, root, "w");
        f.readLock(gp, rw, rwl, IrqState.PROCESS, "r");
        f.ld.assertHeldWrite(gp, root, "root");
        String r = Fixture.report(() -> f.ld.assertHeldWrite(gp, rwl, "rwl"));
        assertTrue(r.startsWith("WARNING: lockdep_assert_held_write(rwl) failed\n"
                + "rcu_preempt/12 holds rwl only for read\n2 locks held by rcu_preempt/12:\n"), r);
        r = Fixture.report(() -> f.ld.assertHeldWrite(gp, other, "other"));
        assertTrue(r.startsWith("WARNING: lockdep_assert_held_write(other) failed\nrcu_preempt/12 does not hold other\n"), r);
    }

    @Test
    void assertHeldRead() {
        f.lock(gp, rnp, root, "w");
        f.readLock(gp, rw, rwl, IrqState.PROCESS, "r");
        f.ld.assertHeldRead(gp, rwl, "rwl");
        String r = Fixture.report(() -> f.ld.assertHeldRead(gp, root, "root", "site"));
        assertTrue(r.startsWith("WARNING: lockdep_assert_held_read(root) failed\n"
                + "rcu_preempt/12 holds root for write, not for read, at: site\n"), r);
        r = Fixture.report(() -> f.ld.assertHeldRead(gp, other, "other"));
        assertTrue(r.startsWith("WARNING: lockdep_assert_held_read(other) failed\nrcu_preempt/12 does not hold other\n"), r);
    }

    @Test
    void assertNotHeld() {
        f.ld.assertNotHeld(gp, root, "root");
        f.lock(gp, rnp, root, "rcu_gp_init");
        f.ld.assertNotHeld(gp, other, "other");
        String r = Fixture.report(() -> f.ld.assertNotHeld(gp, root, "rnp->lock", "synchronize_rcu"));
        assertEquals("""
                WARNING: lockdep_assert_not_held(rnp->lock) failed
                rcu_preempt/12 holds rnp->lock, at: synchronize_rcu
                1 lock held by rcu_preempt/12:
                 #0: (rcu_node_0){+.+.}, at: rcu_gp_init
                """, r);
    }

    @Test
    void assertNoneHeldOnce() {
        f.ld.assertNoneHeldOnce(gp);
        f.lock(gp, rnp, root, "rcu_gp_init");
        f.readLock(gp, rw, rwl, IrqState.PROCESS, "r");
        String r = Fixture.report(() -> f.ld.assertNoneHeldOnce(gp, "schedule"));
        assertEquals("""
                WARNING: lockdep_assert_none_held_once() failed
                rcu_preempt/12 holds locks: held lock count is 2, at: schedule
                2 locks held by rcu_preempt/12:
                 #0: (rcu_node_0){+.+.}, at: rcu_gp_init
                 #1: (rw){.+.+}, at: r
                """, r);
        f.unlock(gp, rwl, "");
        f.unlock(gp, root, "");
        f.ld.assertNoneHeldOnce(gp);
    }

    @Test
    void assertIrqsDisabledAndEnabled() {
        f.ld.assertIrqsDisabled(gp, IrqState.PROCESS_IRQS_OFF, "here");
        f.ld.assertIrqsEnabled(gp, IrqState.PROCESS, "here");
        String r = Fixture.report(() -> f.ld.assertIrqsDisabled(gp, IrqState.PROCESS, "rcu_report_qs_rdp"));
        assertEquals("""
                WARNING: lockdep_assert_irqs_disabled() failed
                rcu_preempt/12 runs with hardirqs enabled [HC0[0]:SC0[0]:HE1:SE1], at: rcu_report_qs_rdp
                no locks held by rcu_preempt/12.
                """, r);
        r = Fixture.report(() -> f.ld.assertIrqsEnabled(gp, IrqState.HARDIRQ, "x"));
        assertTrue(r.startsWith("WARNING: lockdep_assert_irqs_enabled() failed\n"
                + "rcu_preempt/12 runs with hardirqs disabled [HC1[1]:SC0[0]:HE0:SE0], at: x\n"), r);
    }
}
