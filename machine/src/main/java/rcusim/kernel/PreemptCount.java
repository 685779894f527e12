package rcusim.kernel;


/** The fields of preempt_count, as the kernel lays them out. */
final class PreemptCount {
    static final int PREEMPT_OFFSET = 1;
    static final int PREEMPT_MASK = 0xff;
    static final int SOFTIRQ_OFFSET = 0x100;
    /** local_bh_disable() adds twice SOFTIRQ_OFFSET, so serving a softirq stays distinguishable. */
    static final int SOFTIRQ_DISABLE_OFFSET = 2 * SOFTIRQ_OFFSET;
    static final int SOFTIRQ_MASK = 0xff00;
    static final int HARDIRQ_OFFSET = 0x10000;
    static final int HARDIRQ_MASK = 0xf0000;

    private PreemptCount() {
    }
}
