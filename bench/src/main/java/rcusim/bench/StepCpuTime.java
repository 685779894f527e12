package rcusim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.ContinuationStrands;
import rcusim.machine.strand.Strand;

/**
 * (b)/(a) of docs/benchmarks.md by this thread's CPU time instead of wall time, so that other
 * work on a shared host inflates it less (it still pollutes the caches): in each round a batch
 * of bare continuation switches, then 60 {@link DecisionCost} runs, then with a second argument
 * 60 more with every step parking ({@code Machine.setInlineSteps(false)}); the medians of the
 * rounds after the first third (JIT warm-up). Usage: {@code StepCpuTime ROUNDS [parking]}.
 */
public final class StepCpuTime {
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();

    private StepCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        ContinuationStrands f = new ContinuationStrands();
        Strand s = f.create("loop", () -> {
            while (true) {
                f.park();
            }
        });
        DecisionCost d = new DecisionCost();
        d.substrate = "continuation";
        d.opsPerCpu = 2000;
        d.model = MemoryModel.WEAK;
        d.machineCpus = DecisionCost.CPUS;
        int[][][] w = DecisionCost.workload(d.opsPerCpu);
        d.kinds = w[0];
        d.locs = w[1];
        boolean hasInline = args.length > 1;
        double[] sw = new double[rounds];
        double[] st = new double[rounds];
        double[] stPark = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long c0 = T.getCurrentThreadCpuTime();
            int n = 2_000_000;
            for (int i = 0; i < n; i++) {
                s.resume();
            }
            sw[r] = (T.getCurrentThreadCpuTime() - c0) / (double) n;
            st[r] = steps(d, 60);
            if (hasInline) {
                setInline(d, false);
                stPark[r] = steps(d, 60);
                setInline(d, true);
            }
        }
        int from = rounds / 3; // JIT warm-up
        double a = median(Arrays.copyOfRange(sw, from, rounds));
        double b = median(Arrays.copyOfRange(st, from, rounds));
        System.out.printf(java.util.Locale.ROOT, "rounds %d (median of the last %d), thread CPU time:%n", rounds, rounds - from);
        System.out.printf(java.util.Locale.ROOT, "(a) switch %.1f ns, (b) step %.1f ns, (b)/(a) %.2f%n", a, b, b / a);
        if (hasInline) {
            double bp = median(Arrays.copyOfRange(stPark, from, rounds));
            System.out.printf(java.util.Locale.ROOT, "(b') every step parks %.1f ns, (b')/(a) %.2f%n", bp, bp / a);
        }
    }

    static void setInline(DecisionCost d, boolean on) {
        d.inlineSteps = on;
    }

    static double steps(DecisionCost d, int runs) {
        long c0 = T.getCurrentThreadCpuTime();
        long steps = 0;
        for (int i = 0; i < runs; i++) {
            steps += d.runOnce().steps();
        }
        return (T.getCurrentThreadCpuTime() - c0) / (double) steps;
    }

    static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
    }
}
