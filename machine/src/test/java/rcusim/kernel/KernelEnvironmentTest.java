package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.machine.RunResult;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemoryModel;

/** The kernel environment's must-show behaviours (issue: kernel environment). */
class KernelEnvironmentTest {

    private static long value(Simulation m, long addr) {
        return m.memory().latestValue(Address.locationOf(addr));
    }

    /**
     * Two tasks share one CPU under full preemption; ticks keep asking for reschedules. Each
     * task counts in simulated memory and checks that it sees its own last value: a preempted
     * task must continue exactly where it left, with its registers (Java locals) intact.
     */
    @Test
    void aPreemptedTaskResumesWhereItLeft() {
        for (long seed = 0; seed < 10; seed++) {
            Simulation m = Runs.kernel(1, MemoryModel.WEAK);
            Kernel k0 = m.kernel();
            long[] slot = {k0.alloc(1), k0.alloc(1)};
            for (int t = 0; t < 2; t++) {
                long mine = slot[t];
                m.spawnUnbound(0, "counter" + t, Task.Kind.KTHREAD, k -> {
                    for (long i = 0; i < 3000; i++) {
                        long seen = k.readOnce(mine);
                        k.bugOn(seen != i, "lost its place: expected " + i + ", read " + seen);
                        k.writeOnce(mine, i + 1);
                    }
                });
            }
            RunResult r = m.run(Runs.prefer(OptionKind.RESCHED, seed));
            assertTrue(r.passed(), r::describe);
            assertEquals(3000, value(m, slot[0]));
            assertEquals(3000, value(m, slot[1]));
            long switches = m.trace().lines().filter(l -> l.contains("sched_switch counter")).count();
            assertTrue(switches >= 4, "preempted only " + switches + " times");
        }
    }

    /** Records what each tick on a CPU saw, for the tests below. */
    private static final class TickProbe implements KernelHooks {
        final List<String> seen = new ArrayList<>();
        final int cpu;
        boolean recording = true;

        TickProbe(int cpu) {
            this.cpu = cpu;
        }

        @Override
        public void schedClockIrq(Kernel k, boolean user) {
            if (k.smpProcessorId() == cpu && recording) {
                seen.add((k.inIrq() ? "hardirq" : "") + (k.inServingSoftirq() ? "+softirq" : ""));
            }
        }
    }

    /**
     * A softirq runs on irq exit with irqs enabled, so a tick can interrupt it: the tick
     * handler then runs in hardirq context nested in softirq context.
     */
    @Test
    void aHardirqNestsInASoftirq() {
        Simulation m = Runs.kernel(1, MemoryModel.WEAK);
        TickProbe probe = new TickProbe(0);
        m.setHooks(probe);
        Kernel k0 = m.kernel();
        long x = k0.alloc(1);
        long softirqRuns = k0.alloc(1);
        k0.openSoftirq(Softirq.HI, k -> {
            for (int i = 0; i < 3000; i++) {
                k.writeOnce(x, i);
            }
            k.writeOnce(softirqRuns, k.readOnce(softirqRuns) + 1);
        });
        IrqWork raise = new IrqWork("raise HI", k -> k.raiseSoftirq(Softirq.HI));
        m.spawn(0, "raiser", k -> {
            k.irqWorkQueue(raise);
            for (int i = 0; i < 10; i++) {
                k.condResched();
            }
        });
        RunResult r = m.run(Runs.prefer(OptionKind.INTERRUPT, 1));
        assertTrue(r.passed(), r::describe);
        assertEquals(1, value(m, softirqRuns));
        assertTrue(probe.seen.contains("hardirq+softirq"), "ticks saw only " + probe.seen);
    }

