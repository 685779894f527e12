package rcusim.rcu.torture;

/**
 * An rcutorture-style workload.
 *
 * @param readers reader kthreads (unbound)
 * @param readerLoops read-side critical sections per reader
 * @param readDelay marked accesses inside each critical section (longer readers overlap more grace periods)
 * @param updates new elements the writer publishes
 * @param callRcuWriter whether a second writer retires elements through call_rcu()
 * @param onoffCpus CPUs the hotplug task toggles (offline, then online), empty for none
 * @param onoffCycles offline/online cycles
 */
public record TortureConfig(int readers, int readerLoops, int readDelay, int updates, boolean callRcuWriter,
        int[] onoffCpus, int onoffCycles) {
    public static TortureConfig small() {
        return new TortureConfig(3, 40, 6, 12, true, new int[] {1, 2, 3}, 3);
    }
}
