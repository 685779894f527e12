package rcusim.sched.schedule;

import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.Scenario;

/** 2 CPUs, no RCU: a control task on CPU 0 takes CPU 1 offline (label offline_done) and exits. */
public final class OfflineCpu implements Scenario {
    @Override
    public String name() {
        return "offline-cpu";
    }

    @Override
    public String description() {
        return "a control task takes CPU 1 offline (label offline_done)";
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(2, MemoryModel.WEAK);
    }

    @Override
    public void load(Simulation m, long seed) {
        m.spawn(0, "ctl", k -> {
            k.cpuDown(1);
            k.label("offline_done");
        });
    }
}
