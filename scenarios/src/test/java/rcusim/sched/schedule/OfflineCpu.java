package rcusim.sched.schedule;

import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.Scenario;

/** 2 CPUs, no RCU: a control task on CPU 0 takes CPU 1 offline (label offline_done), then stores. */
public final class OfflineCpu implements Scenario {
    @Override
    public String name() {
        return "offline-cpu";
    }

    @Override
    public String description() {
        return "a control task takes CPU 1 offline (label offline_done), then stores";
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(2, MemoryModel.WEAK).withKernel(rcusim.machine.KernelConfig.kernel());
    }

    @Override
    public void load(Simulation m, long seed) {
        m.spawn(0, "ctl", k -> {
            k.cpuDown(1);
            k.label("offline_done");
            long x = k.alloc(1);
            for (int i = 0; i < 3; i++) {
                k.writeOnce(x, i); // stores to drain: decisions to ask while CPU 1 is offline
            }
        });
    }
}
