package rcusim.rcu;

import rcusim.machine.KernelConfig;
import rcusim.machine.Machine;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/** Not a test: grace periods per wall-second on an idle machine of N CPUs (development probe). */
public final class GpScaleProbe {
    public static void main(String[] args) {
        int cpus = Integer.parseInt(args[0]);
        int gps = Integer.parseInt(args[1]);
        long t0 = System.nanoTime();
        Machine m = new Machine(MachineConfig.of(cpus, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(100_000_000), StrandFactory.best(), false);
        TreeRcu rcu = TreeRcu.install(m, RcuConfig.preemptibleDefaults());
        m.spawn(0, "updater", k -> {
            for (int i = 0; i < gps; i++) {
                rcu.synchronizeRcu(k);
            }
        });
        RunResult r = m.run(TreeRcuTortureTest.random(1));
        double s = (System.nanoTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("%d CPUs: %s, %d GPs in %.2f s = %.0f GP/s, %d steps, heap used after %.0f MiB%n", cpus,
                r.passed() ? "passed" : r.describe(), rcu.gpsCompleted(), s, rcu.gpsCompleted() / s, r.steps(),
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    }
}
