package rcusim.scenarios.file.exec;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import rcusim.kernel.Simulation;
import rcusim.rcu.RcuHead;
import rcusim.rcu.TreeRcu;

/**
 * What one simulation of a file holds: its globals' addresses, its kernel objects, Tree RCU,
 * each task's pseudo-random stream (from the run's seed only) and final locals.
 */
final class RunState {
    final Simulation m;
    final TreeRcu rcu;
    /** Address of each global of simulated memory, by global index (0 for kernel objects). */
    final long[] globals;
    /** Kernel objects (locks, mutexes, completions, wait queues, timers) by handle. */
    final Object[] objects;
    final SplittableRandom[] random;
    /** Each task's locals when it exited, for the final clause. */
    final long[][] finalLocals;
    /** One rcu_head object per address, so that queueing a queued head twice is seen. */
    final Map<Long, RcuHead> heads = new HashMap<>();
    /** Workload tasks still running: the last one to exit judges the final clause. */
    int liveTasks;

    RunState(Simulation m, TreeRcu rcu, int globals, int objects, int tasks, long seed) {
        this.m = m;
        this.rcu = rcu;
        this.globals = new long[globals];
        this.objects = new Object[objects];
        this.random = new SplittableRandom[tasks + 1];
        for (int i = 0; i <= tasks; i++) {
            random[i] = new SplittableRandom(seed * 1_000_003L + i);
        }
        this.finalLocals = new long[tasks][];
        this.liveTasks = tasks;
    }

    RcuHead head(long addr, String name) {
        return heads.computeIfAbsent(addr, a -> new RcuHead(name));
    }
}
