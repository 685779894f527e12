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
 * @param vcpuFreezeEvery vCPU preemption: every this many steps the machine offers to freeze the
 *     CPU that stepped last for a long stretch (a decision, see {@link VcpuFreeze}); 0: never
 */
public record MachineConfig(int cpus, MemoryModel model, int staleWindow, long stepLimit, KernelConfig kernel,
        long vcpuFreezeEvery) {
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
        if (vcpuFreezeEvery < 0) {
            throw new IllegalArgumentException("vcpuFreezeEvery must be >= 0 (0: no vCPU preemption), got "
                    + vcpuFreezeEvery);
        }
    }

    public MachineConfig(int cpus, MemoryModel model, int staleWindow, long stepLimit, KernelConfig kernel) {
        this(cpus, model, staleWindow, stepLimit, kernel, 0);
    }

    public MachineConfig(int cpus, MemoryModel model, int staleWindow, long stepLimit) {
        this(cpus, model, staleWindow, stepLimit, KernelConfig.BARE);
    }

    public static MachineConfig of(int cpus, MemoryModel model) {
        return new MachineConfig(cpus, model, MemorySystem.DEFAULT_WINDOW, 1_000_000);
    }

    public MachineConfig withKernel(KernelConfig k) {
        return new MachineConfig(cpus, model, staleWindow, stepLimit, k, vcpuFreezeEvery);
    }

    public MachineConfig withStepLimit(long limit) {
        return new MachineConfig(cpus, model, staleWindow, limit, kernel, vcpuFreezeEvery);
    }

    /** On another memory model (a scenario run with {@code --memory-model}). */
    public MachineConfig withModel(MemoryModel m) {
        return new MachineConfig(cpus, m, staleWindow, stepLimit, kernel, vcpuFreezeEvery);
    }

    /** With vCPU preemption offered every {@code every} steps (0: off). */
    public MachineConfig withVcpuFreezeEvery(long every) {
        return new MachineConfig(cpus, model, staleWindow, stepLimit, kernel, every);
    }
}
