package rcusim.rcu;

import java.util.OptionalLong;

/**
 * A CPU's segmented callback list (struct rcu_segcblist, {@code kernel/rcu/rcu_segcblist.c}).
 *
 * <p>One singly linked list cut into four consecutive segments, oldest first:
 * <ul>
 *   <li>{@link #DONE}: its grace period has ended; ready to invoke;
 *   <li>{@link #WAIT}: waiting for the grace period ending at {@code gpSeq(WAIT)};
 *   <li>{@link #NEXT_READY}: waiting for the later one ending at {@code gpSeq(NEXT_READY)};
 *   <li>{@link #NEXT}: newly queued, not yet tied to any grace period.
 * </ul>
 * {@code tails[i]} is the last callback of segments 0..i, with null standing for the kernel's
 * {@code &head}: segment i is empty when {@code tails[i] == tails[i-1]}, and all the tails after
 * the last non-empty segment point at the same callback.
 *
 * <p>{@code len} is the count the rest of RCU reads (rcu_barrier() samples it without locks);
 * {@code seglen[]} counts what is linked in each segment. As in the kernel, extracting a batch
 * leaves {@code len} alone: the invoker subtracts with {@link #addLen} once the callbacks have
 * run, so {@code len} never reads 0 while callbacks are in flight. Hence
 * {@code len == nSegmentCbs() + callbacks currently extracted}.
 *
 * <p>No locks and no memory ordering here. The caller provides exclusion: the owning CPU with
 * irqs off (plus its leaf rcu_node lock to tag callbacks with grace periods), nocb_lock when
 * offloaded, barrier_lock for rcu_barrier()'s entrain, the hotplug lock for migration. Where
 * the kernel has a full barrier around a {@code len} update the caller issues it.
 */
public final class RcuSegcblist {
    public static final int DONE = 0;
    public static final int WAIT = 1;
    public static final int NEXT_READY = 2;
    public static final int NEXT = 3;
    public static final int NSEGS = 4;

    /** SEGCBLIST_ENABLED: callbacks may be queued (cleared for an offline CPU's drained list). */
    public static final int ENABLED = 1;
    /** SEGCBLIST_OFFLOADED: the rcuo kthreads own the callbacks (NOCB). */
    public static final int OFFLOADED = 1 << 1;

    private static final String[] SEG_NAMES = {"DONE", "WAIT", "NEXT_READY", "NEXT"};

    private RcuHead head;
    private final RcuHead[] tails = new RcuHead[NSEGS];
    private final long[] gpSeq = new long[NSEGS];
    private final long[] seglen = new long[NSEGS];
    private long len;
    private int flags;

    /** A zeroed list: empty and disabled until {@link #init()}, like a fresh rcu_data. */
    public RcuSegcblist() {
    }

    /** rcu_segcblist_init(): empty every segment and enable; other flags are kept. */
    public void init() {
        head = null;
        for (int i = 0; i < NSEGS; i++) {
            tails[i] = null;
            seglen[i] = 0;
        }
        len = 0;
        flags |= ENABLED;
    }

    /**
     * rcu_segcblist_disable(): no more callbacks may be queued. The list should be empty;
     * returns false when it is not (the kernel WARNs and disables anyway, as this does).
     */
    public boolean disable() {
        boolean ok = head == null && len == 0;
        flags &= ~ENABLED;
        return ok;
    }

    /** Re-enable after {@link #disable()} without touching the contents (rcu_segcblist_set_flags). */
    public void enable() {
        flags |= ENABLED;
    }

    public boolean isEnabled() {
        return (flags & ENABLED) != 0;
    }

    public boolean isOffloaded() {
        return (flags & OFFLOADED) != 0;
    }

    /** rcu_segcblist_offload(). */
    public void setOffloaded(boolean offload) {
        if (offload) {
            flags |= OFFLOADED;
        } else {
            flags &= ~OFFLOADED;
        }
    }

    /** The flag bits (ENABLED, OFFLOADED). */
    public int flags() {
        return flags;
    }

