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
        NOCB
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
     * preempted readers' without CONFIG_PREEMPT_RCU and offloaded callbacks' without rcu_nocbs=.
     * Whether a workload exercises hotplug, barriers or expedited grace periods is the workload's
     * business, so those events stay in: a 0 for them in a report says the workload never got there.
     */
    public static List<RcuCoverage> reachableWith(RcuConfig c) {
        return Arrays.stream(values()).filter(e -> switch (e.needs) {
            case NOTHING -> true;
            case PREEMPT_RCU -> c.preemptible();
            case NOCB -> !c.nocbCpus().isEmpty();
        }).toList();
    }
}
