package rcusim.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.memory.MemoryModel;

class KernelSmokeTest {
    @Test
    void tasksRunToTheEndWithTicksAndPreemption() {
        for (long seed = 0; seed < 20; seed++) {
            Machine m = Runs.kernel(2, MemoryModel.WEAK);
            Kernel k0 = m.kernel();
            long x = k0.alloc(1);
            for (int t = 0; t < 3; t++) {
                m.spawnUnbound(t % 2, "worker" + t, Task.Kind.KTHREAD, k -> {
                    for (int i = 0; i < 2000; i++) {
                        k.atomicInc(x);
                    }
                });
            }
            RunResult r = m.run(Runs.random(seed));
            assertTrue(r.passed(), () -> r.describe() + "\n" + tail(m.trace()));
            assertEquals(6000, m.memory().latestValue(rcusim.machine.memory.Address.locationOf(x)));
            String tr = m.trace();
            if (seed == 0) {
                System.out.println("ticks " + tr.lines().filter(l -> l.contains("irq_handler_entry tick")).count()
                        + " switches " + tr.lines().filter(l -> l.contains("sched_switch")).count()
                        + " preempt " + tr.lines().filter(l -> l.contains("preempt/")).count() + " steps " + r.steps()
                        + " now " + m.nowNs());
                System.out.println(tr.lines().filter(l -> l.contains("sched_switch")).limit(20).toList());
            }
        }
    }

    static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