    /** rcu_segcblist_n_cbs(): len, which counts extracted callbacks not yet accounted for. */
    public long n() {
        return len;
    }

    /** No callbacks counted (len == 0). Use this, not {@link #headEmpty()}, to decide "nothing to wait for". */
    public boolean empty() {
        return len == 0;
    }

    /**
     * The kernel's literal rcu_segcblist_empty(): nothing linked. Can be true while extracted
     * callbacks are still being invoked.
     */
    public boolean headEmpty() {
        return head == null;
    }

    /** rcu_segcblist_add_len(): the caller orders this with full barriers where the kernel does. */
    public void addLen(long v) {
        len += v;
    }

    /** rcu_segcblist_inc_len(). */
    public void incLen() {
        len++;
    }

    /** rcu_segcblist_get_seglen(). */
    public long getSeglen(int seg) {
        return seglen[seg];
    }

    /** rcu_segcblist_n_segment_cbs(): the sum of the segment lengths. */
    public long nSegmentCbs() {
        long n = 0;
        for (long l : seglen) {
            n += l;
        }
        return n;
    }

    /** The grace-period number a segment waits for; meaningful for WAIT and NEXT_READY when non-empty. */
    public long gpSeq(int seg) {
        return gpSeq[seg];
    }

    /** rcu_segcblist_segempty(). */
    public boolean segempty(int seg) {
        if (seg == DONE) {
            return tails[DONE] == null;
        }
        return tails[seg - 1] == tails[seg];
    }

    /** rcu_segcblist_restempty(): nothing after segment seg. */
    public boolean restempty(int seg) {
        return after(tails[seg]) == null;
    }

    /** rcu_segcblist_ready_cbs(): enabled, with callbacks in DONE. */
    public boolean readyCbs() {
        return isEnabled() && tails[DONE] != null;
    }

    /** rcu_segcblist_pend_cbs(): enabled, with callbacks waiting for a grace period. */
    public boolean pendCbs() {
        return isEnabled() && !restempty(DONE);
    }

    /** rcu_segcblist_first_cb(): for diagnostics. */
    public RcuHead firstCb() {
        return isEnabled() ? head : null;
    }

    /** rcu_segcblist_first_pend_cb(): the first callback not yet ready. */
    public RcuHead firstPendCb() {
        return isEnabled() ? after(tails[DONE]) : null;
    }

    /**
     * rcu_segcblist_nextgp(): if callbacks wait for a grace period, store in out[0] the number
     * in WAIT's tag and return true. As in the kernel the tag is read even when WAIT itself is
     * empty, so call it after {@link #accelerate}.
     */
    public boolean nextgp(long[] out) {
        if (!pendCbs()) {
            return false;
        }
        out[0] = gpSeq[WAIT];
        return true;
    }

    /** {@link #nextgp(long[])} as an optional. */
    public OptionalLong nextgp() {
        return pendCbs() ? OptionalLong.of(gpSeq[WAIT]) : OptionalLong.empty();
    }

    /** rcu_segcblist_enqueue(): append to NEXT. len is counted first, as the kernel does, so a racing rcu_barrier() never misses it. */
    public void enqueue(RcuHead rhp) {
        len++;
        seglen[NEXT]++;
        rhp.next = null;
        setAfter(tails[NEXT], rhp);
        tails[NEXT] = rhp;
    }

    /**
     * rcu_segcblist_entrain(): append at the end of the last non-empty segment (DONE if all the
     * linked segments are empty), so the callback runs after every callback already queued,
     * not after a grace period. Returns false, changing nothing, when len is 0. For rcu_barrier().
     */
    public boolean entrain(RcuHead rhp) {
        if (len == 0) {
            return false;
        }
        len++;
        rhp.next = null;
        int i = NEXT;
        while (i > DONE && tails[i] == tails[i - 1]) {
            i--;
        }
        seglen[i]++;
        setAfter(tails[i], rhp);
        for (; i <= NEXT; i++) {
            tails[i] = rhp;
        }
        return true;
    }

