package rcusim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
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
    public record Row(int cpus, String load, long gps, double seconds, double cpuSeconds, long steps, long peakHeapBytes,
            String outcome) {
        public double gpsPerSecond() {
            return gps / seconds;
        }

        /** Grace periods per second of this thread's CPU time (other tenants of a shared host inflate it less). */
        public double gpsPerCpuSecond() {
            return gps / cpuSeconds;
        }
    }

    /**
     * One configuration run warmups + repeats times (the same run each time: same seed, same
     * steps): the timed repetitions' rates, sorted, and the first run's counts. A repetition
     * whose grace periods, steps or outcome differ from the first makes the outcome say so.
     */
    public record Series(int cpus, String load, long gps, long steps, double[] wallRates, double[] cpuRates,
            long peakHeapBytes, String outcome) {
        public double stepsPerGp() {
            return gps == 0 ? 0 : steps / (double) gps;
        }

        public static double median(double[] sorted) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    /** Runs one configuration warmups times untimed (the JIT's warm-up), then repeats times timed. */
    public static Series repeat(int warmups, int repeats, Supplier<Row> run) {
        if (repeats < 1 || warmups < 0) {
            throw new IllegalArgumentException("repeats must be positive and warm-ups not negative");
        }
        Row first = run.get();
        String outcome = first.outcome();
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        long peak = 0;
        // the first run is a warm-up too unless there are none
        for (int i = warmups == 0 ? -1 : 1; i < warmups + repeats; i++) {
            Row r = i < 0 ? first : run.get();
            if (outcome.equals("passed") && (r.gps() != first.gps() || r.steps() != first.steps()
                    || !r.outcome().equals(first.outcome()))) {
                outcome = "not deterministic: " + r.gps() + " GPs in " + r.steps() + " steps, against " + first.gps()
                        + " in " + first.steps();
            }
            int k = i < 0 ? 0 : i - warmups;
            if (k >= 0) {
                wall[k] = r.gpsPerSecond();
                cpu[k] = r.gpsPerCpuSecond();
                peak = Math.max(peak, r.peakHeapBytes());
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Series(first.cpus(), first.load(), first.gps(), first.steps(), wall, cpu, peak, outcome);
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
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Simulation m = machine(cpus);
        TreeRcu rcu = TreeRcu.install(m, RcuConfig.preemptibleDefaults());
        workload.accept(m, rcu);
        // as a campaign's runs: no decision log and no lockdep sites (same steps and decisions)
        m.skipRecording();
        RunResult r = m.run(new RandomDecider(seed));
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        return new Row(cpus, load, rcu.gpsCompletedAfterRun(), s, cpu, r.steps(), peakHeap(), r.passed() ? "passed" : r.describe());
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
