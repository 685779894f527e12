package rcusim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.MemoryModel;

/**
 * Misuse by simulated code fails the run with a clear message and the decision index, never
 * with a Java exception escaping the machine.
 */
class MachineFailuresTest {
    /** Always runs the lowest-numbered CPU that can step; drains only when nothing can. */
    private static final Decider LOWEST_CPU_FIRST = o -> {
        for (int i = 0; i < o.size(); i++) {
            if (o.kind(i) == OptionKind.STEP) {
                return i;
            }
        }
        return 0;
    };

    private static Simulation machine(int cpus) {
        return new Simulation(MachineConfig.of(cpus, MemoryModel.WEAK));
    }

    @Test
    void useAfterFreeNamesTheAccessAndTheFree() {
        RunResult r = freeWhileReading(new RandomDecider(7)).run;
        assertFalse(r.passed());
        assertEquals(SimFailure.Kind.USE_AFTER_FREE, r.failure().kind());
        String report = r.describe();
        assertTrue(report.contains("FAILED at decision " + r.decisionIndex()), report);
        assertTrue(report.contains("READ_ONCE of location 0 after it was freed"), report);
        assertTrue(report.contains("readIt"), "access stack: " + report);
        assertTrue(report.contains("freed by CPU 0 at:") && report.contains("freeIt"), "free stack: " + report);
    }

    record Outcome(RunResult run) {
    }

    /** CPU 0 frees p and raises a flag; CPU 1 waits for the flag, then reads p. */
    private static Outcome freeWhileReading(Decider d) {
        Simulation m = machine(2);
        Kernel k = m.kernel();
        long p = k.alloc(1);
        long flag = k.alloc(1);
        m.spawn(0, "freer", kk -> freeIt(kk, p, flag));
        m.spawn(1, "reader", kk -> {
            kk.smpCondLoadAcquire(flag, v -> v == 1);
            readIt(kk, p);
        });
        return new Outcome(m.run(d));
    }

    private static void freeIt(Kernel k, long p, long flag) {
        k.free(p);
        k.smpStoreRelease(flag, 1);
    }

    private static void readIt(Kernel k, long p) {
        while (true) {
            k.readOnce(p);
        }
    }

    @Test
    void accessToANonLocationFails() {
        Simulation m = machine(1);
        m.spawn(0, "wild", kk -> kk.readOnce(12345));
        RunResult r = m.run(new RandomDecider(1));
        assertEquals(SimFailure.Kind.BAD_ADDRESS, r.failure().kind());
        assertTrue(r.failure().getMessage().contains("READ_ONCE of address 12345, which is not a simulated location"));
        assertEquals(0, r.decisionIndex());
    }

    @Test
    void unlockOfAnUnheldLockFails() {
        Simulation m = machine(1);
        long lock = m.kernel().alloc(1);
        m.spawn(0, "bad", kk -> kk.spinUnlock(lock));
        RunResult r = m.run(new RandomDecider(1));
        assertEquals(SimFailure.Kind.LOCK_MISUSE, r.failure().kind());
        assertTrue(r.failure().getMessage().contains("which does not hold it (it is not held)"), r.describe());
    }

    @Test
    void deadlockReportsWhoWaitsForWhat() {
        Simulation m = machine(2);
        long lock = m.kernel().alloc(1);
        m.spawn(0, "holder", kk -> kk.spinLock(lock));
        m.spawn(1, "waiter", kk -> kk.spinLock(lock));
        RunResult r = m.run(LOWEST_CPU_FIRST);
        assertEquals(SimFailure.Kind.DEADLOCK, r.failure().kind());
        assertTrue(r.failure().getMessage().contains("CPU 1 (waiter) waits in spin_lock on location 0"),
                r.failure().getMessage());
    }

    @Test
    void livelockIsCaughtByTheStepLimit() {
        Simulation m = new Simulation(new MachineConfig(1, MemoryModel.SC, 8, 500));
        long x = m.kernel().alloc(1);
        m.spawn(0, "spinner", kk -> {
            while (kk.readOnce(x) == 0) {
                kk.smpRmb();
            }
        });
        RunResult r = m.run(new RandomDecider(1));
        assertEquals(SimFailure.Kind.LIVELOCK, r.failure().kind());
        assertEquals(501, r.steps());
    }

    @Test
    void outOfRangeCpuIsRejected() {
        Simulation m = machine(2);
        SimFailure f = assertThrows(SimFailure.class, () -> m.spawn(2, "nowhere", kk -> { }));
        assertEquals(SimFailure.Kind.BAD_CPU, f.kind());
        assertTrue(f.getMessage().contains("CPU 2 is out of range (the machine has CPUs 0 to 1)"));
        assertThrows(IllegalArgumentException.class, () -> MachineConfig.of(4097, MemoryModel.SC));
    }

    @Test
    void replayOfARecordedFailureFailsIdentically() {
        RunResult first = freeWhileReading(new RandomDecider(3)).run;
        ReplayDecider replay = new ReplayDecider(first.decisions());
        RunResult second = freeWhileReading(replay).run;
        replay.checkConsumed(second);
        assertEquals(first.describe(), second.describe());
        assertEquals(first.steps(), second.steps());
    }
}
