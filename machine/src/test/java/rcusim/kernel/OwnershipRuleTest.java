package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.kernel.own.GuardedLong;
import rcusim.kernel.own.Rules;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;

/** A field's ownership rule is checked on every access by simulated code. */
class OwnershipRuleTest {

    @Test
    void aBrokenRuleFailsTheRunWithItsText() {
        Simulation m = Runs.kernel(2, MemoryModel.WEAK);
        Kernel k0 = m.kernel();
        GuardedLong ticksThisGp = new GuardedLong(k0.ownership(), "rcu_data[0].ticks_this_gp",
                Rules.anyone(), Rules.ownCpuPreemptOff(0), 0);
        m.spawn(0, "owner", k -> {
            k.preemptDisable();
            ticksThisGp.add(1);
            k.preemptEnable();
        });
        m.spawn(1, "intruder", k -> {
            k.preemptDisable();
            ticksThisGp.add(1);
            k.preemptEnable();
        });
        RunResult r = m.run(Runs.random(1));
        assertEquals(SimFailure.Kind.OWNERSHIP, r.failure().kind(), r::describe);
        String msg = r.failure().getMessage();
        assertTrue(msg.contains("write of rcu_data[0].ticks_this_gp by CPU 1, task intruder/"), msg);
        assertTrue(msg.contains("rule: only CPU 0 with preemption disabled"), msg);
    }

    @Test
    void aTasksRcuFieldsAreItsOwn() {
        Simulation m = Runs.kernel(2, MemoryModel.WEAK);
        Task reader = m.spawn(0, "reader", k -> {
            k.current().rcu.readLockNesting.add(1);
            k.current().rcu.readLockNesting.add(-1);
        });
        m.spawn(1, "intruder", k -> reader.rcu.readLockNesting.get());
        RunResult r = m.run(Runs.random(1));
        assertEquals(SimFailure.Kind.OWNERSHIP, r.failure().kind(), r::describe);
        String msg = r.failure().getMessage();
        assertTrue(msg.contains("read of reader/1.rcu_read_lock_nesting by CPU 1, task intruder/"), msg);
        assertTrue(msg.contains("rule: only task reader/1 itself"), msg);
    }

    @Test
    void aLockRuleNeedsTheLock() {
        Simulation m = Runs.kernel(1, MemoryModel.WEAK);
        Kernel k0 = m.kernel();
        RawSpinlock lock = RawSpinlock.create(k0, "rcu_node_0");
        GuardedLong qsmask = new GuardedLong(k0.ownership(), "rcu_node[0].qsmask",
                Rules.lockHeld(lock, "rcu_node[0].lock"), Rules.lockHeld(lock, "rcu_node[0].lock"), 0);
        m.spawn(0, "reporter", k -> {
            k.rawSpinLock(lock);
            qsmask.andNotBits(1);
            k.rawSpinUnlock(lock);
            qsmask.get();
        });
        RunResult r = m.run(Runs.random(1));
        assertEquals(SimFailure.Kind.OWNERSHIP, r.failure().kind(), r::describe);
        assertTrue(r.failure().getMessage().contains("read of rcu_node[0].qsmask"), r::describe);
        assertTrue(r.failure().getMessage().contains("rule: rcu_node[0].lock held"), r::describe);
    }
}
