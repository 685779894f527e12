package rcusim.rcu;

import java.util.Arrays;
import java.util.Optional;

/**
 * Faults that can be injected into Tree RCU, each one a bug the kernel once had or could have. A
 * checker must catch every one of them. The constant is the bug's name in kernel terms; its
 * {@link #spelling} is what {@code --inject}, {@code rcusim list mutations} and replay files use
 * (and what {@link #toString} gives, so that a configuration's text, and with it a recording's
 * scenario hash, reads the same as when faults were plain strings).
 */
public enum RcuFault {
    NO_MB_AFTER_UNLOCK_LOCK("no-mb-after-unlock-lock", "rcu_node lock acquisitions lack smp_mb__after_unlock_lock()"),
    REPORT_SKIPS_BITS_REMAIN("report-skips-bits-remain",
            "rcu_report_qs_rnp() clears a parent's bit while the child still has bits (FF6 / bug 7)"),
    INIT_QSMASK_ZERO("init-qsmask-zero", "the INIT pass sets qsmask to 0 instead of qsmaskinit"),
    QS_IN_READER("qs-in-reader", "the tick reports a quiescent state inside an RCU reader"),
    ACCEPT_STALE_QS("accept-stale-qs", "rcu_report_qs_rdp() accepts a quiescent state from an earlier grace period"),
    NEVER_REPORT_QS("never-report-qs", "rcu_qs() never clears cpu_no_qs: busy CPUs never report"),
    EQS_SNAPSHOT_WRONG_PARITY("eqs-snapshot-wrong-parity",
            "the FQS scan treats a watching (odd) counter as an extended quiescent state"),
    BLKD_TASK_AT_HEAD("blocked-task-at-head",
            "a reader preempted while blocking the GP is queued at the head of blkd_tasks"),
    HOTPLUG_CLEAR_BEFORE_REPORT("hotplug-clear-before-report",
            "rcutree_report_cpu_dead() clears qsmaskinitnext without reporting the CPU's quiescent state"),
    ACCELERATE_WITH_CURRENT("accelerate-with-current",
            "callbacks are tagged with the current GP number instead of rcu_seq_snap()"),
    SYNC_RETURNS_AT_ONCE("sync-returns-at-once",
            "synchronize_rcu() returns at once, after a full barrier (CBMC study's bug 1)"),
    EXP_IGNORES_BLOCKED_TASKS("exp-ignores-blocked-tasks",
            "sync_exp_reset_tree() does not set exp_tasks: expedited GPs ignore readers preempted before them"),
    EXP_HANDLER_REPORTS_IN_READER("exp-handler-reports-in-reader",
            "rcu_exp_handler() reports the expedited quiescent state even inside an RCU reader"),
    POLL_DONE_ON_START("poll-done-on-start",
            "poll_state_synchronize_rcu() takes a cookie as done once its grace period has started (rcu_seq_started)"),
    BARRIER_SKIPS_OFFLINE("barrier-skips-offline", "rcu_barrier() ignores offline CPUs' callbacks: it does not"
            + " entrain on an offline CPU's list, nor does rcutree_migrate_callbacks()"),
    BARRIER_IPI_NO_WAIT("barrier-ipi-no-wait", "rcu_barrier() does not wait for its entrain IPIs, so it may drop the"
            + " count's bias (and return) before they queued and counted their barrier callbacks"),
    NOCB_INVOKE_BEFORE_GP("nocb-invoke-before-gp", "rcuog advances an offloaded CPU's callbacks as if the grace"
            + " period in progress had ended, so rcuo invokes them early (NOCB scenarios only)"),
    SEQ_DONE_NO_WRAP("seq-done-no-wrap", "rcu_seq_done() compares with a plain unsigned >= instead of ULONG_CMP_GE,"
            + " so a snapshot taken just before the counter wraps reads as done at once (every caller: expedited"
            + " grace periods, rcu_barrier(), rcuog)"),
    EMPTIED_LEAF_FORGETS_TASKS("emptied-leaf-forgets-tasks", "the ONOFF pass cleans up a leaf whose last CPU went"
            + " offline with rcu_cleanup_dead_rnp() even though readers preempted there are still queued on it, instead"
            + " of setting wait_blkd_tasks and keeping its bit up the tree"),
    INIT_IGNORES_WAIT_BLKD_TASKS("init-ignores-wait-blkd-tasks", "rcu_preempt_check_blocked_tasks() points gp_tasks at"
            + " the blocked readers only on leaves with online CPUs (qsmaskinit), forgetting an emptied leaf that"
            + " waits for its blocked tasks (wait_blkd_tasks): the grace period ends without them"),
    NOCB_ENQUEUE_WITHOUT_LOCK("nocb-enqueue-without-lock",
            "call_rcu() on an offloaded CPU enqueues without nocb_lock (NOCB scenarios only)"),
    START_GP_NO_WRAP("start-gp-no-wrap", "rcu_start_this_gp()'s funnel tests ->gp_seq_needed against the request with"
            + " a plain unsigned >= instead of ULONG_CMP_GE, so across the gp_seq wrap a node that needed a grace"
            + " period just before it swallows every later request"),
    EXP_FUNNEL_NO_WRAP("exp-funnel-no-wrap", "exp_funnel_lock() compares ->exp_seq_rq with the snapshot as plain"
            + " unsigned values, so across the expedited_sequence wrap a caller takes an old request for its own and"
            + " waits for an expedited grace period nobody starts"),
    CPU_DEAD_CHECK_BEFORE_LOCK("cpu-dead-check-before-lock", "rcutree_report_cpu_dead() tests whether the leaf"
            + " still waits for the dying CPU before taking ofl_lock and the leaf lock, and does not test again"
            + " under them: a grace period initialized in between keeps waiting for an offline CPU"),
    START_GP_NO_WAKE("start-gp-no-wake", "rcu_start_this_gp() sets RCU_GP_FLAG_INIT at an idle root but returns"
            + " false, so its caller never wakes the grace-period kthread (a lost wake-up)"),
    NOCB_WAKE_LOST("nocb-wake-lost", "__call_rcu_nocb_wake() judges whether the list was empty after the enqueue,"
            + " so the first callback on an offloaded CPU never wakes a sleeping rcuog (a lost wake-up)"),
    UNBLOCK_WRONG_LEAF("unblock-wrong-leaf", "rcu_preempt_deferred_qs_irqrestore() settles a preempted reader on"
            + " the leaf of the CPU it finishes on (rdp->mynode) instead of t->rcu_blocked_node: wrong once it migrated"),
    EXP_SNAP_OFF_BY_ONE("exp-snap-off-by-one", "rcu_exp_gp_seq_snap() rounds up by one grace period too few:"
            + " during an expedited grace period it returns that one's end, although it may have begun before"
            + " the caller's update"),
    EXP_FUNNEL_NO_WAIT("exp-funnel-no-wait", "exp_funnel_lock() returns as soon as it finds an ->exp_seq_rq that"
            + " covers its snapshot, without waiting for that expedited grace period to end"),
    ACCELERATE_INTO_OLDER("accelerate-into-older", "rcu_segcblist_accelerate() moves new callbacks into the newest"
            + " waiting segment with an earlier grace period instead of the one after it (an off-by-one in the"
            + " tails), so they wait only for that earlier grace period"),
    ACCELERATE_STALE_GP_SEQ("accelerate-stale-gp-seq", "rcu_accelerate_cbs() snapshots the CPU's own rdp->gp_seq"
            + " instead of rcu_state.gp_seq: a CPU that has not noticed the current grace period tags new"
            + " callbacks with it"),
    FQS_STALE_SNAPSHOT("fqs-stale-snapshot", "rcu_gp_fqs_loop() takes the watching-counter snapshots only in the"
            + " kthread's first grace period; later ones compare against snapshots from an earlier grace period,"
            + " crediting a CPU that merely went idle once since then");

    private final String spelling;
    private final String description;

    RcuFault(String spelling, String description) {
        this.spelling = spelling;
        this.description = description;
    }

    /** The command-line and on-disk name, e.g. "init-qsmask-zero". */
    public String spelling() {
        return spelling;
    }

    /** One line: what the fault breaks. */
    public String description() {
        return description;
    }

    /** The fault spelled so on the command line, if there is one. */
    public static Optional<RcuFault> named(String spelling) {
        return Arrays.stream(values()).filter(f -> f.spelling.equals(spelling)).findFirst();
    }

    @Override
    public String toString() {
        return spelling;
    }
}
