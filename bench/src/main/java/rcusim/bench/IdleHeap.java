package rcusim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.Strand;
import rcusim.machine.strand.StrandFactory;

/**
 * (d) Heap held by an idle machine of {@code cpus} CPUs (default 4096, the maximum), by
 * differencing the used heap after full GCs before and after building it, with the machine
 * still referenced. Two figures: the bare machine (nothing spawned), and the same plus one
 * started strand per CPU parked in an idle loop a few frames deep (what per-CPU idle tasks
 * will cost at least).
 *
 * <p>Usage: {@code java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED -cp benchmarks.jar
 * rcusim.bench.IdleHeap [cpus]}. Prints one line per figure, in MiB.
 */
public final class IdleHeap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private IdleHeap() {
    }

    public static void main(String[] args) {
        int cpus = args.length > 0 ? Integer.parseInt(args[0]) : MachineConfig.MAX_CPUS;
        StrandFactory strands = StrandFactory.best();
        // warm up class loading and the strand substrate so they are not counted
        build(2, strands, true);

        long before = usedAfterGc();
        Object bare = build(cpus, strands, false);
        long bareBytes = usedAfterGc() - before;
        reachabilityFence(bare);
        bare = null;

        System.out.printf("idle heap, %d-CPU WEAK machine, nothing spawned: %.2f MiB%n", cpus, mib(bareBytes));
        if (!"continuation".equals(strands.name())) {
            System.out.println("(continuations unavailable: no parked-strand figure; "
                    + cpus + " platform threads would measure the fallback, not the design)");
            return;
        }
        before = usedAfterGc();
        Object parked = build(cpus, strands, true);
        long parkedBytes = usedAfterGc() - before;
        reachabilityFence(parked);

        System.out.printf("idle heap, %d-CPU WEAK machine + one parked continuation per CPU: %.2f MiB%n",
                cpus, mib(parkedBytes));
    }

    /** A machine of n CPUs, and with idle one started strand per CPU, parked under a few frames. */
    private static Object build(int n, StrandFactory strands, boolean idle) {
        Simulation m = new Simulation(MachineConfig.of(n, MemoryModel.WEAK), strands, false);
        if (!idle) {
            return m;
        }
        // Simulation.run discards unfinished strands when it returns, so park them here directly,
        // at about the depth simulated code parks at (body, kernel call, post, park).
        Strand[] parked = new Strand[n];
        for (int c = 0; c < n; c++) {
            parked[c] = strands.create("idle/" + c, () -> idleLoop(strands, StrandSwitch.DEPTH));
            parked[c].resume();
        }
        return new Object[] {m, parked};
    }

    private static void idleLoop(StrandFactory strands, int depth) {
        if (depth > 0) {
            idleLoop(strands, depth - 1);
            return;
        }
        while (true) {
            strands.park();
        }
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void reachabilityFence(Object o) {
        java.lang.ref.Reference.reachabilityFence(o);
    }
}
