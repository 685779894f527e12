package rcusim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.function.BiConsumer;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.TreeRcu;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;
import rcusim.sched.RandomDecider;

/**
 * Grace periods per wall-second of Tree RCU (preemptible, default fanouts 64/16) on an idle
 * machine (one task calling synchronize_rcu() back to back) and under the torture workload,
 * with the peak heap of each run.
 *
 * <p>Time is parallel ({@link KernelConfig#parallelTime()}): each CPU's operation takes
 * {@link #CPU_STEP_NS} and busy CPUs run side by side, so a CPU's speed against the tick does
 * not fall as the machine grows (with the scenarios' sequential time a 4096-CPU machine would
 * not finish one tick handler per CPU per jiffy). 8 us per operation is the speed a CPU has in
 * the 8-CPU scenarios (1 us per machine step, 8 CPUs taking turns).
 */
public final class GpRate {
    /** One measured configuration. */
    public record Row(int cpus, String load, long gps, double seconds, long steps, long peakHeapBytes, String outcome) {
        public double gpsPerSecond() {
            return gps / seconds;
        }
    }

    public static final long CPU_STEP_NS = 8_000;

    private GpRate() {
    }

    private static Simulation machine(int cpus) {
        return new Simulation(MachineConfig.of(cpus, MemoryModel.WEAK)
                .withKernel(KernelConfig.kernel().withParallelTime(true).withStepNs(CPU_STEP_NS)).withStepLimit(Long.MAX_VALUE / 2),
                StrandFactory.best(), false);
    }

    /** synchronize_rcu() gps times from one task; every other CPU idles (NO_HZ). */
    public static Row idle(int cpus, int gps, long seed) {
        return measure(cpus, "idle", seed, (m, rcu) -> m.spawn(0, "updater", k -> {
            for (int i = 0; i < gps; i++) {
                rcu.synchronizeRcu(k);
            }
        }));
    }

    /**
     * rcutorture's workload: readers (up to 7; no long reads, which rcutorture makes rare), the writer with
     * {@code updates} updates, the call_rcu writer, a CPU hog, and hotplug of CPUs 1-3. No rcu_barrier()
     * tester: ours queues a callback on every online CPU by IPI, so its cost grows with the machine
     * (rcutorture's uses a fixed number of kthreads).
     */
    public static Row torture(int cpus, int updates, long seed) {
        TortureConfig small = TortureConfig.small();
        TortureConfig cfg = new TortureConfig(Math.min(7, cpus - 1), small.readerLoops() * updates / small.updates(),
                small.readDelay(), 0, updates, true, true,
                cpus > 3 ? new int[] {1, 2, 3} : new int[0], 1, small.writerStallJiffies(), false);
        return measure(cpus, "torture", seed, (m, rcu) -> RcuTorture.start(m, rcu, cfg, seed));
    }

    /** One run of Tree RCU on a fresh machine with the given workload, timed from the machine's creation. */
    private static Row measure(int cpus, String load, long seed, BiConsumer<Simulation, TreeRcu> workload) {
        resetPeaks();
        long t0 = System.nanoTime();
        Simulation m = machine(cpus);
        TreeRcu rcu = TreeRcu.install(m, RcuConfig.preemptibleDefaults());
        workload.accept(m, rcu);
        // as a campaign's runs: no decision log and no lockdep sites (same steps and decisions)
        m.skipRecording();
        RunResult r = m.run(new RandomDecider(seed));
        double s = (System.nanoTime() - t0) / 1e9;
        return new Row(cpus, load, rcu.gpsCompleted(), s, r.steps(), peakHeap(), r.passed() ? "passed" : r.describe());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound on the live peak). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
