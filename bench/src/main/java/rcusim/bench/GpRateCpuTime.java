package rcusim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@code rcusim gp-rate}'s 8-CPU torture row, repeated in one JVM (the first repetitions warm
 * the JIT), timed by this thread's CPU time as well as wall time, so that other work on a
 * shared host inflates it less. Usage: {@code GpRateCpuTime REPETITIONS UPDATES}.
 */
public final class GpRateCpuTime {
    private GpRateCpuTime() {
    }

    public static void main(String[] a) {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        int reps = Integer.parseInt(a[0]);
        int updates = Integer.parseInt(a[1]);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < reps; i++) {
            long c0 = t.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            GpRate.Row r = GpRate.torture(8, updates, 1);
            double cpu = (t.getCurrentThreadCpuTime() - c0) / 1e9;
            double wall = (System.nanoTime() - w0) / 1e9;
            sb.append(String.format(java.util.Locale.ROOT, "%d: %d GPs %d steps  cpu %.3f s = %.0f GP/s (%.0f ns/step)  wall %.3f s = %.0f GP/s%n",
                    i, r.gps(), r.steps(), cpu, r.gps() / cpu, cpu * 1e9 / r.steps(), wall, r.gps() / wall));
        }
        System.out.print(sb);
    }
}
