package rcusim.rcu;

/**
 * The grace-period sequence encoding of {@code kernel/rcu/rcu.h}: a {@code long} read as an
 * unsigned long whose low two bits are the state (0 idle, 1 a grace period in progress) and
 * whose upper bits count grace periods.
 *
 * <p>Every comparison is wrap-safe: values are compared by the sign of their difference, which
 * is the kernel's {@code ULONG_CMP_GE}/{@code ULONG_CMP_LT} ({@code ULONG_MAX / 2} against the
 * unsigned difference). The kernel starts gp_seq at {@link #INITIAL}, 300 grace periods before
 * the wrap; a configuration may start closer ({@link RcuConfig#gpSeqStart()}, {@link #startingAt}),
 * as the torture scenarios do so that a run of about thirty grace periods crosses the wrap.
 *
 * <p>Pure functions only. The kernel's helpers take a pointer and also order memory:
 * {@code rcu_seq_start} stores then issues {@code smp_mb()}, {@code rcu_seq_end} issues
 * {@code smp_mb()} then stores, {@code rcu_seq_snap} reads then issues {@code smp_mb()}, and the
 * reads are {@code READ_ONCE}. Here the caller loads and stores the value and issues those
 * barriers itself.
 */
public final class RcuSeq {
    /** RCU_SEQ_CTR_SHIFT. */
    public static final int CTR_SHIFT = 2;
    /** RCU_SEQ_STATE_MASK. */
    public static final long STATE_MASK = (1L << CTR_SHIFT) - 1;
    /** RCU_SEQ_GP: the distance of one whole grace period. */
    public static final long GP = STATE_MASK + 1;
    /** The kernel's starting value, {@code (0UL - 300UL) << RCU_SEQ_CTR_SHIFT}: wraps after 300 GPs. */
    public static final long INITIAL = (0L - 300L) << CTR_SHIFT;
    /** The kernel's distance from the wrap, in grace periods ({@link #INITIAL}). */
    public static final long KERNEL_START_GPS = 300;

    /**
     * How far behind a snapshot {@link #doneExact} still treats a counter as "not yet", before it
     * assumes the counter wrapped past the snapshot. The kernel's value changed over v6.x
     * ({@code 2*MASK+1}, then {@code 3*MASK+1}); this follows the latest, {@code 2 * RCU_SEQ_GP}.
     */
    public static final long DONE_EXACT_GUARD = 2 * GP;

    private RcuSeq() {
    }

    /**
     * The idle value {@code gps} grace periods before the unsigned wrap:
     * {@code (0UL - gps) << RCU_SEQ_CTR_SHIFT}, so the counter reads 0 once {@code gps} grace
     * periods have ended. 0 starts at 0 (no wrap in reach).
     */
    public static long startingAt(long gps) {
        if (gps < 0) {
            throw new IllegalArgumentException("grace periods before the wrap must be >= 0, got " + gps);
        }
        return (0L - gps) << CTR_SHIFT;
    }

    /**
     * Whether a counter that moved from {@code before} to {@code after} (forwards, by less than
     * half the range) crossed the unsigned wrap: the top bit went from 1 to 0, i.e. the value
     * read as unsigned went down.
     */
    public static boolean crossedWrap(long before, long after) {
        return Long.compareUnsigned(after, before) < 0;
    }

    /**
     * rcu_seq_done() as it would read with a plain unsigned {@code >=} in place of
     * {@code ULONG_CMP_GE} (the {@code seq-done-no-wrap} fault): right until the wrap falls
     * between the two, then a snapshot taken just before the wrap reads as done at once.
     */
    public static boolean doneWrapUnsafe(long cur, long s) {
        return Long.compareUnsigned(cur, s) >= 0;
    }

    /** ULONG_CMP_GE(a, b): a is at or after b, modulo the wrap. */
    public static boolean cmpGe(long a, long b) {
        return a - b >= 0;
    }

