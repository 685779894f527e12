package rcusim.kernel;

import java.util.SplittableRandom;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/** Helpers for kernel-environment tests: machines with a kernel, seeded random deciders. */
final class Runs {
    private Runs() {
    }

    static Simulation kernel(int cpus, MemoryModel model) {
        return new Simulation(MachineConfig.of(cpus, model).withKernel(KernelConfig.kernel()).withStepLimit(2_000_000),
                StrandFactory.best(), true);
    }

    static Simulation kernel(int cpus, KernelConfig k) {
        return new Simulation(MachineConfig.of(cpus, MemoryModel.WEAK).withKernel(k).withStepLimit(2_000_000),
                StrandFactory.best(), true);
    }

    static Decider random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return o -> r.nextInt(o.size());
    }

    /**
     * Takes an option of the given kind whenever one is offered (for RESCHED: always
     * reschedule), else chooses at random: steers runs towards interrupts or preemption.
     */
    static Decider prefer(OptionKind kind, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return o -> {
            for (int i = 0; i < o.size(); i++) {
                if (o.kind(i) == kind) {
                    return kind == OptionKind.RESCHED ? o.size() - 1 : i;
                }
            }
            return r.nextInt(o.size());
        };
    }
}
