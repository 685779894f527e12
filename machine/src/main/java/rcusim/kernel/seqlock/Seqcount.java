package rcusim.kernel.seqlock;

import rcusim.kernel.Kernel;
import rcusim.kernel.Mutex;
import rcusim.kernel.RawSpinlock;

/**
 * A sequence count in simulated memory: {@code seqcount_t} and the
 * {@code seqcount_LOCKNAME_t} forms that name the lock serialising their writers
 * ({@code seqcount_raw_spinlock_t}, {@code seqcount_spinlock_t}, {@code seqcount_mutex_t}).
 * The count is odd while a writer is inside its write section.
 *
 * <p>The kernel's rules, as {@code include/linux/seqlock.h} has them:
 * <ul>
 * <li>readers: read the count, waiting while it is odd, then {@code smp_rmb()}; read the data;
 * {@code smp_rmb()}, and retry if the count changed;
 * <li>writers: count odd, {@code smp_wmb()}, data, {@code smp_wmb()}, count even;
 * <li>a {@code seqcount_t} writer must run with preemption disabled (lockdep asserts it); a
 * {@code seqcount_LOCKNAME_t} writer must hold the associated lock (lockdep asserts it), and
 * when that lock leaves preemption on (a mutex) the write section disables preemption itself,
 * so that a reader on the writer's CPU can never spin on a preempted writer;
 * <li>on PREEMPT_RT ({@link #preemptRt()}) such a lock is a sleeping lock: the writer stays
 * preemptible, and a reader that finds the count odd takes and drops the lock, so that it
 * waits for the preempted writer instead of spinning on it.
 * </ul>
 * The fault, if any, removes one of those barriers or rules ({@link SeqFault}).
 */
public final class Seqcount {
    /** The lock a seqcount_LOCKNAME_t names; NONE for a plain seqcount_t. */
    public enum LockType {
        NONE("seqcount_t"),
        RAW_SPINLOCK("seqcount_raw_spinlock_t"),
        SPINLOCK("seqcount_spinlock_t"),
        MUTEX("seqcount_mutex_t");

        final String typeName;

        LockType(String typeName) {
            this.typeName = typeName;
        }
    }

    /** The run statistic counting PREEMPT_RT readers that took the lock of a writer in its section. */
    public static final String READER_LOCKED_ON_ODD = "seqcount.rt-reader-took-writer-lock";

    final String name;
    /** The address of the sequence word. */
    final long addr;
    final LockType type;
    /** A RawSpinlock or a Mutex; null for a plain seqcount_t. */
    final Object lock;
    final boolean preemptRt;
    final SeqFault fault;

    private Seqcount(String name, long addr, LockType type, Object lock, boolean preemptRt, SeqFault fault) {
        this.name = name;
        this.addr = addr;
        this.type = type;
        this.lock = lock;
        this.preemptRt = preemptRt;
        this.fault = fault;
    }

    /** seqcount_init(): a seqcount_t named name, with fault (or null) built in. */
    public static Seqcount create(Kernel k, String name, SeqFault fault) {
        return new Seqcount(name, k.alloc(1), LockType.NONE, null, false, fault);
    }

    /** seqcount_raw_spinlock_init(). */
    public static Seqcount withRawSpinlock(Kernel k, String name, RawSpinlock lock, SeqFault fault) {
        return new Seqcount(name, k.alloc(1), LockType.RAW_SPINLOCK, lock, false, fault);
    }

    /**
     * seqcount_spinlock_init(). A spinlock_t with lockdep is a raw spinlock in the machine, as it
     * is on a kernel without PREEMPT_RT.
     */
    public static Seqcount withSpinlock(Kernel k, String name, RawSpinlock lock, SeqFault fault) {
        return new Seqcount(name, k.alloc(1), LockType.SPINLOCK, lock, false, fault);
    }

    /**
     * seqcount_spinlock_t on PREEMPT_RT, where spinlock_t is a sleeping lock: lock is the
     * sleeping lock standing for it (the machine's mutex).
     */
    public static Seqcount withRtSpinlock(Kernel k, String name, Mutex lock, SeqFault fault) {
        return new Seqcount(name, k.alloc(1), LockType.SPINLOCK, lock, true, fault);
    }

    /** seqcount_mutex_init(). */
    public static Seqcount withMutex(Kernel k, String name, Mutex lock, SeqFault fault) {
        return new Seqcount(name, k.alloc(1), LockType.MUTEX, lock, false, fault);
    }

    /** The address of the sequence word (for checkers and reports). */
    public long address() {
        return addr;
    }

    public String name() {
        return name;
    }

    /** Whether it models the PREEMPT_RT form (the reader takes and drops a sleeping lock). */
    public boolean preemptRt() {
        return preemptRt;
    }

