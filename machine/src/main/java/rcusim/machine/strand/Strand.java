package rcusim.machine.strand;

/**
 * One coroutine: a body that runs in slices, between calls to {@link StrandFactory#park()}.
 *
 * <p>Rules: only the owner thread calls these methods, never from inside a strand body and
 * never re-entrantly. Once the body has finished (returned or thrown) the strand cannot be
 * resumed again. An exception thrown by the body comes out of {@link #resume()} wrapped in a
 * {@link StrandFailure} (its cause is the original), with both substrates.
 */
public interface Strand {
    /**
     * Runs the body until it calls {@link StrandFactory#park()} or finishes.
     *
     * @return true if the body finished (returned normally)
     * @throws StrandFailure if the body threw; the strand is then done
     * @throws IllegalStateException if the strand is done, discarded or already running
     */
    boolean resume();

    /** True once the body has returned or thrown. A discarded strand is not done. */
    boolean isDone();

    /**
     * Abandons a strand that has not finished (the end of a run): releases its resources; it
     * will never be resumed. Idempotent; a no-op on a done strand.
     */
    void discard();
}
