package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.machine.SimFailure;

/**
 * The polled grace-period API (get_state_synchronize_rcu() and friends), as since v6.0: a
 * cookie is the rcu_seq_snap() of rcu_state.gp_seq_polled, the value that counter reaches once a
 * grace period that started after the call has ended; polling compares gp_seq_polled with it.
 * The GP kthread starts gp_seq_polled with each grace period and ends it at the start of
 * rcu_gp_cleanup(), before any rcu_node (and so any callback) sees the end: a cookie taken
 * before a synchronize_rcu() that returned always polls done. (Polling rcu_state.gp_seq
 * instead, as v5.12-v5.19 did, leaves a window: gp_seq ends after the cleanup pass.) The
 * kernel's fast paths that also move gp_seq_polled (synchronize_rcu() when blocking is a grace
 * period, on one CPU) are not modelled. The "full" variant polls the root rcu_node's gp_seq.
 */
final class RcuPoll {
    /** RCU_GET_STATE_COMPLETED: a cookie that always polls as done (get_completed_synchronize_rcu()). */
    static final long GET_STATE_COMPLETED = 0x1;

    private final RcuState s;
    private final NodeLocks locks;
    private final RcuCore core;
    private final RcuExp exp;

    RcuPoll(RcuState s, NodeLocks locks, RcuCore core, RcuExp exp) {
        this.s = s;
        this.locks = locks;
        this.core = core;
        this.exp = exp;
    }

    /**
     * get_state_synchronize_rcu(): smp_mb() so that the caller's earlier accesses (the removal of
     * an element) come before the load of gp_seq_polled, then rcu_seq_snap() with its own smp_mb().
     */
    long getState(Kernel k) {
        k.smpMb();
        long cookie = RcuSeq.snap(k.readOnce(s.gpSeqPolledAddr));
        k.smpMb();
        return cookie;
    }

    /**
     * start_poll_synchronize_rcu(): the cookie, and a grace period requested through this CPU's
     * leaf (rcu_start_this_gp() with a snapshot of gp_seq), so that somebody's polling will end.
     */
    long startPoll(Kernel k) {
        long cookie = getState(k);
        startThisGpFromHere(k);
        return cookie;
    }

    /**
     * The request half of start_poll_synchronize_rcu(). A grace period may end between the
     * cookie's snapshot and this one; then a later grace period than needed is requested, which
     * is harmless. The two loads are ordered by the smp_mb() in between and read gp_seq in the
     * opposite order from the one GP start updates it in.
     */
    private void startThisGpFromHere(Kernel k) {
        if (k.irqsDisabled()) {
            throw new SimFailure(SimFailure.Kind.LOCKDEP, "WARNING: lockdep_assert_irqs_enabled() failed in"
                    + " start_poll_synchronize_rcu() (" + k.current() + ")");
        }
        long flags = k.localIrqSave();
        RcuData rdp = s.rda[k.smpProcessorId()];
        RcuNode rnp = rdp.mynode;
        locks.lock(k, rnp);
        boolean needwake = core.startThisGp(k, rnp, rdp, core.snap(k));
        locks.unlockIrqrestore(k, rnp, flags);
        if (needwake) {
            core.gpKthreadWake(k);
        }
    }

    /**
     * poll_state_synchronize_rcu(): has the grace period the cookie names ended? Then smp_mb(),
     * so that the caller's later accesses (freeing) come after the end of the grace period.
     * rcu_seq_done_exact(): a cookie left unpolled so long that gp_seq wrapped past it reads done.
     */
    boolean pollState(Kernel k, long cookie) {
        if (cookie == GET_STATE_COMPLETED || done(k.readOnce(s.gpSeqPolledAddr), cookie)) {
            k.smpMb();
            return true;
        }
        return false;
    }

    /** The comparison of a poll; the injected fault takes a started grace period for an ended one. */
    private boolean done(long cur, long cookie) {
        if (s.config.injected(RcuFault.POLL_DONE_ON_START)) {
            return RcuSeq.started(cur, cookie);
        }
        return RcuSeq.doneExact(cur, cookie);
    }

    // ---------------------------------------------------------------- the "full" variants

    /**
     * get_state_synchronize_rcu_full(): snapshots of rcu_state.gp_seq (as in the kernel: the
     * root's copy could lag behind a GP start that newly onlined CPUs already saw) and of
     * rcu_state.expedited_sequence, after a full barrier.
     */
    RcuGpOldstate getStateFull(Kernel k) {
        k.smpMb();
        long norm = core.snap(k);
        long expSnap = RcuSeq.snap(k.readOnce(exp.expeditedSequence));
        return new RcuGpOldstate(norm, expSnap);
    }

    RcuGpOldstate startPollFull(Kernel k) {
        RcuGpOldstate cookie = getStateFull(k);
        startThisGpFromHere(k);
        return cookie;
    }

    /**
     * poll_state_synchronize_rcu_full(): done when either half is: the normal one against the
     * root rcu_node's gp_seq, which cleanup ends before any leaf (so a callback-based wait that
     * returned always polls done), the expedited one against expedited_sequence. The first
     * smp_mb() orders the poll after the wait; the second orders later frees after the end.
     */
    boolean pollStateFull(Kernel k, RcuGpOldstate cookie) {
        k.smpMb();
        if (cookie.norm() == GET_STATE_COMPLETED || done(s.root().gpSeqReadOnce(), cookie.norm())
                || cookie.exp() == GET_STATE_COMPLETED || done(k.readOnce(exp.expeditedSequence), cookie.exp())) {
            k.smpMb();
            return true;
        }
        return false;
    }
}
