package rcusim.kernel.own;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;

class OwnershipTest {
    private final Object rootLock = new Object();
    private FakeContext ctx = new FakeContext(1);
    private final Ownership own = new Ownership(() -> ctx);

    @Test
    void brokenRuleFailsWithAccessContextAndRule() {
        ctx.task = "rcu_preempt/12";
        SimFailure f = assertThrows(SimFailure.class,
                () -> own.check(Rules.ownCpuPreemptOff(3), "write of rcu_data[3].ticks_this_gp"));
        assertEquals(SimFailure.Kind.OWNERSHIP, f.kind());
        assertEquals("ownership rule broken: write of rcu_data[3].ticks_this_gp by CPU 1, task rcu_preempt/12, "
                + "preempt enabled, irqs enabled, holding []\n"
                + "  rule: only CPU 3 with preemption disabled", f.getMessage());
    }

    @Test
    void checkReadAndCheckWriteSayWhichAccess() {
        Rule r = Rules.lockHeld(rootLock, "rcu_node[0].lock");
        SimFailure read = assertThrows(SimFailure.class, () -> own.checkRead(r, "rcu_node[0].qsmask"));
        assertTrue(read.getMessage().startsWith("ownership rule broken: read of rcu_node[0].qsmask by CPU 1"),
                read.getMessage());
        SimFailure write = assertThrows(SimFailure.class, () -> own.checkWrite(r, "rcu_node[0].qsmask"));
        assertTrue(write.getMessage().startsWith("ownership rule broken: write of rcu_node[0].qsmask by CPU 1"),
                write.getMessage());
        assertTrue(write.getMessage().endsWith("\n  rule: rcu_node[0].lock held"), write.getMessage());
    }

    @Test
    void compositeFailureSaysWhichPartFailed() {
        long[] qsmask = {0x4};
        Rule gpSeq = Rules.allOf(Rules.lockHeld(rootLock, "the root rcu_node lock"),
                Rules.when("every qsmask zero", () -> qsmask[0] == 0),
                Rules.when("every gp_tasks NULL", () -> true));
        ctx = new FakeContext(0).holding(rootLock, "rcu_node_0");
        SimFailure f = assertThrows(SimFailure.class, () -> own.checkWrite(gpSeq, "rcu_state.gp_seq"));
        assertEquals("ownership rule broken: write of rcu_state.gp_seq by CPU 0, task t/1, preempt enabled, "
                + "irqs enabled, holding [rcu_node_0]\n"
                + "  rule: the root rcu_node lock held and every qsmask zero and every gp_tasks NULL\n"
                + "  failed: every qsmask zero", f.getMessage());
        qsmask[0] = 0;
        assertDoesNotThrow(() -> own.checkWrite(gpSeq, "rcu_state.gp_seq"));
    }

    @Test
    void anyOfFailureListsWhatFailedInEachAlternative() {
        Rule cblist = Rules.anyOf(Rules.ownCpuPreemptOff(3), Rules.orchestratingOfflineOf(3));
        SimFailure f = assertThrows(SimFailure.class, () -> own.checkWrite(cblist, "rcu_data[3].cblist"));
        assertTrue(f.getMessage().endsWith(
                "\n  rule: only CPU 3 with preemption disabled or the hotplug task taking CPU 3 down or up"
                        + "\n  failed: only CPU 3 with preemption disabled; the hotplug task taking CPU 3 down or up"),
                f.getMessage());
    }

    @Test
    void allowedAccessPasses() {
        ctx = new FakeContext(3).preemptOff();
        assertDoesNotThrow(() -> own.check(Rules.ownCpuPreemptOff(3), "write of rcu_data[3].ticks_this_gp"));
    }

    @Test
    void everyRulePassesWhileInitializing() {
        ctx.initializing = true;
        assertDoesNotThrow(() -> own.checkWrite(Rules.ownCpuPreemptOff(3), "rcu_data[3].ticks_this_gp"));
        assertDoesNotThrow(() -> own.checkRead(Rules.when("never", () -> false), "x"));
        ctx.initializing = false;
        assertThrows(SimFailure.class, () -> own.checkWrite(Rules.ownCpuPreemptOff(3), "rcu_data[3].ticks_this_gp"));
    }

    @Test
    void disabledOwnershipChecksNothing() {
        own.setEnabled(false);
        assertFalse(own.enabled());
        assertDoesNotThrow(() -> own.checkWrite(Rules.when("never", () -> false), "x"));
        own.setEnabled(true);
        assertTrue(own.enabled());
        assertThrows(SimFailure.class, () -> own.checkWrite(Rules.when("never", () -> false), "x"));

        Ownership off = new Ownership(() -> {
            throw new AssertionError("a disabled Ownership must not ask for the context");
        }, false);
        assertDoesNotThrow(() -> off.checkRead(Rules.ownCpuIrqsOff(0), "x"));
    }

    @Test
    void anyoneIsPassedWithoutAskingForTheContext() {
        Ownership o = new Ownership(() -> {
            throw new AssertionError("anyone() needs no context");
        });
        assertDoesNotThrow(() -> o.checkRead(Rules.anyone(), "rcu_state.gp_seq"));
    }

    @Test
    void missingContextIsAToolErrorNotAFinding() {
        Ownership o = new Ownership(() -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> o.checkRead(Rules.ownCpuIrqsOff(0), "x"));
        assertTrue(e.getMessage().contains("peek()"));
    }
}
