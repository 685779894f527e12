package rcusim.machine;

/**
 * The kernel environment around the CPUs.
 *
 * @param hz scheduling-clock ticks per second of virtual time; 0: no tick
 * @param preemption the preemption model
 * @param stepNs virtual nanoseconds each machine step takes
 * @param idleTasks whether CPUs run an idle task (idle loop, context tracking, WFI) when they
 *     have nothing else; without it a CPU with no task simply stops, as in bare programs
 * @param parallelTime false: every machine step takes stepNs, so N busy CPUs each run N times
 *     slower against the tick (fine for a few CPUs, and what the scenarios are tuned for);
 *     true: stepNs is one CPU's operation and CPUs run side by side, so a step takes stepNs
 *     divided by the number of CPUs that could act then (what large machines need: at 4096
 *     CPUs the first kind leaves each CPU less than one step per jiffy)
 */
public record KernelConfig(int hz, Preemption preemption, long stepNs, boolean idleTasks, boolean parallelTime) {
    /** Bare CPUs running spawned code to completion: no tick, no idle loop, no preemption. */
    public static final KernelConfig BARE = new KernelConfig(0, Preemption.NONE, 1, false, false);

    public KernelConfig {
        if (hz < 0 || hz > 10_000) {
            throw new IllegalArgumentException("hz must be between 0 and 10000, got " + hz);
        }
        if (stepNs < 1) {
            throw new IllegalArgumentException("stepNs must be >= 1, got " + stepNs);
        }
        if (hz > 0 && !idleTasks) {
            throw new IllegalArgumentException("a ticking kernel needs idle tasks");
        }
    }

    /** A full kernel: HZ=1000, full preemption, 1 microsecond per step, idle tasks. */
    public static KernelConfig kernel() {
        return new KernelConfig(1000, Preemption.FULL, 1000, true, false);
    }

    public KernelConfig withHz(int newHz) {
        return new KernelConfig(newHz, preemption, stepNs, idleTasks, parallelTime);
    }

    public KernelConfig withPreemption(Preemption p) {
        return new KernelConfig(hz, p, stepNs, idleTasks, parallelTime);
    }

    public KernelConfig withStepNs(long ns) {
        return new KernelConfig(hz, preemption, ns, idleTasks, parallelTime);
    }

    public KernelConfig withParallelTime(boolean on) {
        return new KernelConfig(hz, preemption, stepNs, idleTasks, on);
    }

    /** Nanoseconds between two ticks of one CPU. */
    public long tickNs() {
        return hz == 0 ? Long.MAX_VALUE : 1_000_000_000L / hz;
    }
}
