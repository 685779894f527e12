package rcusim.rcu;

/**
 * A plain FIFO of callbacks (struct rcu_cblist): head, tail and length. Holds batches pulled out
 * of an {@link RcuSegcblist} for invocation or migration, and the NOCB bypass list.
 *
 * <p>No locking of its own: the owner of the batch (usually a local variable of the invoker,
 * or the bypass under nocb_bypass_lock) provides exclusion.
 */
public final class RcuCbList {
    RcuHead head;
    /** The last callback, or null when empty (the kernel's tail == &head). */
    RcuHead tail;
    long len;

    /** rcu_cblist_init(). */
    public RcuCbList() {
        init();
    }

    /** rcu_cblist_init(): forget any contents. */
    public void init() {
        head = null;
        tail = null;
        len = 0;
    }

    /** rcu_cblist_enqueue(): append at the tail. */
    public void enqueue(RcuHead rhp) {
        rhp.next = null;
        link(rhp);
        tail = rhp;
        len++;
    }

    /** rcu_cblist_dequeue(): remove and return the oldest callback, or null when empty. */
    public RcuHead dequeue() {
        RcuHead rhp = head;
        if (rhp == null) {
            return null;
        }
        len--;
        head = rhp.next;
        if (head == null) {
            tail = null;
        }
        rhp.next = null;
        return rhp;
    }

    /**
     * rcu_cblist_flush_enqueue(): take over all of src's callbacks (this list's own contents are
     * dropped, as in the kernel, so it should be empty), then leave src holding just rhp, or
     * empty when rhp is null. src never looks empty in between when rhp is given.
     */
    public void flushEnqueue(RcuCbList src, RcuHead rhp) {
        head = src.head;
        tail = head == null ? null : src.tail;
        len = src.len;
        if (rhp == null) {
            src.init();
        } else {
            rhp.next = null;
            src.head = rhp;
            src.tail = rhp;
            src.len = 1;
        }
    }

    /** Appends a chain that starts at first; the caller fixes tail and len. */
    void link(RcuHead first) {
        if (tail == null) {
            head = first;
        } else {
            tail.next = first;
        }
    }

    public long len() {
        return len;
    }

    /** No callbacks linked (the kernel's !rclp->head). */
    public boolean empty() {
        return head == null;
    }

    /** The oldest callback, or null. */
    public RcuHead first() {
        return head;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("rcu_cblist[len=").append(len).append(':');
        for (RcuHead p = head; p != null; p = p.next) {
            sb.append(' ').append(p.name());
        }
        return sb.append(']').toString();
    }
}
