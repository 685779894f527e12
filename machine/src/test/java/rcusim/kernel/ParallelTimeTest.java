package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.KernelConfig;
import rcusim.machine.RunResult;

/** Sequential time charges every machine step to the clock; parallel time shares it among the busy CPUs. */
class ParallelTimeTest {
    private static final int CPUS = 4;
    private static final int WRITES = 5_000;

    /** Virtual nanoseconds 4 CPUs need for 5,000 stores each. */
    private static long elapsedNs(KernelConfig kc) {
        Simulation m = Runs.kernel(CPUS, kc);
        long x = m.kernel().alloc(CPUS);
        long[] end = new long[1];
        for (int c = 0; c < CPUS; c++) {
            int cpu = c;
            m.spawn(c, "writer" + c, k -> {
                for (int i = 0; i < WRITES; i++) {
                    k.writeOnce(x + cpu, i);
                }
                end[0] = Math.max(end[0], k.nowNs());
            });
        }
        RunResult r = m.run(Runs.random(7));
        assertTrue(r.passed(), r.describe());
        return end[0];
    }

    @Test
    void busyCpusShareAStepsTime() {
        long sequential = elapsedNs(KernelConfig.kernel());
        long parallel = elapsedNs(KernelConfig.kernel().withParallelTime(true));
        double ratio = (double) sequential / parallel;
        // 4 CPUs busy nearly all the time: time runs about 4 times slower per step
        assertTrue(ratio > 3.2 && ratio < 4.3, "sequential " + sequential + " ns, parallel " + parallel + " ns");
    }

    @Test
    void oneBusyCpuTakesTheFullStep() {
        Simulation m = Runs.kernel(2, KernelConfig.kernel().withParallelTime(true));
        long x = m.kernel().alloc(1);
        long[] ns = new long[2];
        m.spawn(0, "alone", k -> {
            ns[0] = k.nowNs();
            for (int i = 0; i < 1000; i++) {
                k.readOnce(x);
            }
            ns[1] = k.nowNs();
        });
        assertTrue(m.run(Runs.random(1)).passed());
        // the other CPU idles in WFI: each of the 1000 steps (and the ticks between) costs 1 us
        assertTrue(ns[1] - ns[0] >= 1000 * 1000L, "elapsed " + (ns[1] - ns[0]));
        assertEquals(1000, KernelConfig.kernel().stepNs());
    }
}
