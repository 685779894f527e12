package rcusim.rcu;

import rcusim.machine.KernelConfig;
import rcusim.machine.Machine;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

public final class Seed91 {
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        Machine m = new Machine(MachineConfig.of(4, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(200_000), StrandFactory.best(), args.length < 3);
        TreeRcu rcu = TreeRcu.install(m, RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(300)
                .withMutation(args.length > 1 ? args[1] : null));
        RcuTorture.start(m, rcu, TortureConfig.small(), seed);
        RunResult r = m.run(TreeRcuTortureTest.random(seed));
        System.out.println(r.describe());
        String ft = m.ftrace();
        String[] lines = ft.split("\n");
        for (int i = Math.max(0, lines.length - 60); i < lines.length; i++) {
            System.out.println(lines[i]);
        }
        String tr = m.trace();
        String[] tl = tr.split("\n");
        for (int i = Math.max(0, tl.length - 40); i < tl.length; i++) {
            System.out.println(tl[i]);
        }
    }
}
