package rcusim.machine;

/**
 * Told of every memory step simulated code performs, as the machine performs it (in the
 * order of the run). The machine calls it only when one is installed
 * ({@link Machine#setAccessListener}); otherwise the cost is one null check per step.
 * A listener may throw {@link SimFailure} to fail the run at this step.
 */
@FunctionalInterface
public interface AccessListener {
    /**
     * One access.
     *
     * @param ctx the context that performed it (a task's, or a hardirq's)
     * @param cpu the CPU it ran on
     * @param kind what it was
     * @param loc the location, or -1 for a fence
     * @param value the value read (reads), or written (writes, RMWs)
     * @param old for writes and RMWs, the value the CPU saw at the location before (the
     *     newest it could read); for reads, the same as value
     * @param ordering an RMW's ordering; null for other kinds
     */
    void access(Context ctx, int cpu, AccessKind kind, int loc, long value, long old, Ordering ordering);
}
