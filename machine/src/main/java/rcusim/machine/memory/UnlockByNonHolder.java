package rcusim.machine.memory;

/**
 * An unlock by a CPU that does not hold the lock. {@link MemoryRules#unlock} throws it before
 * changing anything; each caller turns it into its own error with its own wording (the machine
 * fails the run, the litmus runner rejects the test).
 */
public final class UnlockByNonHolder extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int cpu;
    private final int location;
    private final int holder;

    UnlockByNonHolder(int cpu, int location, int holder) {
        super("unlock of location " + location + " by CPU " + cpu + ", which does not hold it", null, false, false);
        this.cpu = cpu;
        this.location = location;
        this.holder = holder;
    }

    public int cpu() {
        return cpu;
    }

    public int location() {
        return location;
    }

    /** The CPU that holds the lock, or -1 if it is not held. */
    public int holder() {
        return holder;
    }
}
