package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;

/** Misuse by simulated code fails the run with the kernel's message and the decision index. */
class KernelMisuseTest {

    private static RunResult run(int cpus, Consumer<Kernel> body) {
        Simulation m = Runs.kernel(cpus, MemoryModel.WEAK);
        m.spawn(0, "culprit", body);
        return m.run(Runs.random(7));
    }

    private static void assertFails(RunResult r, SimFailure.Kind kind, String text) {
        assertFalse(r.passed(), "the run passed");
        assertEquals(kind, r.failure().kind(), r::describe);
        assertTrue(r.failure().getMessage().contains(text), r::describe);
        assertTrue(r.describe().startsWith("FAILED at decision " + r.decisionIndex()), r::describe);
    }

    @Test
    void unlockOfAnUnheldLock() {
        RunResult r = run(1, k -> k.rawSpinUnlock(RawSpinlock.create(k, "never_taken")));
        assertFails(r, SimFailure.Kind.LOCKDEP, "WARNING: bad unlock balance detected!");
        assertTrue(r.failure().getMessage().contains("never_taken"), r::describe);
    }

    @Test
    void sleepingWithIrqsDisabled() {
        RunResult r = run(1, k -> {
            k.localIrqDisable();
            k.mutexLock(new Mutex("some_mutex"));
        });
        assertFails(r, SimFailure.Kind.ATOMIC_SLEEP, "BUG: sleeping function called from invalid context");
        assertTrue(r.failure().getMessage().contains("irqs_disabled(): 1"), r::describe);
    }

    @Test
    void schedulingWhileAtomic() {
        RunResult r = run(1, k -> {
            k.preemptDisable();
            k.setCurrentStateNoBarrier(TaskState.UNINTERRUPTIBLE);
            k.schedule();
        });
        assertFails(r, SimFailure.Kind.ATOMIC_SLEEP, "BUG: scheduling while atomic: culprit/");
    }

    @Test
    void enablingIrqsInHardirqContext() {
        RunResult r = run(1, k -> {
            k.irqWorkQueue(new IrqWork("bad", kk -> kk.localIrqEnable()));
            for (int i = 0; i < 20; i++) {
                k.condResched();
            }
        });
        assertFails(r, SimFailure.Kind.KERNEL_MISUSE, "local_irq_enable() in hardirq context");
    }

    @Test
    void takingACpuOfflineTwice() {
        RunResult r = run(2, k -> {
            k.cpuDown(1);
            k.cpuDown(1);
        });
        assertFails(r, SimFailure.Kind.KERNEL_MISUSE, "cpu_down(1): CPU 1 is already offline");
    }

    @Test
    void offliningTheLastOnlineCpu() {
        RunResult r = run(2, k -> {
            k.cpuDown(1);
            k.cpuDown(0);
        });
        assertFails(r, SimFailure.Kind.KERNEL_MISUSE, "cannot take the last online CPU offline");
    }

    @Test
    void warnOnFailsWithItsCondition() {
        RunResult r = run(1, k -> k.warnOn(k.nrCpus() == 1, "nr_cpus == 1"));
        assertFails(r, SimFailure.Kind.WARN, "WARN_ON(nr_cpus == 1)");
    }

    /** Two tasks each wait for a completion only the other would complete after it. */
    @Test
    void deadlockNamesWhoWaitsForWhat() {
        Simulation m = Runs.kernel(2, MemoryModel.WEAK);
        Completion a = new Completion("a_done");
        Completion b = new Completion("b_done");
        m.spawn(0, "A", k -> {
            b.waitForCompletion(k);
            a.complete(k);
        });
        m.spawn(1, "B", k -> {
            a.waitForCompletion(k);
            b.complete(k);
        });
        RunResult r = m.run(Runs.random(3));
        assertFails(r, SimFailure.Kind.DEADLOCK, "task A/");
        assertTrue(r.failure().getMessage().contains("on wait queue b_done"), r::describe);
        assertTrue(r.failure().getMessage().contains("on wait queue a_done"), r::describe);
    }

    @Test
    void misuseNeverCrashesTheTool() {
        RunResult r = run(1, k -> k.preemptEnable());
        assertFails(r, SimFailure.Kind.KERNEL_MISUSE, "preempt_enable() without a matching preempt_disable()");
    }
}
