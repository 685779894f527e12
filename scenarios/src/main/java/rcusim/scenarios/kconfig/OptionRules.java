package rcusim.scenarios.kconfig;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every Kconfig option and boot parameter rcusim knows, with what it does with each
 * ({@link OptionRule}). The options of the kernel's rcutorture configurations of the last
 * decade (configs/rcu: TREE*, NOCB*, SRCU-*, TASKS*, TRACE*, RUDE*, TINY*, CFcommon) are all
 * here; docs/rcutorture-configs.md lists them.
 */
final class OptionRules {
    private static final String DEBUG = "a debugging aid: checks and reports, not RCU's behaviour";
    private static final String LOCKDEP = "lockdep: rcusim's lockdep is always on";
    private static final String SUSPEND = "suspend and hibernation are not exercised by rcutorture";
    private static final String TORTURE_TIMING = "an rcutorture pacing or reporting knob: rcusim's runs are a few hundred"
            + " jiffies, paced by the explored schedule";

    private static final Map<String, OptionRule> KCONFIG = new TreeMap<>();
    private static final Map<String, OptionRule> BOOT = new TreeMap<>();

    static {
        for (String m : new String[] {"SMP", "NR_CPUS", "PREEMPT_NONE", "PREEMPT", "PREEMPT_RCU", "TREE_RCU",
            "TREE_PREEMPT_RCU", "TINY_RCU", "HZ_PERIODIC", "NO_HZ_IDLE", "NO_HZ", "NO_HZ_FULL", "HZ", "HZ_100",
            "HZ_250", "HZ_300", "HZ_1000", "HOTPLUG_CPU", "RCU_FANOUT", "RCU_FANOUT_LEAF", "RCU_FANOUT_EXACT",
            "RCU_NOCB_CPU", "RCU_NOCB_CPU_ALL", "RCU_NOCB_CPU_NONE", "RCU_NOCB_CPU_ZERO", "RCU_NOCB_CPU_DEFAULT_ALL",
            "RCU_CPU_STALL_TIMEOUT", "RCU_TORTURE_TEST"}) {
            KCONFIG.put(m, OptionRule.modelled());
        }
        harmless(KCONFIG, DEBUG, "RCU_TRACE", "PROVE_RCU", "DEBUG_OBJECTS", "DEBUG_OBJECTS_RCU_HEAD",
                "RCU_CPU_STALL_INFO", "RCU_CPU_STALL_VERBOSE", "RCU_CPU_STALL_CPUTIME", "RCU_EQS_DEBUG", "DEBUG_KERNEL",
                "DEBUG_ATOMIC_SLEEP", "DEBUG_PREEMPT", "RCU_DOUBLE_CHECK_CB_TIME", "KASAN", "KCSAN",
                "KCSAN_ASSUME_PLAIN_WRITES_ATOMIC", "KCSAN_REPORT_VALUE_CHANGE_ONLY", "RCU_STALL_COMMON",
                "RCU_EXP_CPU_STALL_TIMEOUT", "PROVE_RCU_LIST", "DEBUG_LIST", "RCU_REF_SCALE_TEST",
                "RCU_SCALE_TEST", "LOCK_TORTURE_TEST", "TORTURE_TEST", "RCU_CPU_STALL_NOTE_CPUTIME");
        harmless(KCONFIG, LOCKDEP, "DEBUG_LOCK_ALLOC", "PROVE_LOCKING", "LOCKDEP");
        harmless(KCONFIG, "printk formatting", "PRINTK_TIME");
        harmless(KCONFIG, "exposes RCU's expert options; each one it exposes is accounted for on its own", "RCU_EXPERT");
        harmless(KCONFIG, "how cpumasks are allocated", "CPUMASK_OFFSTACK");
        harmless(KCONFIG, "the guest's hypervisor interface", "PARAVIRT", "KVM_GUEST", "HYPERVISOR_GUEST");
        harmless(KCONFIG, SUSPEND, "SUSPEND", "HIBERNATION", "PM");
        harmless(KCONFIG, "a delay in rcu_read_unlock() that widens race windows on real hardware", "PROVE_RCU_DELAY");
        harmless(KCONFIG, "SRCU built in: unused unless rcutorture.torture_type names an SRCU flavour", "SRCU",
                "TREE_SRCU", "TINY_SRCU");
        harmless(KCONFIG, "boosting's delay, which only matters with RCU_BOOST", "RCU_BOOST_DELAY");
        harmless(KCONFIG, "lazy callbacks off by default: only rcu_nocbs= CPUs with RCU_LAZY would use them",
                "RCU_LAZY_DEFAULT_OFF");
        harmless(KCONFIG, "the run-time preemption switch: rcusim runs the configured model", "PREEMPT_DYNAMIC");
        harmless(KCONFIG, "scheduler-clock bookkeeping", "CONTEXT_TRACKING", "CONTEXT_TRACKING_FORCE",
                "VIRT_CPU_ACCOUNTING_GEN");
        refused(KCONFIG, "PREEMPT_VOLUNTARY: rcusim models PREEMPT_NONE and PREEMPT only", "PREEMPT_VOLUNTARY");
        refused(KCONFIG, "the real-time kernel is not modelled", "PREEMPT_RT", "PREEMPT_RT_FULL");
        refused(KCONFIG, "lazy preemption is not modelled", "PREEMPT_LAZY");
        refused(KCONFIG, "RCU priority boosting of blocked readers is not modelled", "RCU_BOOST",
                "RCU_NOCB_CPU_CB_BOOST");
        refused(KCONFIG, "real-time priority for RCU's kthreads is not modelled", "RCU_KTHREAD_PRIO");
        refused(KCONFIG, "Tasks RCU is not modelled", "TASKS_RCU", "TASKS_RUDE_RCU", "TASKS_TRACE_RCU",
                "FORCE_TASKS_RCU", "FORCE_TASKS_RUDE_RCU", "FORCE_TASKS_TRACE_RCU");
        refused(KCONFIG, "lazy callbacks are not modelled", "RCU_LAZY");
        refused(KCONFIG, "RCU_FAST_NO_HZ (callback-aware idle entry) is not modelled", "RCU_FAST_NO_HZ");
        refused(KCONFIG, "RCU_STRICT_GRACE_PERIOD is not modelled", "RCU_STRICT_GRACE_PERIOD");
        refused(KCONFIG, "nohz_full on every CPU is not modelled", "NO_HZ_FULL_ALL");
        refused(KCONFIG, "the nohz_full system-idle state machine is not modelled", "NO_HZ_FULL_SYSIDLE");
        refused(KCONFIG, "expedited grace periods on a kthread worker are not modelled (rcusim runs them in the caller)",
                "RCU_EXP_KTHREAD");
        refused(KCONFIG, "RCU_USER_QS (user-mode quiescent states of the old nohz_full) is not modelled",
                "RCU_USER_QS");

        for (String m : new String[] {"rcutorture.torture_type", "rcutorture.nreaders", "rcutorture.nfakewriters",
            "rcutorture.n_barrier_cbs", "rcutorture.onoff_interval", "rcutree.rcu_fanout_leaf",
            "rcutree.rcu_fanout_exact", "rcutree.rcu_nocb_gp_stride", "rcutree.blimit", "rcupdate.rcu_cpu_stall_timeout",
            "rcu_nocbs", "maxcpus", "nr_cpus", "nohz_full", "rcutree.gp_preinit_delay", "rcutree.gp_init_delay",
            "rcutree.gp_cleanup_delay"}) {
            BOOT.put(m, OptionRule.modelled());
        }
        harmless(BOOT, TORTURE_TIMING, "rcutorture.onoff_holdoff", "rcutorture.stat_interval", "rcutorture.verbose",
                "rcutorture.shutdown_secs", "rcutorture.test_no_idle_hz", "rcutorture.shuffle_interval",
                "rcutorture.stutter", "rcutorture.stall_cpu_holdoff", "rcutorture.read_exit_delay",
                "rcutorture.leakpointer", "rcutorture.gp_cond_wi", "rcutorture.gp_cond_wi_exp",
                "rcutorture.gp_poll_wi", "rcutorture.gp_poll_wi_exp");
        harmless(BOOT, "an rcutorture tester rcusim lacks (call_rcu() floods checking forward progress); the run is"
                + " the rest of the torture without it", "rcutorture.fwd_progress", "rcutorture.fwd_progress_holdoff",
                "rcutorture.fwd_progress_div", "rcutorture.fwd_progress_need_resched", "rcutorture.cbflood_inter_holdoff",
                "rcutorture.cbflood_intra_holdoff", "rcutorture.cbflood_n_burst", "rcutorture.cbflood_n_per_burst");
        harmless(BOOT, "an rcutorture reader variant rcusim lacks (readers in timer handlers, nested or extended"
                + " read sections, exiting readers, preemption bursts); the other readers run",
                "rcutorture.irqreader", "rcutorture.extendables", "rcutorture.nested_max", "rcutorture.read_exit_burst",
                "rcutorture.preempt_duration", "rcutorture.preempt_interval", "rcutorture.reader_flavor",
                "rcutorture.test_nmis");
        harmless(BOOT, "narrows how rcutorture's writer waits; rcusim's writer picks among every wait at random",
                "rcutorture.gp_sync", "rcutorture.gp_exp", "rcutorture.gp_normal", "rcutorture.gp_cond",
                "rcutorture.gp_cond_exp", "rcutorture.gp_cond_full", "rcutorture.gp_cond_exp_full", "rcutorture.gp_poll",
                "rcutorture.gp_poll_exp", "rcutorture.gp_poll_full", "rcutorture.gp_poll_exp_full");
        harmless(BOOT, "boost testing, moot without RCU_BOOST", "rcutorture.test_boost",
                "rcutorture.test_boost_duration", "rcutorture.test_boost_interval");
        harmless(BOOT, DEBUG, "rcutorture.object_debug", "rcutree.dump_tree", "rcutree.sysrq_rcu",
                "rcupdate.rcu_cpu_stall_ftrace_dump", "rcupdate.rcu_self_test", "rcupdate.rcu_self_test_bh",
                "rcupdate.rcu_self_test_sched", "rcutree.rcu_kick_kthreads", "rcutorture.stall_cpu_irqsoff",
                "rcutorture.stall_cpu_block", "rcutorture.stall_no_softlockup", "rcutorture.do_rtws_sync",
                "rcupdate.rcu_cpu_stall_cputime", "rcutree.rcu_unlock_delay");
        harmless(BOOT, "console and boot logging", "console", "debug", "initcall_debug", "loglevel", "earlyprintk",
                "panic", "selinux", "noapic", "root", "printk.time", "rcutree.use_softirq_quiet");
        refused(BOOT, "rcutorture.stall_cpu stalls a CPU on purpose (rcusim fails such a run as a stall)",
                "rcutorture.stall_cpu", "rcutorture.stall_gp_kthread");
        refused(BOOT, "forced-quiescent-state bursts from rcutorture are not modelled", "rcutorture.fqs_duration",
                "rcutorture.fqs_holdoff", "rcutorture.fqs_stutter");
        refused(BOOT, "run-time (de-)offloading of NOCB CPUs is not modelled", "rcutorture.nocbs_nthreads",
                "rcutorture.nocbs_toggle");
        refused(BOOT, "real-time priority for RCU's kthreads is not modelled", "rcutree.kthread_prio");
        refused(BOOT, "rcutree.use_softirq=0 (callbacks in rcuc kthreads) is not modelled", "rcutree.use_softirq");
        refused(BOOT, "callback-overload thresholds are not modelled", "rcutree.qhimark", "rcutree.qlowmark",
                "rcutree.qovld", "rcutree.rcu_divisor", "rcutree.rcu_resched_ns", "rcutree.rcu_min_cached_objs");
        refused(BOOT, "the forced-quiescent-state intervals are fixed in rcusim", "rcutree.jiffies_till_first_fqs",
                "rcutree.jiffies_till_next_fqs", "rcutree.jiffies_till_sched_qs", "rcutree.jiffies_to_sched_qs");
        refused(BOOT, "rcu_expedited/rcu_normal switches are not modelled", "rcupdate.rcu_expedited",
                "rcupdate.rcu_normal", "rcupdate.rcu_normal_after_boot");
        refused(BOOT, "stall warnings are rcusim's stall check; suppressing them is not modelled",
                "rcupdate.rcu_cpu_stall_suppress", "rcupdate.rcu_cpu_stall_suppress_at_boot");
        refused(BOOT, "rcu_nocb_poll (rcuog polling instead of wake-ups) is not modelled", "rcu_nocb_poll");
        refused(BOOT, "threaded interrupt handlers are not modelled", "threadirqs");
        refused(BOOT, "isolated CPUs are not modelled", "isolcpus");
        refused(BOOT, "the tick cannot be switched off in rcusim", "nohz");
        refused(BOOT, "the run-time preemption switch (PREEMPT_DYNAMIC) is not modelled", "preempt");
        refused(BOOT, "lazy callbacks are not modelled", "rcutree.enable_rcu_lazy");
    }

    private OptionRules() {
    }

    private static void harmless(Map<String, OptionRule> into, String why, String... names) {
        for (String n : names) {
            into.put(n, OptionRule.harmless(why));
        }
    }

    private static void refused(Map<String, OptionRule> into, String why, String... names) {
        for (String n : names) {
            into.put(n, OptionRule.refused(why));
        }
    }

    /** The rule for CONFIG_name, if rcusim knows the option. */
    static Optional<OptionRule> kconfig(String name) {
        return Optional.ofNullable(KCONFIG.get(name));
    }

    /** The rule for boot parameter name, if rcusim knows it. */
    static Optional<OptionRule> boot(String name) {
        return Optional.ofNullable(BOOT.get(name));
    }

    /** Does an unknown boot parameter belong to RCU or rcutorture (so that it may change what RCU does)? */
    static boolean rcuParam(String name) {
        return name.startsWith("rcu");
    }

    /** Every known Kconfig option's rule, by name (for the docs' table test). */
    static Map<String, OptionRule> allKconfig() {
        return java.util.Collections.unmodifiableMap(KCONFIG);
    }

    static Map<String, OptionRule> allBoot() {
        return java.util.Collections.unmodifiableMap(BOOT);
    }
}