    /** ULONG_CMP_LT(a, b): a is before b, modulo the wrap. */
    public static boolean cmpLt(long a, long b) {
        return a - b < 0;
    }

    /** rcu_seq_ctr(): the grace-period count. */
    public static long ctr(long s) {
        return s >>> CTR_SHIFT;
    }

    /** rcu_seq_state(): 0 idle, 1 in progress. */
    public static int state(long s) {
        return (int) (s & STATE_MASK);
    }

    /** rcu_seq_set_state(): the same counter with another state. */
    public static long setState(long s, int newstate) {
        if ((newstate & ~STATE_MASK) != 0) {
            throw new IllegalArgumentException("rcu_seq_set_state: state " + newstate + " outside the mask");
        }
        return s + newstate - state(s);
    }

    /** rcu_seq_start(): the value that marks a grace period started; the caller then does smp_mb(). */
    public static long start(long s) {
        return s + 1;
    }

    /** rcu_seq_endval(): the value the counter takes when the current grace period ends. */
    public static long endval(long s) {
        return (s | STATE_MASK) + 1;
    }

    /** rcu_seq_end(): the caller does smp_mb(), then stores this value. */
    public static long end(long s) {
        return endval(s);
    }

    /**
     * rcu_seq_snap(): the value at which a grace period that starts after now will have ended.
     * Idle 4k gives 4k+4 (the next GP); in progress 4k+1 gives 4k+8 (the current one may have
     * begun before the caller's update, so it needs the one after). The caller then does smp_mb().
     */
    public static long snap(long s) {
        return (s + 2 * STATE_MASK + 1) & ~STATE_MASK;
    }

    /** rcu_seq_current(): the current value (the kernel's READ_ONCE; here the caller has read it). */
    public static long current(long s) {
        return s;
    }

    /** rcu_seq_done(): has the counter cur reached the snapshot s? */
    public static boolean done(long cur, long s) {
        return cmpGe(cur, s);
    }

    /**
     * rcu_seq_done_exact(): like {@link #done}, but a counter more than the guard band behind s is
     * taken to have wrapped all the way round, so a snapshot left unchecked for ULONG_MAX/2 grace
     * periods reads as done rather than as waiting forever.
     */
    public static boolean doneExact(long cur, long s) {
        return cmpGe(cur, s) || cmpLt(cur, s - DONE_EXACT_GUARD);
    }

    /** rcu_seq_started(): has the grace period that snapshot s waits for started yet? */
    public static boolean started(long cur, long s) {
        return cmpLt((s - 1) & ~STATE_MASK, cur);
    }

    /** rcu_seq_completed_gp(): has some grace period ended since old was read? */
    public static boolean completedGp(long old, long now) {
        return cmpLt(old, now & ~STATE_MASK);
    }

    /** rcu_seq_new_gp(): has some grace period started since old was read? */
    public static boolean newGp(long old, long now) {
        return cmpLt((old + STATE_MASK) & ~STATE_MASK, now);
    }

    /**
     * rcu_seq_diff(): roughly how many grace periods lie between old and now: 0 if equal, 1 when
     * no full grace period can have passed, otherwise the whole grace periods plus one for a
     * partial one at either end.
     */
    public static long diff(long now, long old) {
        if (old == now) {
            return 0;
        }
        long partial = ((now & STATE_MASK) != 0 || (old & STATE_MASK) != 0) ? 1 : 0;
        long rndDiff = (now & ~STATE_MASK) - ((old + STATE_MASK) & ~STATE_MASK) + partial;
        if (cmpGe(STATE_MASK, rndDiff)) {
            return 1;
        }
        return ((rndDiff - STATE_MASK - 1) >>> CTR_SHIFT) + 2;
    }

    /** The value as the kernel's tracepoints print it ({@code %ld}). */
    public static String format(long s) {
        return Long.toString(s);
    }
}
