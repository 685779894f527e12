package rcusim.rcu;

import java.util.List;

/**
 * Faults that can be injected into Tree RCU (reference section 14), each one a bug the kernel
 * once had or could have. A checker must catch every one of them.
 */
public final class Mutations {
    public static final String NO_MB_AFTER_UNLOCK_LOCK = "no-mb-after-unlock-lock";
    public static final String REPORT_SKIPS_CHILD_CHECK = "report-skips-bits-remain";
    public static final String INIT_QSMASK_ZERO = "init-qsmask-zero";
    public static final String QS_IN_READER = "qs-in-reader";
    public static final String ACCEPT_STALE_QS = "accept-stale-qs";
    public static final String NEVER_REPORT_QS = "never-report-qs";
    public static final String EQS_SNAPSHOT_ODD = "eqs-snapshot-wrong-parity";
    public static final String BLKD_TASK_AT_HEAD = "blocked-task-at-head";
    public static final String HOTPLUG_CLEAR_BEFORE_REPORT = "hotplug-clear-before-report";
    public static final String ACCELERATE_CURRENT = "accelerate-with-current";
    public static final String SYNC_RETURNS_AT_ONCE = "sync-returns-at-once";
    public static final String EXP_IGNORES_BLOCKED_TASKS = "exp-ignores-blocked-tasks";
    public static final String EXP_HANDLER_REPORTS_IN_READER = "exp-handler-reports-in-reader";
    public static final String POLL_DONE_ON_START = "poll-done-on-start";
    public static final String BARRIER_SKIPS_OFFLINE = "barrier-skips-offline";
    public static final String BARRIER_IPI_NO_WAIT = "barrier-ipi-no-wait";
    public static final String NOCB_INVOKE_BEFORE_GP = "nocb-invoke-before-gp";
    public static final String NOCB_ENQUEUE_WITHOUT_LOCK = "nocb-enqueue-without-lock";

    /** name, description */
    public static final List<String[]> ALL = List.of(
            new String[] {NO_MB_AFTER_UNLOCK_LOCK, "rcu_node lock acquisitions lack smp_mb__after_unlock_lock()"},
            new String[] {REPORT_SKIPS_CHILD_CHECK,
                "rcu_report_qs_rnp() clears a parent's bit while the child still has bits (FF6 / bug 7)"},
            new String[] {INIT_QSMASK_ZERO, "the INIT pass sets qsmask to 0 instead of qsmaskinit"},
            new String[] {QS_IN_READER, "the tick reports a quiescent state inside an RCU reader"},
            new String[] {ACCEPT_STALE_QS, "rcu_report_qs_rdp() accepts a quiescent state from an earlier grace period"},
            new String[] {NEVER_REPORT_QS, "rcu_qs() never clears cpu_no_qs: busy CPUs never report"},
            new String[] {EQS_SNAPSHOT_ODD, "the FQS scan treats a watching (odd) counter as an extended quiescent state"},
            new String[] {BLKD_TASK_AT_HEAD, "a reader preempted while blocking the GP is queued at the head of blkd_tasks"},
            new String[] {HOTPLUG_CLEAR_BEFORE_REPORT,
                "rcutree_report_cpu_dead() clears qsmaskinitnext without reporting the CPU's quiescent state"},
            new String[] {ACCELERATE_CURRENT, "callbacks are tagged with the current GP number instead of rcu_seq_snap()"},
            new String[] {SYNC_RETURNS_AT_ONCE, "synchronize_rcu() returns at once, after a full barrier (CBMC study's bug 1)"},
            new String[] {EXP_IGNORES_BLOCKED_TASKS,
                "sync_exp_reset_tree() does not set exp_tasks: expedited GPs ignore readers preempted before them"},
            new String[] {EXP_HANDLER_REPORTS_IN_READER,
                "rcu_exp_handler() reports the expedited quiescent state even inside an RCU reader"},
            new String[] {POLL_DONE_ON_START,
                "poll_state_synchronize_rcu() takes a cookie as done once its grace period has started (rcu_seq_started)"},
            new String[] {BARRIER_SKIPS_OFFLINE, "rcu_barrier() ignores offline CPUs' callbacks: it does not entrain on"
                + " an offline CPU's list, nor does rcutree_migrate_callbacks()"},
            new String[] {BARRIER_IPI_NO_WAIT, "rcu_barrier() does not wait for its entrain IPIs, so it may drop the"
                + " count's bias (and return) before they queued and counted their barrier callbacks"},
            new String[] {NOCB_INVOKE_BEFORE_GP, "rcuog advances an offloaded CPU's callbacks as if the grace period in"
                + " progress had ended, so rcuo invokes them early (NOCB scenarios only)"},
            new String[] {NOCB_ENQUEUE_WITHOUT_LOCK,
                "call_rcu() on an offloaded CPU enqueues without nocb_lock (NOCB scenarios only)"});

    private Mutations() {
    }

    public static boolean exists(String name) {
        return ALL.stream().anyMatch(m -> m[0].equals(name));
    }
}
