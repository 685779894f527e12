package rcusim.bench;

import java.lang.management.ManagementFactory;
import java.util.function.IntToLongFunction;
import rcusim.sched.explore.Campaign;
import rcusim.sched.explore.CampaignConfig;
import rcusim.sched.explore.CampaignResult;
import rcusim.sched.explore.Shard;
import rcusim.sched.scenario.Scenario;

/**
 * Campaign throughput with one and with two workers, in one JVM: the same campaign (same
 * master seed, so the same runs) alternately with 1 and 2 workers, after a warm-up; and, in the
 * same process, the machine's own speed-up on two reference loops, one compute-bound and one
 * that reads and writes a 16 MiB array at random (memory-bound): what two threads can gain
 * here at best. CPU time per run (the process's) tells whether the second worker got a core of
 * its own but ran slower on it, or did not get one.
 */
public final class CampaignThroughput {
    /** One campaign: how many workers, runs per second, process CPU seconds per run, machine steps. */
    public record Round(int jobs, long runs, double seconds, double cpuSecondsPerRun, long steps) {
        public double runsPerSecond() {
            return runs / seconds;
        }
    }

    /** A reference loop's speed-up with two threads over one. */
    public record Baseline(String name, double oneThreadSeconds, double twoThreadSeconds) {
        /** Two threads do twice the work: this is the gain in work per second. */
        public double speedUp() {
            return 2 * oneThreadSeconds / twoThreadSeconds;
        }
    }

    private CampaignThroughput() {
    }

    /** Runs the campaign with the given workers and measures it. */
    public static Round campaign(Scenario scenario, long runs, int jobs, long seed) {
        CampaignConfig config = new CampaignConfig(scenario, "random", seed, runs, -1, jobs, Shard.ALL, false);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        CampaignResult r = new Campaign(config).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        return new Round(jobs, r.runs, seconds, cpu / Math.max(1, r.runs), r.steps);
    }

    /** The compute-bound reference: eight independent multiply-add chains, n times. */
    public static Baseline compute(long n) {
        return baseline("compute-bound loop", i -> computeLoop(n));
    }

    /** The memory-bound reference: n random reads and writes over a 16 MiB array of each thread's own. */
    public static Baseline memory(int n) {
        return baseline("memory-bound loop (16 MiB each)", i -> memoryLoop(n));
    }

    private static Baseline baseline(String name, IntToLongFunction work) {
        sink = work.applyAsLong(0); // compiled before it is timed
        double one = timed(1, work);
        double two = timed(2, work);
        return new Baseline(name, one, two);
    }

    /** Where the loops' results go, so that the JIT cannot drop the loops. */
    private static volatile long sink;

    private static double timed(int threads, IntToLongFunction work) {
        Thread[] t = new Thread[threads];
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int k = i;
            t[i] = new Thread(() -> sink = work.applyAsLong(k), "rcusim-baseline-" + i);
            t[i].start();
        }
        for (Thread x : t) {
            try {
                x.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long computeLoop(long n) {
        long a = 1;
        long b = 2;
        long c = 3;
        long d = 4;
        long e = 5;
        long f = 6;
        long g = 7;
        long h = 8;
        for (long i = 0; i < n; i++) {
            a = a * 3 + i;
            b = b * 5 + i;
            c = c * 7 + i;
            d = d * 9 + i;
            e = e * 11 + i;
            f = f * 13 + i;
            g = g * 15 + i;
            h = h * 17 + i;
        }
        return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
    }

    private static long memoryLoop(int n) {
        int[] a = new int[1 << 22];
        long sum = 0;
        int j = 1;
        for (int i = 0; i < n; i++) {
            j = (j * 1103515245 + 12345) & ((1 << 22) - 1);
            sum += a[j];
            a[j] = i;
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