    /**
     * rcu_segcblist_extract_done_cbs(): move DONE onto the end of rcl (counted into rcl.len).
     * len is not changed: the caller subtracts what it invoked.
     */
    public void extractDoneCbs(RcuCbList rcl) {
        if (!readyCbs()) {
            return;
        }
        RcuHead last = tails[DONE];
        rcl.link(head);
        rcl.tail = last;
        rcl.len += seglen[DONE];
        head = last.next;
        last.next = null;
        for (int i = NSEGS - 1; i >= DONE; i--) {
            if (tails[i] == last) {
                tails[i] = null;
            }
        }
        seglen[DONE] = 0;
    }

    /**
     * rcu_segcblist_extract_pend_cbs(): move WAIT, NEXT_READY and NEXT onto the end of rcl as
     * one batch; their grace-period tags are lost and they will have to be tagged afresh.
     * len is not changed.
     */
    public void extractPendCbs(RcuCbList rcl) {
        if (!pendCbs()) {
            return;
        }
        RcuHead first = after(tails[DONE]);
        rcl.link(first);
        rcl.tail = tails[NEXT];
        setAfter(tails[DONE], null);
        for (int i = DONE + 1; i < NSEGS; i++) {
            rcl.len += seglen[i];
            tails[i] = tails[DONE];
            seglen[i] = 0;
        }
    }

    /** rcu_segcblist_insert_count(): add rcl's length to len (before the insert that moves it). */
    public void insertCount(RcuCbList rcl) {
        addLen(rcl.len);
    }

    /**
     * rcu_segcblist_insert_done_cbs(): put rcl's callbacks in front of DONE, for the unrun rest
     * of a batch cut short by the batch limit. rcl is left empty. len is not changed.
     */
    public void insertDoneCbs(RcuCbList rcl) {
        if (rcl.head == null) {
            return;
        }
        seglen[DONE] += rcl.len;
        rcl.tail.next = head;
        head = rcl.head;
        for (int i = DONE; i < NSEGS && tails[i] == null; i++) {
            tails[i] = rcl.tail;
        }
        rcl.init();
    }

    /**
     * rcu_segcblist_insert_pend_cbs(): append rcl's callbacks to NEXT, where they wait for a
     * fresh grace period. rcl is left empty. len is not changed.
     */
    public void insertPendCbs(RcuCbList rcl) {
        if (rcl.head == null) {
            return;
        }
        seglen[NEXT] += rcl.len;
        setAfter(tails[NEXT], rcl.head);
        tails[NEXT] = rcl.tail;
        rcl.init();
    }

    /**
     * rcu_segcblist_advance(): seq is the leaf's gp_seq. Fold WAIT and then NEXT_READY into DONE
     * while their grace period has ended ({@code seq} at or past the tag, wrap-safe), stopping at
     * the first that has not; then slide the surviving segments down so WAIT is the oldest.
     */
    public void advance(long seq) {
        if (restempty(DONE)) {
            return;
        }
        int i;
        for (i = WAIT; i < NEXT; i++) {
            if (RcuSeq.cmpLt(seq, gpSeq[i])) {
                break;
            }
            tails[DONE] = tails[i];
            moveSeglen(i, DONE);
        }
        if (i == WAIT) {
            return;
        }
        // The folded segments are now empty: point them at the end of DONE.
        for (int j = WAIT; j < i; j++) {
            tails[j] = tails[DONE];
        }
        // Slide the remaining waiting segments down into the gap, keeping their tags.
        for (int j = WAIT; i < NEXT; i++, j++) {
            if (tails[j] == tails[NEXT]) {
                break;
            }
            tails[j] = tails[i];
            moveSeglen(i, j);
            gpSeq[j] = gpSeq[i];
        }
    }

    /**
     * rcu_segcblist_accelerate(): seq is {@code RcuSeq.snap(rcu_state.gp_seq)}, the end of the
     * earliest grace period that surely starts after these callbacks were queued. Find the newest
     * non-empty waiting segment whose tag is earlier than seq; everything after it (all of
     * WAIT..NEXT when there is none) merges into the segment just after it, tagged seq.
     *
     * <p>Returns true when callbacks now wait for seq, so the caller must see that grace period
     * requested (rcu_start_this_gp()). Returns false when nothing waits, when nothing follows the
     * segment found, or when that segment is NEXT_READY (NEXT has nowhere to go: the next
     * advance makes room).
     */
    public boolean accelerate(long seq) {
        return accelerate(seq, false);
    }

