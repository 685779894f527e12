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
            "call_rcu() on an offloaded CPU enqueues without nocb_lock (NOCB scenarios only)");

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
