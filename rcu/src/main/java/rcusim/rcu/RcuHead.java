package rcusim.rcu;

import rcusim.kernel.Kernel;

/**
 * A callback waiting for a grace period (struct rcu_head): a name for traces, the function,
 * and the link that threads it onto one {@link RcuSegcblist} or {@link RcuCbList}.
 *
 * <p>{@code queued} stands in for CONFIG_DEBUG_OBJECTS_RCU_HEAD: call_rcu() marks the head with
 * {@link #debugQueue()} and the invoker clears it with {@link #debugUnqueue()}, so passing a
 * head that is still queued (the kernel's "Double-freed CB") is caught before it corrupts a list.
 * The lists themselves do not look at the flag.
 *
 * <p>Not thread-safe and holds no lock: whoever owns the list the head is on owns the head.
 */
public final class RcuHead {
    private final String name;
    private RcuCallback func;
    /** The next callback on the same list; null at the end. Written only by the list classes. */
    RcuHead next;
    private boolean queued;

    public RcuHead(String name) {
        this(name, null);
    }

    public RcuHead(String name, RcuCallback func) {
        this.name = name;
        this.func = func;
    }

    public String name() {
        return name;
    }

    public RcuCallback func() {
        return func;
    }

    /** call_rcu() stores the function into the head (head->func = func). */
    public void setFunc(RcuCallback func) {
        this.func = func;
    }

    /** The next callback on the list this head is on, or null. */
    public RcuHead next() {
        return next;
    }

    public boolean queued() {
        return queued;
    }

    /**
     * debug_rcu_head_queue(): mark the head queued. Returns true if it already was, which is the
     * kernel's double-call_rcu() case: the caller must WARN and leave the head alone (the kernel
     * leaks it) rather than enqueue it again.
     */
    public boolean debugQueue() {
        if (queued) {
            return true;
        }
        queued = true;
        return false;
    }

    /** debug_rcu_head_unqueue(): the head was taken off its list to be invoked. */
    public void debugUnqueue() {
        queued = false;
    }

    /** Run the callback (rcu_do_batch's f(rhp)). */
    public void invoke(Kernel k) {
        func.invoke(k);
    }

    @Override
    public String toString() {
        return name;
    }
}