    /**
     * {@link #accelerate(long)}, or with {@code intoOlder} the {@code accelerate-into-older} fault:
     * the callbacks after segment i are linked into segment i itself (its tail moved, its tag kept)
     * instead of into the segment after it, so they wait only for i's earlier grace period, or
     * for none when i is DONE.
     */
    public boolean accelerate(long seq, boolean intoOlder) {
        if (restempty(DONE)) {
            return false;
        }
        // Newest non-empty waiting segment that needs an earlier grace period than seq.
        int i;
        for (i = NEXT_READY; i > DONE; i--) {
            if (tails[i] != tails[i - 1] && RcuSeq.cmpLt(gpSeq[i], seq)) {
                break;
            }
        }
        if (intoOlder && !restempty(i)) {
            for (int j = i + 1; j <= NEXT; j++) {
                moveSeglen(j, i);
            }
            for (int j = i; j < NEXT; j++) {
                tails[j] = tails[NEXT];
            }
            for (int j = i + 1; j < NEXT; j++) {
                gpSeq[j] = seq;
            }
            return true;
        }
        // Nothing after it, or it is NEXT_READY and NEXT has no segment left to move into.
        if (restempty(i) || ++i >= NEXT) {
            return false;
        }
        for (int j = i + 1; j <= NEXT; j++) {
            moveSeglen(j, i);
        }
        // Tag every tail from i on, even the now-empty ones, so a lone NEXT batch gets seq too.
        for (; i < NEXT; i++) {
            tails[i] = tails[NEXT];
            gpSeq[i] = seq;
        }
        return true;
    }

    /**
     * rcu_segcblist_merge(): adopt src's callbacks (CPU hotplug migration), then re-initialize
     * src. src's ready callbacks go in front of this list's DONE; its waiting ones lose their
     * tags and join the end of NEXT. Callers advance and accelerate both lists first so as few
     * callbacks as possible start over.
     */
    public void merge(RcuSegcblist src) {
        RcuCbList donecbs = new RcuCbList();
        RcuCbList pendcbs = new RcuCbList();
        src.extractDoneCbs(donecbs);
        src.extractPendCbs(pendcbs);
        src.len = 0;
        insertCount(donecbs);
        insertCount(pendcbs);
        insertDoneCbs(donecbs);
        insertPendCbs(pendcbs);
        src.init();
    }

    /** The first linked callback, enabled or not; for tests and invariant checks. */
    RcuHead head() {
        return head;
    }

    /** The last callback of segments 0..seg, or null for none (the kernel's tails[seg] == &head). */
    RcuHead tail(int seg) {
        return tails[seg];
    }

    private RcuHead after(RcuHead tailPtr) {
        return tailPtr == null ? head : tailPtr.next;
    }

    private void setAfter(RcuHead tailPtr, RcuHead rhp) {
        if (tailPtr == null) {
            head = rhp;
        } else {
            tailPtr.next = rhp;
        }
    }

    private void moveSeglen(int from, int to) {
        if (from == to) {
            return;
        }
        seglen[to] += seglen[from];
        seglen[from] = 0;
    }

    /** E.g. {@code DONE:1 WAIT(g=-1196):2 NEXT_READY(g=-1192):0 NEXT:3 len=6}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = DONE; i < NSEGS; i++) {
            if (i > DONE) {
                sb.append(' ');
            }
            sb.append(SEG_NAMES[i]);
            if (i == WAIT || i == NEXT_READY) {
                sb.append("(g=").append(RcuSeq.format(gpSeq[i])).append(')');
            }
            sb.append(':').append(seglen[i]);
        }
        sb.append(" len=").append(len);
        if (!isEnabled()) {
            sb.append(" disabled");
        }
        if (isOffloaded()) {
            sb.append(" offloaded");
        }
        return sb.toString();
    }
}