    /**
     * spin_lock_irqsave() disables irqs: however eagerly the decider takes interrupts, no tick
     * runs on that CPU while the lock is held, and the tick that fell due runs right after.
     */
    @Test
    void spinLockIrqsaveBlocksTheTick() {
        Simulation m = Runs.kernel(2, MemoryModel.WEAK);
        Kernel k0 = m.kernel();
        long inside = k0.alloc(1);
        RawSpinlock lock = RawSpinlock.create(k0, "test_lock");
        List<Long> ticksInside = new ArrayList<>();
        List<Long> ticksAfter = new ArrayList<>();
        m.setHooks(new KernelHooks() {
            @Override
            public void schedClockIrq(Kernel k, boolean user) {
                if (k.smpProcessorId() == 0) {
                    (value(m, inside) == 1 ? ticksInside : ticksAfter).add(k.jiffies());
                }
            }
        });
        m.spawn(0, "holder", k -> {
            long flags = k.rawSpinLockIrqsave(lock);
            k.writeOnce(inside, 1);
            k.smpMb();
            for (int i = 0; i < 10_000; i++) {
                k.readOnce(inside);
            }
            k.writeOnce(inside, 0);
            k.smpMb();
            k.rawSpinUnlockIrqrestore(lock, flags);
            for (int i = 0; i < 10; i++) {
                k.readOnce(inside);
            }
        });
        RunResult r = m.run(Runs.prefer(OptionKind.INTERRUPT, 2));
        assertTrue(r.passed(), r::describe);
        assertEquals(List.of(), ticksInside, "ticks ran inside spin_lock_irqsave");
        assertFalse(ticksAfter.isEmpty(), "the pending tick never ran");
    }

    /**
     * CPU 2 goes offline and comes back while it has queued tasks, an armed timer and a
     * pending softirq: every task finishes, the timer fires, the softirq runs.
     */
    @Test
    void aCpuTakenOfflineAndBackLosesNothing() {
        for (long seed = 0; seed < 10; seed++) {
            Simulation m = Runs.kernel(3, MemoryModel.WEAK);
            Kernel k0 = m.kernel();
            long done = k0.alloc(1);
            long timerFired = k0.alloc(1);
            long softirqRan = k0.alloc(1);
            k0.openSoftirq(Softirq.TASKLET, k -> k.writeOnce(softirqRan, 1));
            TimerList timer = new TimerList("test_timer", k -> k.writeOnce(timerFired, 1));
            long ready = k0.alloc(1);
            for (int t = 0; t < 3; t++) {
                m.spawnUnbound(2, "worker" + t, Task.Kind.KTHREAD, k -> {
                    for (int i = 0; i < 300; i++) {
                        k.readOnce(done);
                    }
                    k.atomicInc(done);
                });
            }
            m.spawn(2, "arm", k -> {
                k.modTimer(timer, k.jiffies() + 3);
                k.localIrqDisable();
                k.raiseSoftirq(Softirq.TASKLET);
                k.localIrqEnable();
                k.writeOnce(ready, 1);
            });
            m.spawn(0, "control", k -> {
                k.smpCondLoadAcquire(ready, v -> v == 1);
                k.cpuDown(2);
                k.bugOn(k.cpuOnline(2), "CPU 2 still online");
                for (int i = 0; i < 50; i++) {
                    k.condResched();
                }
                k.cpuUp(2);
                k.bugOn(!k.cpuOnline(2), "CPU 2 not online");
            });
            m.spawn(1, "waiter", k -> {
                k.smpCondLoadAcquire(done, v -> v == 3);
                k.smpCondLoadAcquire(timerFired, v -> v == 1);
                k.smpCondLoadAcquire(softirqRan, v -> v == 1);
            });
            RunResult r = m.run(Runs.random(seed));
            assertTrue(r.passed(), () -> r.describe() + KernelSmokeTest.tail(m.trace()));
            assertEquals(3, value(m, done));
            assertEquals(1, value(m, timerFired));
            assertEquals(1, value(m, softirqRan));
            assertTrue(m.trace().contains("cpuhp_exit offline"), "CPU 2 never went offline");
        }
    }
}
