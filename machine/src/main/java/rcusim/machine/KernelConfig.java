package rcusim.machine;

/**
 * The kernel environment around the CPUs.
 *
 * @param hz scheduling-clock ticks per second of virtual time; 0: no tick
 * @param preemption the preemption model
 * @param stepNs virtual nanoseconds each machine step takes
 * @param idleTasks whether CPUs run an idle task (idle loop, context tracking, WFI) when they
 *     have nothing else; without it a CPU with no task simply stops, as in bare programs
 */
public record KernelConfig(int hz, Preemption preemption, long stepNs, boolean idleTasks) {
    /** Bare CPUs running spawned code to completion: no tick, no idle loop, no preemption. */
    public static final KernelConfig BARE = new KernelConfig(0, Preemption.NONE, 1, false);

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
        return new KernelConfig(1000, Preemption.FULL, 1000, true);
    }

    public KernelConfig withHz(int newHz) {
        return new KernelConfig(newHz, preemption, stepNs, idleTasks);
    }

    public KernelConfig withPreemption(Preemption p) {
        return new KernelConfig(hz, p, stepNs, idleTasks);
    }

    public KernelConfig withStepNs(long ns) {
        return new KernelConfig(hz, preemption, ns, idleTasks);
    }

    /** Nanoseconds between two ticks of one CPU. */
    public long tickNs() {
        return hz == 0 ? Long.MAX_VALUE : 1_000_000_000L / hz;
    }
}
