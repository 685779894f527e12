package rcusim.kernel.lockdep;

/**
 * The irq state of the context that takes a lock, as lockdep sees it: whether it runs in a
 * hardirq or softirq handler, and whether hardirqs and softirqs are enabled. Inside a softirq
 * handler softirqs count as disabled, as {@code softirq_count()} makes them in the kernel.
 *
 * <p>{@link #of} hands out one shared instance per combination, so a caller on the hot path
 * need not allocate.
 */
public record IrqState(boolean inHardirq, boolean inSoftirq, boolean hardirqsEnabled, boolean softirqsEnabled) {
    private static final IrqState[] SHARED = new IrqState[16];

    static {
        for (int i = 0; i < SHARED.length; i++) {
            SHARED[i] = new IrqState((i & 8) != 0, (i & 4) != 0, (i & 2) != 0, (i & 1) != 0);
        }
    }

    /** Process context with hardirqs and softirqs enabled. */
    public static final IrqState PROCESS = of(false, false, true, true);
    /** Process context with hardirqs disabled (spin_lock_irqsave and friends). */
    public static final IrqState PROCESS_IRQS_OFF = of(false, false, false, true);
    /** Process context with softirqs disabled but hardirqs enabled (spin_lock_bh). */
    public static final IrqState PROCESS_BH_OFF = of(false, false, true, false);
    /** A hardirq handler: hardirqs off. */
    public static final IrqState HARDIRQ = of(true, false, false, false);
    /** A softirq handler: hardirqs on, softirqs off. */
    public static final IrqState SOFTIRQ = of(false, true, true, false);

    public static IrqState of(boolean inHardirq, boolean inSoftirq, boolean hardirqsEnabled, boolean softirqsEnabled) {
        return SHARED[(inHardirq ? 8 : 0) | (inSoftirq ? 4 : 0) | (hardirqsEnabled ? 2 : 0) | (softirqsEnabled ? 1 : 0)];
    }

    /** The kernel's {@code [HC0[0]:SC0[0]:HE1:SE1]} bracket; the nesting counts are printed as 0 or 1. */
    String bracket() {
        int hc = inHardirq ? 1 : 0;
        int sc = inSoftirq ? 1 : 0;
        return "[HC" + hc + "[" + hc + "]:SC" + sc + "[" + sc + "]:HE" + (hardirqsEnabled ? 1 : 0)
                + ":SE" + (softirqsEnabled ? 1 : 0) + "]";
    }
}
