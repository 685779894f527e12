package rcusim.machine;

import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemorySystem;

/**
 * The shape of a simulated machine.
 *
 * @param cpus number of CPUs, 1 to 4096
 * @param model the memory-ordering mode
 * @param staleWindow how many past values of a location a stale read may return
 * @param stepLimit a run with more steps than this fails as a livelock
 * @param kernel the kernel environment (tick, preemption, idle); {@link KernelConfig#BARE} by default
 */
public record MachineConfig(int cpus, MemoryModel model, int staleWindow, long stepLimit, KernelConfig kernel) {
    public static final int MAX_CPUS = 4096;

    public MachineConfig {
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw new IllegalArgumentException("cpus must be between 1 and " + MAX_CPUS + ", got " + cpus);
        }
        if (staleWindow < 1) {
            throw new IllegalArgumentException("staleWindow must be >= 1, got " + staleWindow);
        }
        if (stepLimit < 1) {
            throw new IllegalArgumentException("stepLimit must be >= 1, got " + stepLimit);
        }
    }

    public MachineConfig(int cpus, MemoryModel model, int staleWindow, long stepLimit) {
        this(cpus, model, staleWindow, stepLimit, KernelConfig.BARE);
    }

    public static MachineConfig of(int cpus, MemoryModel model) {
        return new MachineConfig(cpus, model, MemorySystem.DEFAULT_WINDOW, 1_000_000);
    }

    public MachineConfig withKernel(KernelConfig k) {
        return new MachineConfig(cpus, model, staleWindow, stepLimit, k);
    }

    public MachineConfig withStepLimit(long limit) {
        return new MachineConfig(cpus, model, staleWindow, limit, kernel);
    }
}
