package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.machine.SimFailure;

/**
 * The polled grace-period API (get_state_synchronize_rcu() and friends): a cookie is the
 * rcu_seq_snap() of rcu_state.gp_seq, the value gp_seq reaches once a grace period that started
 * after the call has ended; polling compares gp_seq with it.
 *
 * <p>Differs from current kernels on purpose: since v6.0 the kernel polls a separate counter,
 * rcu_state.gp_seq_polled, which the GP kthread ends at the start of rcu_gp_cleanup() (and which
 * the expedited and single-CPU fast paths also move). Here the normal API polls rcu_state.gp_seq
 * itself, as v5.12 to v5.19 did. gp_seq ends after the cleanup pass, so for a moment after
 * synchronize_rcu() returns (its callback ran once the CPU's leaf had ended the grace period) a
 * cookie taken before it can still poll as not done. The "full" variant polls the root
 * rcu_node's gp_seq, which cleanup ends first, so it has no such window.
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
     * an element) come before the load of gp_seq, then rcu_seq_snap() with its own smp_mb().
     */
    long getState(Kernel k) {
        k.smpMb();
        return core.snap(k);
    }

    /**
     * start_poll_synchronize_rcu(): the cookie, and the grace period it needs requested through
     * this CPU's leaf (rcu_start_this_gp()), so that somebody's polling will end.
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
        if (cookie == GET_STATE_COMPLETED || done(k.readOnce(s.gpSeqAddr), cookie)) {
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
        if (cookie.norm() == GET_STATE_COMPLETED || done(s.root().gpSeq(), cookie.norm())
                || cookie.exp() == GET_STATE_COMPLETED || done(k.readOnce(exp.expeditedSequence), cookie.exp())) {
            k.smpMb();
            return true;
        }
        return false;
    }
}
