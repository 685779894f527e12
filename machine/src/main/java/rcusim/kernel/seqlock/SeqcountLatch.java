package rcusim.kernel.seqlock;

import rcusim.kernel.Kernel;

/**
 * seqcount_latch_t: a count that steers readers between two copies of the data, so that a
 * reader never waits for the writer, not even an NMI that interrupted it. The writer bumps
 * the count (readers move to copy 1), updates copy 0, bumps it again (readers move to copy
 * 0), updates copy 1; a reader reads copy {@code seq & 1} and retries if the count moved.
 * The writers serialise among themselves by other means.
 */
public final class SeqcountLatch {
    final String name;
    final long addr;
    final SeqFault fault;

    private SeqcountLatch(String name, long addr, SeqFault fault) {
        this.name = name;
        this.addr = addr;
        this.fault = fault;
    }

    /** seqcount_latch_init(); fault may be null. */
    public static SeqcountLatch create(Kernel k, String name, SeqFault fault) {
        return new SeqcountLatch(name, k.alloc(1), fault);
    }

    public long address() {
        return addr;
    }

    /** raw_write_seqcount_latch(): smp_wmb(), count + 1, smp_wmb(). */
    void rawWriteLatch(Kernel k) {
        boolean wmb = fault != SeqFault.LATCH_NO_WMB;
        if (wmb) {
            k.smpWmb(); // the stores to the copy before, before the readers are steered back to it
        }
        SeqAccess.sequenceAdd(k, addr, 1);
        if (wmb) {
            k.smpWmb(); // the readers steered away before the stores to the other copy
        }
    }

    /**
     * read_seqcount_latch(): the count. The kernel needs no smp_rmb() here because the data
     * load's address depends on the count ({@code data[seq & 1]}); the machine sees
     * dependencies through pointers only, not through an index, so the read barrier stands in
     * for that address dependency (it orders the same loads, the copy's).
     */
    long readLatch(Kernel k) {
        long seq = k.readOnce(addr);
        k.smpRmb();
        k.kcsanSeqReadBegin();
        return seq;
    }

    /** read_seqcount_latch_retry(): smp_rmb(), then whether the count moved since start. */
    boolean readLatchRetry(Kernel k, long start) {
        k.smpRmb();
        boolean retry = k.readOnce(addr) != start;
        k.kcsanSeqReadEnd(retry);
        return retry;
    }

    @Override
    public String toString() {
        return "seqcount_latch_t " + name;
    }
}
