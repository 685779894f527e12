package rcusim.rcu;

import java.util.Arrays;
import java.util.List;
import rcusim.machine.CoverageEvent;

/**
 * The "sometimes" events Tree RCU reports as coverage: rare paths that a campaign should show
 * it reached (a reader preempted while blocking a grace period, rcu_barrier() entraining on an
 * offline CPU, ...). The texts are what reports print; changing one renames the event in every
 * report and summary written since.
 */
public enum RcuCoverage implements CoverageEvent {
    DEFERRED_QS("rcu: a quiescent state report was deferred", Needs.PREEMPT_RCU),
    READER_PREEMPTED("rcu: a reader was preempted", Needs.PREEMPT_RCU),
    EXP_SECOND_BLKD_READER("rcu: a second preempted reader blocks an expedited grace period", Needs.PREEMPT_RCU),
    BARRIER_DONE_BY_OTHER("rcu: rcu_barrier() found its work done by another caller", Needs.NOTHING),
    BARRIER_ENTRAIN_OFFLINE("rcu: rcu_barrier() entrained on an offline CPU's callbacks", Needs.NOTHING),
    BARRIER_RETRY_DYING_CPU("rcu: rcu_barrier() retried a CPU on its way down", Needs.NOTHING),
    MIGRATE_ENTRAINED_BARRIER("rcu: callback migration entrained rcu_barrier()'s callback", Needs.NOTHING),
    STALE_QS("rcu: a quiescent state from an earlier grace period reached rcu_report_qs_rdp()", Needs.NOTHING),
    UNBLOCK_QS_RNP("rcu: the last preempted reader blocking a grace period left it", Needs.PREEMPT_RCU),
    EXP_FUNNEL_WAIT("rcu: an expedited grace period waited in the funnel for another's", Needs.NOTHING),
    EXP_WAITS_FOR_BLKD_READERS("rcu: an expedited grace period waits for preempted readers", Needs.PREEMPT_RCU),
    EXP_IPI_HOTPLUG_RETRY("rcu: an expedited IPI raced with CPU hotplug and was retried", Needs.NOTHING),
    EXP_IPI_IN_READER("rcu: an expedited IPI found its CPU inside a reader", Needs.PREEMPT_RCU),
    EXP_NEED_QS("rcu: an expedited IPI left its report to the CPU's next quiescent state", Needs.NOTHING),
    EXP_UNBLOCK_RNP("rcu: the last preempted reader blocking an expedited grace period left it", Needs.PREEMPT_RCU),
    EXP_STALL("rcu: expedited stall warning", Needs.NOTHING),
    FQS_CREDITED_CPU("rcu: a forced-quiescent-state scan credited a CPU", Needs.NOTHING),
    URGENT_QS("rcu: rcu_urgent_qs requested", Needs.NOTHING),
    INIT_REPORTED_OFFLINE("rcu: the INIT pass reported CPUs that went offline", Needs.NOTHING),
    OFFLINE_DURING_GP_INIT("rcu: a CPU went offline during grace-period initialisation", Needs.NOTHING),
    DYING_CPU_REPORTED_QS("rcu: a dying CPU reported its own quiescent state", Needs.NOTHING),
    EMPTIED_LEAF_CLEANED("rcu: a leaf emptied and was cleaned up (rcu_cleanup_dead_rnp() cleared its bit up the tree)",
            Needs.NOTHING),
    EMPTIED_LEAF_BLOCKED_TASKS("rcu: an emptied leaf still had blocked tasks (wait_blkd_tasks)", Needs.PREEMPT_RCU),
    EMPTIED_LEAF_TASKS_LEFT("rcu: an emptied leaf's blocked tasks left, and a later ONOFF pass cleaned it up",
            Needs.PREEMPT_RCU),
    INIT_WAITS_EMPTIED_LEAF("rcu: the INIT pass made a grace period wait for an emptied leaf's blocked tasks",
            Needs.PREEMPT_RCU),
    DOWN_UP_BETWEEN_ONOFF("rcu: a CPU went down and came back up between two ONOFF passes", Needs.NOTHING),
    GP_PREINIT_DELAY("rcu: gp_preinit_delay widened the window after an ONOFF pass", Needs.PREINIT_DELAY),
    GP_INIT_DELAY("rcu: gp_init_delay widened an INIT pass", Needs.INIT_DELAY),
    GP_CLEANUP_DELAY("rcu: gp_cleanup_delay widened a cleanup pass", Needs.CLEANUP_DELAY),
    MIGRATED_CALLBACKS("rcu: callbacks migrated from a dead CPU", Needs.NOTHING),
    MIGRATED_TO_OFFLOADED("rcu: callbacks migrated to an offloaded CPU", Needs.NOCB),
    RCUO_INVOKED_OFFLINE("rcu: rcuo invoked the callbacks of its offline CPU", Needs.NOCB),
    STALL("rcu: stall warning", Needs.NOTHING),
    GP_SEQ_WRAP("rcu: gp_seq crossed the wrap", Needs.NOTHING),
    EXP_SEQ_WRAP("rcu: expedited_sequence crossed the wrap", Needs.NOTHING);

    /** What the configuration must have for the event to be reachable at all. */
    private enum Needs {
        NOTHING,
        /** CONFIG_PREEMPT_RCU: the events of readers that were preempted. */
        PREEMPT_RCU,
        /** rcu_nocbs=: the events of offloaded callbacks. */
        NOCB,
        /** rcutree.gp_preinit_delay, gp_init_delay, gp_cleanup_delay above 0. */
        PREINIT_DELAY,
        INIT_DELAY,
        CLEANUP_DELAY
    }

    private final String text;
    private final Needs needs;

    RcuCoverage(String text, Needs needs) {
        this.text = text;
        this.needs = needs;
    }

    @Override
    public String text() {
        return text;
    }

    /**
     * The events Tree RCU can reach under configuration c, in declaration order: all of them but
     * preempted readers' without CONFIG_PREEMPT_RCU, offloaded callbacks' without rcu_nocbs= and a
     * grace-period delay's when it is 0.
     * Whether a workload exercises hotplug, barriers or expedited grace periods is the workload's
     * business, so those events stay in: a 0 for them in a report says the workload never got there.
     */
    public static List<RcuCoverage> reachableWith(RcuConfig c) {
        return Arrays.stream(values()).filter(e -> switch (e.needs) {
            case NOTHING -> true;
            case PREEMPT_RCU -> c.preemptible();
            case NOCB -> !c.nocbCpus().isEmpty();
            case PREINIT_DELAY -> c.gpDelays().preinit() > 0;
            case INIT_DELAY -> c.gpDelays().init() > 0;
            case CLEANUP_DELAY -> c.gpDelays().cleanup() > 0;
        }).toList();
    }
}
