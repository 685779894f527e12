package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.RunResult;
import rcusim.machine.memory.MemoryModel;

class KernelSmokeTest {
    @Test
    void tasksRunToTheEndWithTicksAndPreemption() {
        for (long seed = 0; seed < 20; seed++) {
            Simulation m = Runs.kernel(2, MemoryModel.WEAK);
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
        }
    }

    static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    /** The kernel's tracepoints come out in ftrace's text format. */
    @Test
    void ftraceFormatEvents() {
        Simulation m = Runs.kernel(2, MemoryModel.WEAK);
        Kernel k0 = m.kernel();
        long x = k0.alloc(1);
        for (int t = 0; t < 3; t++) {
            m.spawnUnbound(t % 2, "worker" + t, Task.Kind.KTHREAD, k -> {
                for (int i = 0; i < 3000; i++) {
                    k.atomicInc(x);
                }
            });
        }
        RunResult r = m.run(Runs.prefer(rcusim.machine.decide.OptionKind.RESCHED, 5));
        assertTrue(r.passed(), r::describe);
        String ft = m.ftrace();
        assertTrue(ft.startsWith("# tracer: nop"), ft.substring(0, Math.min(200, ft.length())));
        assertTrue(ft.lines().anyMatch(l -> l.matches(
                "\\s*worker\\d-\\d+\\s+\\[00\\d\\] [d.][N.][hHs.][0-9a-f.]. +\\d+\\.\\d{6}: sched_switch: prev_comm=worker\\d .*")),
                () -> ft.lines().filter(l -> l.contains("sched_switch")).limit(3).toList().toString());
        assertTrue(ft.contains(": irq_handler_entry: irq=0 name=tick"), "no tick events");
        if (Boolean.getBoolean("rcusim.show")) {
            ft.lines().limit(30).forEach(System.out::println);
        }
    }
}
