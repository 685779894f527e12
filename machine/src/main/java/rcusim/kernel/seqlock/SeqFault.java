package rcusim.kernel.seqlock;

import java.util.Arrays;
import java.util.Optional;

/**
 * Bugs the sequence-lock primitives can be built with, for fault injection: each removes one
 * barrier or one preemption rule the kernel's {@code include/linux/seqlock.h} relies on. A
 * scenario that is correct with the real primitives should fail with each fault it offers.
 */
public enum SeqFault {
    /** read_seqcount_begin() (and read_seqbegin()) without the smp_rmb() after reading the count. */
    BEGIN_NO_RMB("seqcount-begin-no-rmb", "read_seqcount_begin() without its smp_rmb(): the reader's data"
            + " loads may see values older than the count it read"),
    /** read_seqcount_retry() (and read_seqretry()) without the smp_rmb() before re-reading the count. */
    RETRY_NO_RMB("seqcount-retry-no-rmb", "read_seqcount_retry() without its smp_rmb(): the count may be"
            + " re-read before the data loads are done, so a torn read is accepted"),
    /** write_seqcount_begin() (and write_seqlock()) without the smp_wmb() after making the count odd. */
    WRITE_BEGIN_NO_WMB("seqcount-write-begin-no-wmb", "write_seqcount_begin() without its smp_wmb(): the"
            + " data stores may become visible before the count turns odd"),
    /** write_seqcount_end() (and write_sequnlock()) without the smp_wmb() before making the count even. */
    WRITE_END_NO_WMB("seqcount-write-end-no-wmb", "write_seqcount_end() without its smp_wmb(): the count may"
            + " turn even before the data stores are visible"),
    /** raw_write_seqcount_latch() without its two smp_wmb()s. */
    LATCH_NO_WMB("seqcount-latch-no-wmb", "raw_write_seqcount_latch() without its smp_wmb()s: a copy may be"
            + " changed while readers are still steered to it"),
    /**
     * write_seqcount_begin() of a seqcount whose associated lock leaves preemption on
     * (seqcount_mutex_t) without the preempt_disable() the kernel adds there.
     */
    WRITER_PREEMPTIBLE("seqcount-writer-preemptible", "write_seqcount_begin() on a seqcount_mutex_t without"
            + " preempt_disable(): a writer preempted in its write section leaves a non-preemptible reader of"
            + " its CPU spinning for ever");

    private final String spelling;
    private final String description;

    SeqFault(String spelling, String description) {
        this.spelling = spelling;
        this.description = description;
    }

    /** The name --inject and replay files use. */
    public String spelling() {
        return spelling;
    }

    public String description() {
        return description;
    }

    public static Optional<SeqFault> named(String name) {
        return Arrays.stream(values()).filter(f -> f.spelling.equals(name)).findFirst();
    }
}
