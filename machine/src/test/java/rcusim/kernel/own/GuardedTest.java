package rcusim.kernel.own;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;

class GuardedTest {
    private final Object lock = new Object();
    private FakeContext ctx = new FakeContext(0);
    private final Ownership own = new Ownership(() -> ctx);

    /** Read locklessly by anyone, written only under the node's lock, like rcu_node.gp_seq. */
    private final Rule locked = Rules.lockHeld(lock, "rcu_node[0].lock");

    @Test
    void readAndWriteRulesAreCheckedSeparately() {
        GuardedLong gpSeq = new GuardedLong(own, "rcu_node[0].gp_seq", Rules.anyone(), locked, -300);
        assertEquals(-300, gpSeq.get(), "lockless read allowed");
        SimFailure f = assertThrows(SimFailure.class, () -> gpSeq.set(4));
        assertTrue(f.getMessage().startsWith("ownership rule broken: write of rcu_node[0].gp_seq by CPU 0"));
        assertTrue(f.getMessage().endsWith("rule: rcu_node[0].lock held"));
        assertEquals(-300, gpSeq.peek(), "a refused write changes nothing");

        ctx.holding(lock, "rcu_node_0");
        gpSeq.set(4);
        assertEquals(4, gpSeq.get());

        GuardedLong strictRead = new GuardedLong(own, "rcu_node[0].qsmask", locked, locked, 0);
        ctx = new FakeContext(0);
        SimFailure r = assertThrows(SimFailure.class, strictRead::get);
        assertTrue(r.getMessage().startsWith("ownership rule broken: read of rcu_node[0].qsmask"));
    }

    @Test
    void numericHelpersAreWrites() {
        GuardedLong qsmask = new GuardedLong(own, "rcu_node[0].qsmask", Rules.anyone(), locked, 0);
        assertThrows(SimFailure.class, () -> qsmask.add(1));
        assertThrows(SimFailure.class, () -> qsmask.orBits(1));
        assertThrows(SimFailure.class, () -> qsmask.andNotBits(1));
        ctx.holding(lock, "rcu_node_0");
        assertEquals(0b1010, qsmask.orBits(0b1010));
        assertEquals(0b1000, qsmask.andNotBits(0b0010));
        assertEquals(0b1011, qsmask.add(3));
        assertEquals(0b1011, qsmask.get());

        GuardedInt n = new GuardedInt(own, "rcu_data[0].cpu_no_qs", Rules.anyone(), locked, 0);
        assertEquals(6, n.orBits(6));
        assertEquals(4, n.andNotBits(2));
        assertEquals(3, n.add(-1));
        n.set(9);
        assertEquals(9, n.get());
        ctx = new FakeContext(0);
        assertThrows(SimFailure.class, () -> n.set(1));
        assertThrows(SimFailure.class, () -> n.add(1));
        assertEquals(9, n.peek());
    }

    @Test
    void booleanAndRefFieldsCheckToo() {
        GuardedBoolean b = new GuardedBoolean(own, "rcu_data[2].beenonline", Rules.ownCpuIrqsOff(2),
                Rules.ownCpuIrqsOff(2), false);
        assertThrows(SimFailure.class, b::get);
        assertThrows(SimFailure.class, () -> b.set(true));
        ctx = new FakeContext(2).irqsOff();
        b.set(true);
        assertTrue(b.get());

        Object task = new Object();
        GuardedRef<Object> gpTasks = new GuardedRef<>(own, "rcu_node[0].gp_tasks", locked, locked, null);
        assertThrows(SimFailure.class, gpTasks::get);
        assertThrows(SimFailure.class, () -> gpTasks.set(task));
        ctx.holding(lock, "rcu_node_0");
        gpTasks.set(task);
        assertSame(task, gpTasks.get());
    }

    @Test
    void peekNeverChecks() {
        Rule never = Rules.when("never", () -> false);
        GuardedLong l = new GuardedLong(own, "l", never, never, 7);
        GuardedInt i = new GuardedInt(own, "i", never, never, 8);
        GuardedBoolean b = new GuardedBoolean(own, "b", never, never, true);
        GuardedRef<String> r = new GuardedRef<>(own, "r", never, never, "x");
        assertEquals(7, l.peek());
        assertEquals(8, i.peek());
        assertTrue(b.peek());
        assertEquals("x", r.peek());
        assertEquals("l=7", l.toString());
        assertEquals("r=x", r.toString());
    }

    @Test
    void initializationWritesPass() {
        ctx.initializing = true;
        GuardedLong qsmaskinit = new GuardedLong(own, "rcu_node[0].qsmaskinit", locked, locked, 0);
        assertDoesNotThrow(() -> qsmaskinit.set(0xf));
        ctx.initializing = false;
        assertThrows(SimFailure.class, qsmaskinit::get);
    }

    @Test
    void disabledOwnershipLetsEveryAccessThrough() {
        own.setEnabled(false);
        GuardedBoolean b = new GuardedBoolean(own, "b", locked, locked, false);
        b.set(true);
        assertTrue(b.get());
        own.setEnabled(true);
        assertThrows(SimFailure.class, b::get);
        assertTrue(b.peek(), "the unchecked write stuck");
    }

    @Test
    void accessorsExposeNameAndRules() {
        GuardedLong l = new GuardedLong(own, "rcu_node[0].qsmask", Rules.anyone(), locked, 0);
        assertEquals("rcu_node[0].qsmask", l.name());
        assertSame(Rules.anyone(), l.readRule());
        assertSame(locked, l.writeRule());
    }
}
