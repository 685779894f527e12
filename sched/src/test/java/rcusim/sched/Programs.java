package rcusim.sched;

import java.util.function.Function;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/** Small machine programs the strategy tests explore, each as a run function. */
final class Programs {
    private Programs() {
    }

    private static Simulation machine(int cpus, MemoryModel model) {
        return new Simulation(MachineConfig.of(cpus, model), StrandFactory.best(), false);
    }

    /** Each of {@code cpus} CPUs writes its own location {@code writes} times. */
    static Function<Decider, RunResult> independentWriters(int cpus, int writes, MemoryModel model) {
        return d -> {
            Simulation m = machine(cpus, model);
            for (int c = 0; c < cpus; c++) {
                long x = m.kernel().alloc(1);
                m.spawn(c, "w" + c, k -> {
                    for (int i = 1; i <= writes; i++) {
                        k.writeOnce(x, i);
                    }
                });
            }
            return m.run(d);
        };
    }

    /**
     * A window bug needing one preemption: CPU 0 raises x and lowers it again, CPU 1 looks at
     * x once and must never see it raised. Value-returning atomics act on memory at once and are
     * full barriers, so no store buffer or stale read opens the window: only a switch from CPU 0
     * between its two steps, while it could go on, lets CPU 1 in.
     */
    static Function<Decider, RunResult> raisedFlagSeen(MemoryModel model) {
        return d -> {
            Simulation m = machine(2, model);
            long x = m.kernel().alloc(1);
            m.spawn(0, "raiser", k -> {
                k.atomicAddReturn(x, 1);
                k.atomicAddReturn(x, -1);
            });
            m.spawn(1, "looker", k -> k.bugOn(k.atomicAddReturn(x, 0) == 1, "x == 1"));
            return m.run(d);
        };
    }

    /** SB: each CPU writes its location, then reads the other's. */
    static Function<Decider, RunResult> storeBuffering(MemoryModel model) {
        return d -> {
            Simulation m = machine(2, model);
            long x = m.kernel().alloc(1);
            long y = m.kernel().alloc(1);
            m.spawn(0, "P0", k -> {
                k.writeOnce(x, 1);
                k.readOnce(y);
            });
            m.spawn(1, "P1", k -> {
                k.writeOnce(y, 1);
                k.readOnce(x);
            });
            return m.run(d);
        };
    }

    /**
     * A depth-2 bug for PCT: CPU 0 does {@code lead} steps, raises x, lowers x. CPU 1 reads x,
     * does {@code filler} steps, reads x again, and fails if both reads saw x raised. So all of
     * CPU 1 must run between two adjacent steps of CPU 0: CPU 0 first, then one switch at the
     * right moment (PCT: priority of CPU 0 above CPU 1, a change point right there). A random
     * walk needs CPU 1 to win about lead + filler + 2 coin flips in a row.
     */
    static Function<Decider, RunResult> wholeReaderInsideWindow(int lead, int filler) {
        return d -> {
            Simulation m = machine(2, MemoryModel.SC);
            long x = m.kernel().alloc(1);
            long y = m.kernel().alloc(1);
            long z = m.kernel().alloc(1);
            m.spawn(0, "raiser", k -> {
                for (int i = 0; i < lead; i++) {
                    k.writeOnce(z, i);
                }
                k.writeOnce(x, 1);
                k.writeOnce(x, 0);
            });
            m.spawn(1, "reader", k -> {
                long first = k.readOnce(x);
                for (int i = 0; i < filler; i++) {
                    k.writeOnce(y, i);
                }
                long second = k.readOnce(x);
                k.bugOn(first == 1 && second == 1, "x stayed raised across the whole reader");
            });
            return m.run(d);
        };
    }
}
