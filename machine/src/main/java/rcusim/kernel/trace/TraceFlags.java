package rcusim.kernel.trace;

/**
 * The latency flags of a trace line, packed in an int the way the kernel packs
 * {@code trace_entry.flags} and {@code preempt_count}: the preempt depth in bits 0-3, the
 * migrate-disable depth in bits 4-7 (both capped at 15, as the kernel caps them), the context
 * flags above.
 *
 * <p>{@link #render} prints them as the kernel's {@code trace_print_lat_fmt} does:
 * <pre>
 *   irqs-off        'd' irqs off, 'b' BH off, 'D' both, '.'
 *   need-resched    'N' or '.'
 *   hardirq/softirq 'Z' NMI in hardirq, 'z' NMI, 'H' hardirq inside softirq, 'h' hardirq, 's' softirq, '.'
 *   preempt-depth   a hex digit, '.' when 0
 * </pre>
 */
public final class TraceFlags {
    /** No flag set, preempt depth 0: renders "....". */
    public static final int NONE = 0;

    static final int PREEMPT_MASK = 0xf;
    static final int MIGRATE_SHIFT = 4;
    static final int MIGRATE_MASK = 0xf << MIGRATE_SHIFT;

    public static final int IRQS_OFF = 1 << 8;
    public static final int NEED_RESCHED = 1 << 9;
    public static final int HARDIRQ = 1 << 10;
    /** Serving a softirq (not merely BH disabled: that is {@link #BH_OFF}). */
    public static final int SOFTIRQ = 1 << 11;
    public static final int NMI = 1 << 12;
    /** Bottom halves disabled (local_bh_disable) outside a softirq. */
    public static final int BH_OFF = 1 << 13;

    private TraceFlags() {
    }

    /** The flags of a context; {@code preemptDepth} is the preempt_count's preempt field. */
    public static int of(boolean irqsOff, boolean needResched, boolean inHardirq, boolean inSoftirq, boolean inNmi,
            int preemptDepth) {
        return (irqsOff ? IRQS_OFF : 0) | (needResched ? NEED_RESCHED : 0) | (inHardirq ? HARDIRQ : 0)
                | (inSoftirq ? SOFTIRQ : 0) | (inNmi ? NMI : 0) | cap(preemptDepth);
    }

    /** {@code flags} with the migrate-disable depth set (shown in the trace's fifth flag column). */
    public static int withMigrateDisable(int flags, int depth) {
        return (flags & ~MIGRATE_MASK) | cap(depth) << MIGRATE_SHIFT;
    }

    public static int preemptDepth(int flags) {
        return flags & PREEMPT_MASK;
    }

    public static int migrateDisableDepth(int flags) {
        return (flags & MIGRATE_MASK) >>> MIGRATE_SHIFT;
    }

    private static int cap(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("negative depth " + depth);
        }
        return Math.min(depth, 0xf);
    }

    /** The four latency flags, e.g. "d.h1". */
    public static String render(int flags) {
        StringBuilder sb = new StringBuilder(4);
        appendLatency(sb, flags);
        return sb.toString();
    }

    static void appendLatency(StringBuilder sb, int flags) {
        boolean irqsOff = (flags & IRQS_OFF) != 0;
        boolean bhOff = (flags & BH_OFF) != 0;
        sb.append(irqsOff && bhOff ? 'D' : irqsOff ? 'd' : bhOff ? 'b' : '.');
        sb.append((flags & NEED_RESCHED) != 0 ? 'N' : '.');
        boolean nmi = (flags & NMI) != 0;
        boolean hardirq = (flags & HARDIRQ) != 0;
        boolean softirq = (flags & SOFTIRQ) != 0;
        sb.append(nmi && hardirq ? 'Z' : nmi ? 'z' : hardirq && softirq ? 'H' : hardirq ? 'h' : softirq ? 's' : '.');
        appendDepth(sb, preemptDepth(flags));
    }

    /** The five flag columns of a trace line: the four latency flags, then the migrate-disable depth. */
    static void appendColumns(StringBuilder sb, int flags) {
        appendLatency(sb, flags);
        appendDepth(sb, migrateDisableDepth(flags));
    }

    private static void appendDepth(StringBuilder sb, int depth) {
        sb.append(depth == 0 ? '.' : Character.forDigit(depth, 16));
    }
}