    boolean has(SeqFault f) {
        return fault == f;
    }

    /**
     * seqprop_preemptible(): whether the associated lock leaves preemption on, so that the write
     * section must turn it off itself (never on PREEMPT_RT, which relies on the readers'
     * lock and unlock instead).
     */
    boolean writerMustDisablePreemption() {
        if (preemptRt) {
            return false;
        }
        return type == LockType.MUTEX;
    }

    /** Whether a reader that finds the count odd takes and drops the lock (PREEMPT_RT). */
    boolean readerLocksOnOdd() {
        return preemptRt && lock instanceof Mutex;
    }

    // ---------------------------------------------------------------- readers

    /**
     * __read_seqcount_begin() without the barrier: the count, waiting (spin-assume, no
     * decisions) while it is odd. The first read may see an older value, as any load may.
     */
    long sequenceWaitEven(Kernel k) {
        long seq = k.readOnce(addr);
        while ((seq & 1) != 0) {
            if (readerLocksOnOdd()) {
                // PREEMPT_RT: wait for a preempted writer by taking its lock, then read again
                k.count(READER_LOCKED_ON_ODD, 1);
                k.mutexLock((Mutex) lock);
                k.mutexUnlock((Mutex) lock);
                seq = k.readOnce(addr);
            } else {
                seq = k.smpCondLoadRelaxed(addr, v -> (v & 1) == 0);
            }
        }
        return seq;
    }

    /** raw_read_seqcount_begin() and read_seqcount_begin(). */
    long readBegin(Kernel k) {
        long seq = sequenceWaitEven(k);
        if (!has(SeqFault.BEGIN_NO_RMB)) {
            k.smpRmb();
        }
        k.kcsanSeqReadBegin();
        return seq;
    }

    /** raw_read_seqcount(): the count as it is, odd or not, then smp_rmb(). */
    long rawRead(Kernel k) {
        long seq = k.readOnce(addr);
        if (!has(SeqFault.BEGIN_NO_RMB)) {
            k.smpRmb();
        }
        k.kcsanSeqReadBegin();
        return seq;
    }

    /** read_seqcount_retry(): smp_rmb(), then whether the count moved since start. */
    boolean readRetry(Kernel k, long start) {
        if (!has(SeqFault.RETRY_NO_RMB)) {
            k.smpRmb();
        }
        return rawRetry(k, start);
    }

    /** __read_seqcount_retry(): no barrier. */
    boolean rawRetry(Kernel k, long start) {
        boolean retry = k.readOnce(addr) != start;
        k.kcsanSeqReadEnd(retry);
        return retry;
    }

    // ---------------------------------------------------------------- writers

    /** seqprop_assert(): the writer's lockdep check. */
    void assertWriter(Kernel k) {
        if (type == LockType.NONE) {
            k.lockdepAssertPreemptionDisabled();
        } else {
            k.lockdepAssertHeld(lock);
        }
    }

    /** write_seqcount_begin(): the lockdep check, then raw_write_seqcount_begin(). */
    void writeBegin(Kernel k) {
        assertWriter(k);
        rawWriteBegin(k);
    }

    /** raw_write_seqcount_begin(): count odd, then smp_wmb(). */
    void rawWriteBegin(Kernel k) {
        if (writerMustDisablePreemption() && !has(SeqFault.WRITER_PREEMPTIBLE)) {
            k.preemptDisable();
        }
        doWriteBegin(k);
    }

    /** do_raw_write_seqcount_begin(): the count update and barrier alone (write_seqlock()'s). */
    void doWriteBegin(Kernel k) {
        SeqAccess.sequenceAdd(k, addr, 1);
        if (!has(SeqFault.WRITE_BEGIN_NO_WMB)) {
            k.smpWmb();
        }
    }

    /** write_seqcount_end() and raw_write_seqcount_end(): smp_wmb(), then count even. */
    void writeEnd(Kernel k) {
        doWriteEnd(k);
        if (writerMustDisablePreemption() && !has(SeqFault.WRITER_PREEMPTIBLE)) {
            k.preemptEnable();
        }
    }

    void doWriteEnd(Kernel k) {
        if (!has(SeqFault.WRITE_END_NO_WMB)) {
            k.smpWmb();
        }
        SeqAccess.sequenceAdd(k, addr, 1);
    }

    /** write_seqcount_invalidate(): smp_wmb(), then the count moves by 2, failing every reader in flight. */
    void writeInvalidate(Kernel k) {
        k.smpWmb();
        SeqAccess.sequenceAdd(k, addr, 2);
    }

    @Override
    public String toString() {
        return type.typeName + " " + name;
    }
}
