package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.RunResult;
import rcusim.machine.memory.MemoryModel;

/** Bugs found by exploring the demo scenarios, kept found. */
class KernelRegressionTest {

    /**
     * Repeated offline/online must keep ksoftirqd/1 bound to CPU 1 and parked while it is
     * offline: a softirq raised on CPU 1 afterwards runs (it was lost when a stale "parked"
     * flag let a park return early, or wake_up woke a parked kthread).
     */
    @Test
    void ksoftirqdKeepsItsCpuAcrossHotplug() {
        for (long seed = 0; seed < 200; seed++) {
            Simulation m = Runs.kernel(2, MemoryModel.WEAK);
            long ran = m.kernel().alloc(1);
            m.kernel().openSoftirq(Softirq.TASKLET, k -> k.writeOnce(ran, 1));
            m.spawn(0, "control", k -> {
                k.cpuDown(1);
                k.cpuUp(1);
                k.cpuDown(1);
                k.cpuUp(1);
                Task t = k.kthreadCreate("raiser", kk -> {
                    kk.localIrqDisable();
                    kk.raiseSoftirq(Softirq.TASKLET);
                    kk.localIrqEnable();
                });
                k.kthreadBind(t, 1);
                k.wakeUpProcess(t);
                for (int i = 0; i < 50 && k.readOnce(ran) == 0; i++) {
                    k.scheduleTimeoutInterruptible(1);
                }
                k.bugOn(k.readOnce(ran) == 0, "TASKLET raised on CPU 1 never ran");
            });
            RunResult r = m.run(Runs.random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
        }
    }

    /** What a task stored before complete() is visible to the task that waited for it. */
    @Test
    void completionOrdersTheCompletersStores() {
        for (long seed = 0; seed < 300; seed++) {
            Simulation m = Runs.kernel(2, MemoryModel.WEAK);
            long x = m.kernel().alloc(1);
            Completion done = new Completion("done");
            m.spawn(0, "completer", k -> {
                k.writeOnce(x, 1);
                done.complete(k);
            });
            m.spawn(1, "waiter", k -> {
                done.waitForCompletion(k);
                k.bugOn(k.readOnce(x) != 1, "stale read after wait_for_completion");
            });
            RunResult r = m.run(Runs.random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
        }
    }
}
