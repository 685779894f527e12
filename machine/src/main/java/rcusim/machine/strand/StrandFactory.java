package rcusim.machine.strand;

/**
 * Makes strands and parks the running one. One factory serves one simulation (one owner
 * thread); its strands may only be parked through the factory that created them.
 */
public interface StrandFactory {
    /** System property that overrides {@link #best()}: {@code continuation} or {@code thread}. */
    String PROPERTY = "rcusim.strand";

    /** A new, not yet started strand that will run body on its first {@link Strand#resume()}. */
    Strand create(String name, Runnable body);

    /**
     * Called from inside a running strand body: suspends it and returns control to the
     * {@link Strand#resume()} caller.
     *
     * @throws IllegalStateException if not called from a strand of this factory, or (with
     *     continuations) if the strand is pinned and cannot be suspended
     */
    void park();

    /** {@code "continuation"} or {@code "thread"}. */
    String name();

    /**
     * The fastest substrate that works in this JVM: continuations if
     * {@code jdk.internal.vm.Continuation} is accessible and runs, else threads. The system
     * property {@value #PROPERTY} ({@code continuation} or {@code thread}) overrides the choice;
     * asking for continuations where they do not work fails with the reason.
     */
    static StrandFactory best() {
        String forced = System.getProperty(PROPERTY, "").trim();
        switch (forced) {
            case "thread":
                return new ThreadStrands();
            case "continuation":
                if (!ContinuationStrands.isAvailable()) {
                    throw new IllegalStateException(PROPERTY + "=continuation, but continuations do not work here: "
                            + ContinuationStrands.unavailableReason());
                }
                return new ContinuationStrands();
            case "", "auto":
                return ContinuationStrands.isAvailable() ? new ContinuationStrands() : new ThreadStrands();
            default:
                throw new IllegalArgumentException(
                        PROPERTY + " must be 'continuation' or 'thread', not '" + forced + "'");
        }
    }
}
