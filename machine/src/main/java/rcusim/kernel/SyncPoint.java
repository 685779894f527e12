package rcusim.kernel;

/**
 * A place where the kernel hands ordering from one context to another outside simulated
 * memory (a wait queue, a task being woken): what a data-race detector releases into and
 * acquires from. Holds the detector's state for it; nothing when no detector runs.
 */
public final class SyncPoint {
    /** The detector's clock for this point, or null. */
    public Object raceState;
}
