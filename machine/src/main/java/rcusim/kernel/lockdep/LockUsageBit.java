package rcusim.kernel.lockdep;

/**
 * The usage bits of a lock class, in the kernel's order and encoding (lockdep_states.h):
 * bit 0 of the ordinal is "read", bit 1 is the direction (0 used in the irq context, 1 taken
 * with that irq enabled), the higher bits name the irq state (0 HARDIRQ, 1 SOFTIRQ).
 * {@link #USED} and {@link #USED_READ} only say that the class was ever taken.
 */
public enum LockUsageBit {
    USED_IN_HARDIRQ("IN-HARDIRQ-W"),
    USED_IN_HARDIRQ_READ("IN-HARDIRQ-R"),
    ENABLED_HARDIRQ("HARDIRQ-ON-W"),
    ENABLED_HARDIRQ_READ("HARDIRQ-ON-R"),
    USED_IN_SOFTIRQ("IN-SOFTIRQ-W"),
    USED_IN_SOFTIRQ_READ("IN-SOFTIRQ-R"),
    ENABLED_SOFTIRQ("SOFTIRQ-ON-W"),
    ENABLED_SOFTIRQ_READ("SOFTIRQ-ON-R"),
    USED("INITIAL USE"),
    USED_READ("INITIAL READ USE");

    /** Bits below this one are the irq usage states; the rest are plain "used". */
    static final int IRQ_STATES = 8;
    static final int READ_MASK = 1;
    static final int DIR_MASK = 2;
    /** Every USED_IN_* bit, write and read. */
    static final int USED_IN_ALL = 0x33;
    /** Every ENABLED_* bit, write and read. */
    static final int ENABLED_ALL = 0xcc;
    /** The write (non-read) irq bits; the kernel's LOCKF_IRQ. */
    static final int WRITE_ALL = 0x55;

    private static final LockUsageBit[] BY_ORDINAL = values();
    private static final String[] STATE_NAMES = {"HARDIRQ", "SOFTIRQ"};

    private final String usageStr;

    LockUsageBit(String usageStr) {
        this.usageStr = usageStr;
    }

    static LockUsageBit of(int bit) {
        return BY_ORDINAL[bit];
    }

    /** The name lockdep prints in braces, e.g. {@code IN-HARDIRQ-W}. */
    public String usageStr() {
        return usageStr;
    }

    public int mask() {
        return 1 << ordinal();
    }

    boolean read() {
        return (ordinal() & READ_MASK) != 0;
    }

    boolean enabled() {
        return ordinal() < IRQ_STATES && (ordinal() & DIR_MASK) != 0;
    }

    boolean usedIn() {
        return ordinal() < IRQ_STATES && (ordinal() & DIR_MASK) == 0;
    }

    /** The opposite direction of the same state, as a write bit: ENABLED_HARDIRQ for USED_IN_HARDIRQ_READ. */
    LockUsageBit exclusive() {
        return of((ordinal() & ~(READ_MASK | DIR_MASK)) | ((ordinal() & DIR_MASK) ^ DIR_MASK));
    }

    LockUsageBit withRead() {
        return of(ordinal() | READ_MASK);
    }

    /** "HARDIRQ", or "HARDIRQ-READ" for a read bit (the kernel's state_name()). */
    String stateName() {
        String s = STATE_NAMES[ordinal() >> 2];
        return read() ? s + "-READ" : s;
    }

    /** "HARDIRQ" or "SOFTIRQ", whatever the direction and read bits. */
    String irqClass() {
        return STATE_NAMES[ordinal() >> 2];
    }

    /**
     * Both directions' counterparts of the bits in {@code mask}, read and write alike: the
     * ENABLED bits that conflict with the USED_IN bits given, and the other way round (the
     * kernel's exclusive_mask(), which is also its original_mask()).
     */
    static int exclusiveMask(int mask) {
        int excl = ((mask & ENABLED_ALL) >>> DIR_MASK) | ((mask & USED_IN_ALL) << DIR_MASK);
        return excl | ((excl & ~WRITE_ALL) >>> READ_MASK) | ((excl & WRITE_ALL) << READ_MASK);
    }
}
