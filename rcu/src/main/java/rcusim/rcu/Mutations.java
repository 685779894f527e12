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
