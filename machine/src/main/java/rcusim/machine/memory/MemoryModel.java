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
 * </ul>
 */
public enum MemoryModel {
    SC, TSO, WEAK;

    public boolean buffersStores() {
        return this != SC;
    }

    public boolean staleReads() {
        return this == WEAK;
    }

    public static MemoryModel parse(String name) {
        for (MemoryModel m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown memory model '" + name + "' (expected sc, tso or weak)");
    }
}
