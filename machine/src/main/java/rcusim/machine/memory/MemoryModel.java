package rcusim.machine.memory;

/**
 * The memory-ordering modes of the simulated machine. Whatever the mode, no outcome the Linux
 * kernel memory model (LKMM) forbids may be produced; modes differ in how many allowed ones they reach.
 *
 * <ul>
 *   <li>{@link #SC}: no buffering; every access is immediately visible to all CPUs.
 *   <li>{@link #TSO}: a FIFO store buffer per CPU with own-store forwarding; loads see memory.
 *   <li>{@link #WEAK}: per-location-ordered store buffers that drain out of order across
 *       locations unless a barrier orders them, plus invalidate queues (stale reads).
 *   <li>{@link #POWER}: {@link #WEAK} without multicopy atomicity: a store may be visible to
 *       some CPUs before others, and fences order only what LKMM's cumulativity says
 *       ({@link Propagation}). Off by default; the litmus runner and scenarios may choose it.
 * </ul>
 */
public enum MemoryModel {
    SC, TSO, WEAK, POWER;

    public boolean buffersStores() {
        return this != SC;
    }

    public boolean staleReads() {
        return this == WEAK || this == POWER;
    }

    /** Whether store buffers drain out of order across locations (weak and power). */
    public boolean outOfOrderDrains() {
        return this == WEAK || this == POWER;
    }

    /** Whether a store may reach some CPUs before others (power only). */
    public boolean nonMulticopyAtomic() {
        return this == POWER;
    }

    /** The name users write ({@code sc}, {@code tso}, {@code weak}, {@code power}): what {@link #parse} reads. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MemoryModel parse(String name) {
        for (MemoryModel m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown memory model '" + name + "' (expected sc, tso, weak or power)");
    }
}
