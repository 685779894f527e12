package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;

/** lockdep as simulated code meets it: reports come from real lock operations on CPUs. */
class LockdepInMachineTest {

    /**
     * CPU 0 takes A then B and lets go; only then does CPU 1 take B then A. No schedule of
     * this program deadlocks, yet lockdep reports the inversion with both chains.
     */
    @Test
    void abbaIsReportedEvenWhenItDoesNotDeadlock() {
        for (long seed = 0; seed < 5; seed++) {
            Simulation m = Runs.kernel(2, MemoryModel.WEAK);
            Kernel k0 = m.kernel();
            RawSpinlock a = RawSpinlock.create(k0, "lock_A");
            RawSpinlock b = RawSpinlock.create(k0, "lock_B");
            long firstDone = k0.alloc(1);
            m.spawn(0, "ab", k -> {
                k.rawSpinLock(a);
                k.rawSpinLock(b);
                k.rawSpinUnlock(b);
                k.rawSpinUnlock(a);
                k.smpStoreRelease(firstDone, 1);
            });
            m.spawn(1, "ba", k -> {
                k.smpCondLoadAcquire(firstDone, v -> v == 1);
                k.rawSpinLock(b);
                k.rawSpinLock(a);
                k.rawSpinUnlock(a);
                k.rawSpinUnlock(b);
            });
            RunResult r = m.run(Runs.random(seed));
            assertEquals(SimFailure.Kind.LOCKDEP, r.failure().kind(), r::describe);
            String msg = r.failure().getMessage();
            assertTrue(msg.startsWith("WARNING: possible circular locking dependency detected"), msg);
            assertTrue(msg.contains("ba/") && msg.contains("is trying to acquire lock"), msg);
            assertTrue(msg.contains("lock_A") && msg.contains("lock_B"), msg);
            assertTrue(msg.contains("the existing dependency chain (in reverse order) is:"), msg);
            assertTrue(msg.contains("abbaIsReportedEvenWhenItDoesNotDeadlock"), "no site in the chain: " + msg);
        }
    }

    /** A lock taken in a hardirq and elsewhere with irqs on is an inconsistent lock state. */
    @Test
    void irqSafetyInversion() {
        Simulation m = Runs.kernel(1, MemoryModel.WEAK);
        Kernel k0 = m.kernel();
        RawSpinlock l = RawSpinlock.create(k0, "stats_lock");
        IrqWork work = new IrqWork("stats", k -> {
            k.rawSpinLock(l);
            k.rawSpinUnlock(l);
        });
        m.spawn(0, "updater", k -> {
            k.irqWorkQueue(work);
            for (int i = 0; i < 20; i++) {
                k.condResched();
            }
            k.rawSpinLock(l);
            k.rawSpinUnlock(l);
        });
        RunResult r = m.run(Runs.prefer(rcusim.machine.decide.OptionKind.INTERRUPT, 1));
        assertEquals(SimFailure.Kind.LOCKDEP, r.failure().kind(), r::describe);
        assertTrue(r.failure().getMessage().contains("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage"),
                r.failure().getMessage());
    }

    @Test
    void assertHeldFailsWithoutTheLock() {
        Simulation m = Runs.kernel(1, MemoryModel.WEAK);
        Kernel k0 = m.kernel();
        RawSpinlock l = RawSpinlock.create(k0, "rnp_lock");
        m.spawn(0, "checker", k -> {
            k.rawSpinLock(l);
            k.lockdepAssertHeld(l);
            k.rawSpinUnlock(l);
            k.lockdepAssertHeld(l);
        });
        RunResult r = m.run(Runs.random(1));
        assertEquals(SimFailure.Kind.LOCKDEP, r.failure().kind(), r::describe);
        assertTrue(r.failure().getMessage().contains("rnp_lock"), r.failure().getMessage());
    }
}
