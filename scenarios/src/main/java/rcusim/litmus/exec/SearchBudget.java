package rcusim.litmus.exec;

import java.util.function.BooleanSupplier;

/**
 * How far one litmus search may go: a cap on states, a cap on the bytes its state cache may
 * hold, a wall-clock limit, and a flag for interruption. A search that reaches any of them
 * stops and says which ({@link StopReason}); it never takes the JVM down.
 *
 * <p>The time limit and the heap-derived memory budget make whether a big test completes
 * depend on the machine; what a completed search reports does not.
 *
 * @param maxStates states expanded before the search stops
 * @param maxBytes approximate bytes of the state cache before the search stops
 * @param timeoutNanos wall-clock limit per test, or {@code Long.MAX_VALUE} for none
 * @param cancelled polled during the search; true stops it as {@link StopReason#INTERRUPTED}
 */
public record SearchBudget(long maxStates, long maxBytes, long timeoutNanos, BooleanSupplier cancelled) {
    /** States explored before a test is reported incomplete, by default. */
    public static final long DEFAULT_MAX_STATES = 5_000_000;
    /** Share of the JVM's maximum heap that all concurrent searches' caches may use together. */
    public static final double HEAP_SHARE = 0.4;

    public SearchBudget {
        if (maxStates < 0 || maxBytes < 0 || timeoutNanos < 0) {
            throw new IllegalArgumentException("negative budget");
        }
    }

    /** No limit but the state cap and the heap (for tests and tools). */
    public static SearchBudget states(long maxStates) {
        return new SearchBudget(maxStates, heapShare(1), Long.MAX_VALUE, () -> false);
    }

    /** The default: {@link #DEFAULT_MAX_STATES}, the whole heap share, no time limit. */
    public static SearchBudget defaults() {
        return states(DEFAULT_MAX_STATES);
    }

    /** Bytes each of {@code concurrent} searches may use: {@link #HEAP_SHARE} of the heap, split. */
    public static long heapShare(int concurrent) {
        return (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE) / Math.max(1, concurrent);
    }

    public SearchBudget withCancel(BooleanSupplier flag) {
        return new SearchBudget(maxStates, maxBytes, timeoutNanos, flag);
    }
}
