package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.machine.SimFailure;
import rcusim.kernel.Softirq;

/**
 * call_rcu() and callback invocation (rcu_do_batch). call_rcu() only enqueues, with irqs off,
 * and gives no ordering by itself: the callback is tagged with a grace period later, under
 * the leaf lock, when rcu_core accelerates.
 */
final class RcuCallbacks {
    /** rcu_divisor: a batch invokes at least len >> 7 callbacks. */
    private static final int RCU_DIVISOR = 7;

    private final RcuState s;
    private final NodeLocks locks;
    private final RcuCore core;
    long invoked;

    RcuCallbacks(RcuState s, NodeLocks locks, RcuCore core) {
        this.s = s;
        this.locks = locks;
        this.core = core;
    }

    void callRcu(Kernel k, RcuHead head, RcuCallback func) {
        if (head.debugQueue()) {
            // the kernel leaks the callback and warns (CONFIG_DEBUG_OBJECTS_RCU_HEAD); here the run fails
            throw new SimFailure(SimFailure.Kind.RCU, "WARNING: __call_rcu(): Double-freed CB " + head.name() + "->"
                    + head.name() + "()!!! (call_rcu() on an rcu_head that is already queued)");
        }
        head.setFunc(func);
        long flags = k.localIrqSave();
        RcuData rdp = s.rda[k.smpProcessorId()];
        if (rdp.offloaded) {
            s.nocb.callRcuNocb(k, rdp, head, flags);
            return;
        }
        RcuSegcblist cbl = rdp.cblist();
        if (!cbl.isEnabled()) {
            k.localIrqRestore(flags);
            throw new SimFailure(SimFailure.Kind.RCU, "call_rcu() on CPU " + rdp.cpu + " whose callback list is disabled");
        }
        enqueueFullyOrdered(k, cbl, head);
        if (k.tracing()) {
            k.traceEvent("rcu_callback", s.name + " rhp=" + head.name() + " func=" + head.name() + " " + cbl.n());
        }
        if (!k.rcuIsWatching()) {
            k.raiseSoftirq(Softirq.RCU);
        }
        k.localIrqRestore(flags);
    }

    /**
     * rcu_segcblist_enqueue(), whose count update (rcu_segcblist_add_len()) the kernel makes
     * "fully ordered with respect to the callers accesses both before and after": smp_mb() on
     * both sides (with NOCB compiled in, smp_mb__before_atomic()/after_atomic() around an atomic
     * add, the same). So call_rcu() orders the caller's update (the removal) before everything
     * after it, among them the grace-period snapshot that tags the callback.
     */
    static void enqueueFullyOrdered(Kernel k, RcuSegcblist cbl, RcuHead head) {
        k.smpMb();
        cbl.enqueue(head);
        k.smpMb();
    }

    /** rcu_segcblist_add_len() with its two full barriers (rcu_do_batch()'s count of the invoked). */
    static void addLenFullyOrdered(Kernel k, RcuSegcblist cbl, long v) {
        k.smpMb();
        cbl.addLen(v);
        k.smpMb();
    }

    /** rcu_accelerate_cbs_unlocked(): a lockless check, then the leaf lock (irqs are off). */
    void accelerateUnlocked(Kernel k, RcuData rdp) {
        RcuNode rnp = rdp.mynode;
        long c = core.snap(k);
        if (!rdp.gpwrap.get() && RcuSeq.cmpGe(rdp.gpSeqNeeded.get(), c)) {
            rdp.cblist().accelerate(c, s.config.injected(RcuFault.ACCELERATE_INTO_OLDER));
            return;
        }
        locks.lock(k, rnp);
        boolean needwake = core.accelerateCbs(k, rnp, rdp);
        locks.unlock(k, rnp);
        if (needwake) {
            core.gpKthreadWake(k);
        }
    }

    /** rcu_do_batch(): invokes the ready callbacks, at most a batch limit of them; the rest wait. */
    void doBatch(Kernel k, RcuData rdp) {
        long flags = k.localIrqSave();
        RcuSegcblist cbl = rdp.cblist();
        long pending = cbl.n();
        long bl = Math.max(s.config.blimit(), pending >> RCU_DIVISOR);
        RcuCbList rcl = new RcuCbList();
        cbl.extractDoneCbs(rcl);
        k.localIrqRestore(flags);
        long count = 0;
        RcuHead rhp;
        while ((rhp = rcl.dequeue()) != null) {
            invoke(k, rhp);
            if (++count >= bl) {
                break;
            }
        }
        flags = k.localIrqSave();
        cbl = rdp.cblist();
        addLenFullyOrdered(k, cbl, -count);
        cbl.insertDoneCbs(rcl);
        checkBatchEnd(k, rdp, cbl);
        boolean more = cbl.readyCbs();
        k.localIrqRestore(flags);
        if (more) {
            k.raiseSoftirq(Softirq.RCU);
        }
    }

    /**
     * The end of rcu_do_batch(): the count, the links and the segment lengths must agree (a
     * disagreement usually means a double call_rcu()). The kernel's fourth check, a non-zero
     * count with nothing linked, exists only in kernels built without NOCB, where no batch of
     * an offloaded CPU can be in flight; this model always has NOCB compiled in.
     */
    static void checkBatchEnd(Kernel k, RcuData rdp, RcuSegcblist cbl) {
        long count = cbl.n();
        boolean empty = cbl.headEmpty();
        long segCbs = cbl.nSegmentCbs();
        if ((count == 0 && !empty) || (count == 0 && segCbs != 0) || (!empty && segCbs == 0)) {
            k.warnOnOnce(true, "rcu_do_batch(): count == 0 && !empty || count == 0 && rcu_segcblist_n_segment_cbs() != 0"
                    + " || !empty && rcu_segcblist_n_segment_cbs() == 0: CPU " + rdp.cpu + " " + cbl);
        }
    }

    /** One callback of a batch, in softirq (rcu_do_batch) or in an rcuo kthread. */
    void invoke(Kernel k, RcuHead rhp) {
        rhp.debugUnqueue();
        if (k.tracing()) {
            k.traceEvent("rcu_invoke_callback", s.name + " rhp=" + rhp.name() + " func=" + rhp.name());
        }
        rhp.invoke(k);
        invoked++;
    }
}
