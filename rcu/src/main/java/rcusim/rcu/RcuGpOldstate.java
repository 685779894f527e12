package rcusim.rcu;

/**
 * struct rcu_gp_oldstate: a "full" polled grace-period cookie, one half for normal grace
 * periods (rcu_state.gp_seq) and one for expedited ones (rcu_state.expedited_sequence). Either
 * half having completed means a full grace period has elapsed.
 */
public record RcuGpOldstate(long norm, long exp) {
    /** get_completed_synchronize_rcu_full(): polls as done at once. */
    public static final RcuGpOldstate COMPLETED = new RcuGpOldstate(RcuPoll.GET_STATE_COMPLETED, RcuPoll.GET_STATE_COMPLETED);
}
