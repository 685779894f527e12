package rcusim.kernel.seqlock;

import rcusim.kernel.Kernel;

/**
 * The sequence-lock API as the kernel facade hands it over ({@code Kernel.readSeqcountBegin()}
 * and the rest): one method per kernel call, over {@link Seqcount}, {@link Seqlock} and
 * {@link SeqcountLatch}. Simulated code calls the facade, not this class.
 */
public final class SeqlockOps {
    private SeqlockOps() {
    }

    // ---------------------------------------------------------------- seqcount_t, seqcount_LOCKNAME_t

    public static long readSeqcountBegin(Kernel k, Seqcount s) {
        return s.readBegin(k);
    }

    public static long rawReadSeqcount(Kernel k, Seqcount s) {
        return s.rawRead(k);
    }

    public static boolean readSeqcountRetry(Kernel k, Seqcount s, long start) {
        return s.readRetry(k, start);
    }

    public static void writeSeqcountBegin(Kernel k, Seqcount s) {
        s.writeBegin(k);
    }

    public static void rawWriteSeqcountBegin(Kernel k, Seqcount s) {
        s.rawWriteBegin(k);
    }

    public static void writeSeqcountEnd(Kernel k, Seqcount s) {
        s.writeEnd(k);
    }

    public static void writeSeqcountInvalidate(Kernel k, Seqcount s) {
        s.assertWriter(k);
        s.writeInvalidate(k);
    }

    // ---------------------------------------------------------------- seqlock_t

    public static long readSeqbegin(Kernel k, Seqlock sl) {
        return sl.seqcount.readBegin(k);
    }

    public static boolean readSeqretry(Kernel k, Seqlock sl, long start) {
        return sl.seqcount.readRetry(k, start);
    }

    public static void writeSeqlock(Kernel k, Seqlock sl) {
        k.rawSpinLock(sl.lock);
        sl.seqcount.doWriteBegin(k);
    }

    public static void writeSequnlock(Kernel k, Seqlock sl) {
        sl.seqcount.doWriteEnd(k);
        k.rawSpinUnlock(sl.lock);
    }

    public static void writeSeqlockBh(Kernel k, Seqlock sl) {
        k.localBhDisable();
        writeSeqlock(k, sl);
    }

    public static void writeSequnlockBh(Kernel k, Seqlock sl) {
        writeSequnlock(k, sl);
        k.localBhEnable();
    }

    public static void writeSeqlockIrq(Kernel k, Seqlock sl) {
        k.rawSpinLockIrq(sl.lock);
        sl.seqcount.doWriteBegin(k);
    }

    public static void writeSequnlockIrq(Kernel k, Seqlock sl) {
        sl.seqcount.doWriteEnd(k);
        k.rawSpinUnlockIrq(sl.lock);
    }

    public static long writeSeqlockIrqsave(Kernel k, Seqlock sl) {
        long flags = k.rawSpinLockIrqsave(sl.lock);
        sl.seqcount.doWriteBegin(k);
        return flags;
    }

    public static void writeSequnlockIrqrestore(Kernel k, Seqlock sl, long flags) {
        sl.seqcount.doWriteEnd(k);
        k.rawSpinUnlockIrqrestore(sl.lock, flags);
    }

    public static void readSeqlockExcl(Kernel k, Seqlock sl) {
        k.rawSpinLock(sl.lock);
    }

    public static void readSequnlockExcl(Kernel k, Seqlock sl) {
        k.rawSpinUnlock(sl.lock);
    }

    public static long readSeqlockExclIrqsave(Kernel k, Seqlock sl) {
        return k.rawSpinLockIrqsave(sl.lock);
    }

    public static void readSequnlockExclIrqrestore(Kernel k, Seqlock sl, long flags) {
        k.rawSpinUnlockIrqrestore(sl.lock, flags);
    }

    /**
     * read_seqbegin_or_lock(): with an even seq (the first pass) a lockless read section
     * begins and the count is returned; with an odd seq (asked by the caller after a failed
     * pass) the lock is taken and seq returned as it is, marking the pass as locked.
     */
    public static long readSeqbeginOrLock(Kernel k, Seqlock sl, long seq) {
        if ((seq & 1) == 0) {
            return readSeqbegin(k, sl);
        }
        readSeqlockExcl(k, sl);
        return seq;
    }

    /** need_seqretry(): a lockless pass (even seq) that the count says must be retried. */
    public static boolean needSeqretry(Kernel k, Seqlock sl, long seq) {
        return (seq & 1) == 0 && readSeqretry(k, sl, seq);
    }

    /** done_seqretry(): drops the lock a locked pass (odd seq) took. */
    public static void doneSeqretry(Kernel k, Seqlock sl, long seq) {
        if ((seq & 1) != 0) {
            readSequnlockExcl(k, sl);
        }
    }

    // ---------------------------------------------------------------- seqcount_latch_t

    public static void rawWriteSeqcountLatch(Kernel k, SeqcountLatch s) {
        s.rawWriteLatch(k);
    }

    public static long readSeqcountLatch(Kernel k, SeqcountLatch s) {
        return s.readLatch(k);
    }

    public static boolean readSeqcountLatchRetry(Kernel k, SeqcountLatch s, long start) {
        return s.readLatchRetry(k, start);
    }
}
