package rcusim.rcu.torture;

/**
 * An rcutorture-style workload.
 *
 * @param readers reader kthreads (unbound)
 * @param readerLoops read-side critical sections per reader
 * @param readDelay marked accesses inside a normal critical section
 * @param longReadEvery one read in this many is long (readDelay * 1000 accesses), so that it
 *     spans ticks, forced-quiescent-state scans and preemption; 0 for none
 * @param updates new elements the writer publishes
 * @param callRcuWriter whether a second writer retires elements through call_rcu()
 * @param hog whether a CPU-bound task keeps CPU 0 busy (it only passes quiescent states by
 *     context switches and cond_resched())
 * @param onoffCpus CPUs the hotplug task toggles (offline, then online), empty for none
 * @param onoffCycles offline/online cycles
 * @param writerStallJiffies "??? Writer stall state": the writer made no progress for this long
 * @param barrier whether an rcu_barrier() tester runs (rcutorture's n_barrier_cbs): it queues a
 *     callback on every online CPU, calls rcu_barrier() and checks that they all ran
 * @param stutter rcutorture's {@code stutter}, in jiffies: a stutter kthread alternately lets the
 *     readers and the call_rcu writer run for this long and pauses them for this long (they sleep a
 *     jiffy at a time in stutter_wait()), so their CPUs go idle and come back; 0 for none
 */
public record TortureConfig(int readers, int readerLoops, int readDelay, int longReadEvery, int updates,
        boolean callRcuWriter, boolean hog, int[] onoffCpus, int onoffCycles, long writerStallJiffies,
        boolean barrier, int stutter) {
    /** Without stutter (the configuration before it existed). */
    public TortureConfig(int readers, int readerLoops, int readDelay, int longReadEvery, int updates,
            boolean callRcuWriter, boolean hog, int[] onoffCpus, int onoffCycles, long writerStallJiffies,
            boolean barrier) {
        this(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus, onoffCycles,
                writerStallJiffies, barrier, 0);
    }

    /** The default: 3 readers, occasional long reads, two writers, a hog, hotplug of CPUs 1-3, the rcu_barrier() tester. */
    public static TortureConfig small() {
        return new TortureConfig(3, 40, 6, 8, 12, true, true, new int[] {1, 2, 3}, 3, 2_000, true);
    }

    public TortureConfig withBarrier(boolean on) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, on, stutter);
    }

    public TortureConfig withOnoff(int[] cpus, int cycles) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, cpus,
                cycles, writerStallJiffies, barrier, stutter);
    }

    public TortureConfig withReaders(int n) {
        return new TortureConfig(n, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, stutter);
    }

    public TortureConfig withReaderLoops(int n) {
        return new TortureConfig(readers, n, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, stutter);
    }

    public TortureConfig withUpdates(int n) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, n, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, stutter);
    }

    public TortureConfig withCallRcuWriter(boolean on) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, on, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, stutter);
    }

    public TortureConfig withHog(boolean on) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, on, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, stutter);
    }

    public TortureConfig withStutter(int jiffies) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, jiffies);
    }

    public TortureConfig withWriterStall(long jiffies) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, jiffies, barrier, stutter);
    }
}
