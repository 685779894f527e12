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
 * @param onoffCpus CPUs the hotplug task may toggle, empty for none
 * @param onoffCycles how long hotplug goes on: {@code 2 * onoffCycles * onoffCpus.length} toggles
 *     (as many operations as taking each CPU down and up onoffCycles times)
 * @param writerStallJiffies "??? Writer stall state": the writer made no progress for this long
 * @param barrier whether an rcu_barrier() tester runs (rcutorture's n_barrier_cbs): it queues a
 *     callback on every online CPU, calls rcu_barrier() and checks that they all ran
 * @param onoffHoldoff rcutorture.onoff_holdoff: jiffies before the first hotplug operation (the
 *     kernel's is in seconds; a run here lasts a few hundred jiffies)
 * @param onoffInterval rcutorture.onoff_interval: jiffies between hotplug operations (at least 1)
 * @param stutter rcutorture's {@code stutter}, in jiffies: a stutter kthread alternately lets the
 *     readers and the call_rcu writer run for this long and pauses them for this long (they sleep a
 *     jiffy at a time in stutter_wait()), so their CPUs go idle and come back; 0 for none
 */
public record TortureConfig(int readers, int readerLoops, int readDelay, int longReadEvery, int updates,
        boolean callRcuWriter, boolean hog, int[] onoffCpus, int onoffCycles, long writerStallJiffies,
        boolean barrier, int onoffHoldoff, int onoffInterval, int stutter) {
    public TortureConfig {
        if (onoffHoldoff < 0) {
            throw new IllegalArgumentException("rcutorture.onoff_holdoff must not be negative, got " + onoffHoldoff);
        }
        if (onoffInterval < 1) {
            throw new IllegalArgumentException("rcutorture.onoff_interval must be at least 1 jiffy, got " + onoffInterval);
        }
        if (stutter < 0) {
            throw new IllegalArgumentException("rcutorture.stutter must not be negative, got " + stutter);
        }
    }

    /** With hotplug starting at once, one jiffy between operations, and no stutter. */
    public TortureConfig(int readers, int readerLoops, int readDelay, int longReadEvery, int updates,
            boolean callRcuWriter, boolean hog, int[] onoffCpus, int onoffCycles, long writerStallJiffies,
            boolean barrier) {
        this(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus, onoffCycles,
                writerStallJiffies, barrier, 0, 1, 0);
    }

    /** The default: 3 readers, occasional long reads, two writers, a hog, hotplug of CPUs 1-3, the rcu_barrier() tester. */
    public static TortureConfig small() {
        return new TortureConfig(3, 40, 6, 8, 12, true, true, new int[] {1, 2, 3}, 3, 2_000, true);
    }

    public TortureConfig withBarrier(boolean on) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, on, onoffHoldoff, onoffInterval, stutter);
    }

    public TortureConfig withOnoff(int[] cpus, int cycles) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, cpus,
                cycles, writerStallJiffies, barrier, onoffHoldoff, onoffInterval, stutter);
    }

    /** rcutorture.onoff_holdoff and onoff_interval, in jiffies. */
    public TortureConfig withOnoffTiming(int holdoff, int interval) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, holdoff, interval, stutter);
    }

    public TortureConfig withStutter(int jiffies) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, onoffHoldoff, onoffInterval, jiffies);
    }

    public TortureConfig withReaders(int n) {
        return new TortureConfig(n, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, onoffHoldoff, onoffInterval, stutter);
    }

    public TortureConfig withReaderLoops(int n) {
        return new TortureConfig(readers, n, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, onoffHoldoff, onoffInterval, stutter);
    }

    public TortureConfig withUpdates(int n) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, n, callRcuWriter, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, onoffHoldoff, onoffInterval, stutter);
    }

    public TortureConfig withCallRcuWriter(boolean on) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, on, hog, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, onoffHoldoff, onoffInterval, stutter);
    }

    public TortureConfig withHog(boolean on) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, on, onoffCpus,
                onoffCycles, writerStallJiffies, barrier, onoffHoldoff, onoffInterval, stutter);
    }

    public TortureConfig withWriterStall(long jiffies) {
        return new TortureConfig(readers, readerLoops, readDelay, longReadEvery, updates, callRcuWriter, hog, onoffCpus,
                onoffCycles, jiffies, barrier, onoffHoldoff, onoffInterval, stutter);
    }
}
