package rcusim.scenarios.kconfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.machine.Preemption;
import rcusim.sched.replay.BadFileException;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.WorkloadKnob;

/** How Kconfig options and boot parameters map onto rcusim's configuration, warn, or are refused. */
class ConfigMapperTest {
    private static RcutortureConfig config(String kconfig, String boot) {
        return RcutortureConfig.parse("T", KconfigFragment.parse("T", 1, kconfig), BootParams.parse("T.boot", 1, boot));
    }

    private static RefusedConfigException refused(String kconfig, String boot) {
        return assertThrows(RefusedConfigException.class, () -> config(kconfig, boot));
    }

    private static boolean warns(RcutortureConfig c, String text) {
        return c.warnings().stream().anyMatch(w -> w.contains(text));
    }

    /** The issue's example fragment and boot line. */
    @Test
    void theIssuesExampleMapsOntoMachineTreeRcuAndWorkload() {
        RcutortureConfig c = config("""
                CONFIG_NR_CPUS=8
                CONFIG_PREEMPT_NONE=y
                CONFIG_HZ_PERIODIC=n
                CONFIG_RCU_FANOUT=3
                CONFIG_RCU_FANOUT_LEAF=2
                CONFIG_RCU_NOCB_CPU=y
                CONFIG_HOTPLUG_CPU=y
                """, "rcu_nocbs=0-3 rcutree.gp_init_delay=3 rcutorture.onoff_interval=200 rcutorture.nreaders=4 maxcpus=8");
        assertEquals(8, c.cpus());
        assertEquals(Preemption.NONE, c.preemption());
        assertFalse(c.rcu().preemptible());
        assertEquals(3, c.rcu().fanout());
        assertEquals(2, c.rcu().fanoutLeaf());
        assertEquals(List.of(0, 1, 2, 3), c.rcu().nocbCpus());
        assertEquals(4, c.torture().readers());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7}, c.torture().onoffCpus());
        assertEquals(1000, c.kernel().hz());
        assertEquals(ConfigMapper.DEFAULT_STALL_JIFFIES, c.rcu().stallTimeoutJiffies());
        assertEquals(new rcusim.rcu.RcuGpDelays(0, 3, 0), c.rcu().gpDelays(), "rcutree.gp_init_delay=3 is modelled");
        assertFalse(warns(c, "rcutree.gp_init_delay"), c.warnings().toString());
        assertTrue(warns(c, "rcutorture.onoff_interval=200: hotplug on"), c.warnings().toString());
        ConfigOverrides o = c.overrides();
        assertEquals(8, o.cpus());
        assertEquals("0-3", o.nocb());
        assertEquals(4, o.workload().get(WorkloadKnob.READERS));
        assertEquals(1, o.workload().get(WorkloadKnob.BARRIER));
        assertEquals(8, c.machine().cpus());
    }

    @Test
    void kvmShRules() {
        // HOTPLUG_CPU=y without onoff_ parameters: kvm.sh adds onoff_interval=1000; onoff_interval=0 turns it off
        assertEquals(3, config("CONFIG_NR_CPUS=4\nCONFIG_HOTPLUG_CPU=y\n", "").torture().onoffCpus().length);
        assertEquals(0, config("CONFIG_NR_CPUS=4\nCONFIG_HOTPLUG_CPU=y\n", "rcutorture.onoff_interval=0")
                .torture().onoffCpus().length);
        assertEquals(0, config("CONFIG_NR_CPUS=4\n", "").torture().onoffCpus().length);
        // no NR_CPUS: maxcpus= gives the count; nr_cpus= caps NR_CPUS
        assertEquals(6, config("CONFIG_SMP=y\n", "maxcpus=6").cpus());
        assertEquals(5, config("CONFIG_NR_CPUS=8\n", "nr_cpus=5").cpus());
        assertEquals(8, config("CONFIG_NR_CPUS=8\n", "nr_cpus=43 maxcpus=8").cpus());
        assertEquals(ConfigMapper.DEFAULT_CPUS, config("CONFIG_PREEMPT=y\n", "").cpus());
        // nreaders: rcutorture's default is one reader per CPU but one
        assertEquals(7, config("CONFIG_NR_CPUS=8\n", "").torture().readers());
        assertFalse(config("CONFIG_NR_CPUS=8\n", "rcutorture.nfakewriters=0 rcutorture.n_barrier_cbs=0").torture().barrier());
    }

    @Test
    void preemptionHzStallTimeoutAndUniprocessorPreemptibleRcu() {
        RcutortureConfig p = config("CONFIG_PREEMPT=y\nCONFIG_PREEMPT_NONE=n\nCONFIG_NR_CPUS=4\nCONFIG_HZ_250=y\n"
                + "CONFIG_RCU_CPU_STALL_TIMEOUT=5\n", "");
        assertEquals(Preemption.FULL, p.preemption());
        assertTrue(p.rcu().preemptible());
        assertEquals(250, p.kernel().hz());
        assertEquals(1250, p.rcu().stallTimeoutJiffies());
        assertEquals(3 * 1000, config("CONFIG_NR_CPUS=2\n", "rcupdate.rcu_cpu_stall_timeout=1").rcu().stallTimeoutJiffies());
        // TREE09's shape: SMP=n with PREEMPT=y is preemptible Tree RCU on one CPU
        RcutortureConfig up = config("CONFIG_SMP=n\nCONFIG_NR_CPUS=1\nCONFIG_PREEMPT=y\n#CHECK#CONFIG_PREEMPT_RCU=y\n", "");
        assertEquals(1, up.cpus());
        assertTrue(up.rcu().preemptible());
    }

    /** rcutorture configurations are the torture family: counters start near the wrap. */
    @Test
    void countersStartNearTheWrap() {
        assertEquals(rcusim.rcu.RcuConfig.TORTURE_GP_SEQ_START, config("CONFIG_NR_CPUS=8\n", "").rcu().gpSeqStart());
    }

    @Test
    void nocbCpuLists() {
        String nocb = "CONFIG_NR_CPUS=8\nCONFIG_RCU_NOCB_CPU=y\n";
        assertEquals(8, config(nocb, "rcu_nocbs=all").rcu().nocbCpus().size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), config(nocb, "rcu_nocbs=1-N").rcu().nocbCpus());
        assertEquals(8, config(nocb + "CONFIG_RCU_NOCB_CPU_ALL=y\n", "rcu_nocbs=0-3").rcu().nocbCpus().size());
        assertEquals(2, config(nocb, "rcutree.rcu_nocb_gp_stride=2 rcu_nocbs=0").rcu().nocbGpStride());
        RcutortureConfig ignored = config("CONFIG_NR_CPUS=8\n", "rcu_nocbs=0-3");
        assertTrue(ignored.rcu().nocbCpus().isEmpty());
        assertTrue(warns(ignored, "ignored without CONFIG_RCU_NOCB_CPU=y"), ignored.warnings().toString());
        BadFileException absent = assertThrows(BadFileException.class, () -> config(nocb, "maxcpus=8 rcu_nocbs=6-9"));
        assertTrue(absent.getMessage().startsWith("T.boot:1:11: rcu_nocbs=6-9: names absent CPUs 8-9"), absent.getMessage());
    }

    @Test
    void theBootLeafFanoutOverridesKconfigWithinTheCompiledLevels() {
        assertEquals(4, config("CONFIG_NR_CPUS=8\nCONFIG_RCU_FANOUT=4\nCONFIG_RCU_FANOUT_LEAF=3\n",
                "rcutree.rcu_fanout_leaf=4").rcu().fanoutLeaf());
        BadFileException e = assertThrows(BadFileException.class, () -> config(
                "CONFIG_NR_CPUS=16\nCONFIG_RCU_FANOUT=2\nCONFIG_RCU_FANOUT_LEAF=16\n", "rcutree.rcu_fanout_leaf=2"));
        assertTrue(e.getMessage().startsWith("T.boot:1:1: rcutree.rcu_fanout_leaf=2 cannot hold 16 CPUs"), e.getMessage());
        BadFileException range = assertThrows(BadFileException.class, () -> config("CONFIG_RCU_FANOUT=65\n", ""));
        assertTrue(range.getMessage().startsWith("T:1:19: CONFIG_RCU_FANOUT=65: expected 2 to 64"), range.getMessage());
    }

    @Test
    void anExactFanoutRunsWhenItBuildsTheBalancedTreeAndIsRefusedOtherwise() {
        // 16 CPUs, 3/2: both trees have 8 leaves of 2 under 3 nodes of 3 (TREE08)
        RcutortureConfig same = config("CONFIG_NR_CPUS=16\nCONFIG_RCU_FANOUT=3\nCONFIG_RCU_FANOUT_LEAF=2\n"
                + "CONFIG_RCU_FANOUT_EXACT=y\n", "");
        assertTrue(warns(same, "the exact tree is the balanced one"), same.warnings().toString());
        // 17 CPUs, 64/16: balanced leaves 0-8 and 9-16, exact 0-15 and 16
        RefusedConfigException e = refused("CONFIG_NR_CPUS=17\n", "rcutree.rcu_fanout_exact=1");
        assertEquals(List.of("rcutree.rcu_fanout_exact=1"), e.options());
    }

    @Test
    void harmlessOptionsWarnAndSwitchedOffOnesAreSilent() {
        RcutortureConfig c = config("CONFIG_NR_CPUS=2\nCONFIG_RCU_TRACE=y\nCONFIG_DEBUG_LOCK_ALLOC=y\nCONFIG_RCU_BOOST=n\n"
                + "CONFIG_RCU_LAZY=n\nCONFIG_SOME_DRIVER=n\n", "rcupdate.rcu_self_test=1 quiet");
        assertTrue(warns(c, "T:2: CONFIG_RCU_TRACE=y: not modelled; a debugging aid"), c.warnings().toString());
        assertTrue(warns(c, "T:3: CONFIG_DEBUG_LOCK_ALLOC=y: not modelled; lockdep"), c.warnings().toString());
        assertTrue(warns(c, "CONFIG_SOME_DRIVER=n: unknown to rcusim; off"), c.warnings().toString());
        assertTrue(warns(c, "rcupdate.rcu_self_test=1: not modelled"), c.warnings().toString());
        assertTrue(warns(c, "quiet: not an RCU parameter"), c.warnings().toString());
        assertFalse(warns(c, "RCU_BOOST"), c.warnings().toString());
        assertFalse(warns(c, "RCU_LAZY"), c.warnings().toString());
    }

    @Test
    void optionsThatWouldChangeRcuAreRefusedByNameAndPlace() {
        RefusedConfigException boost = refused("CONFIG_NR_CPUS=8\nCONFIG_RCU_BOOST=y\n", "rcutree.kthread_prio=2");
        assertTrue(boost.getMessage().startsWith("T:2:1: CONFIG_RCU_BOOST=y: RCU priority boosting"), boost.getMessage());
        assertTrue(boost.getMessage().contains("\n  also T.boot:1: rcutree.kthread_prio=2:"), boost.getMessage());
        assertEquals(List.of("CONFIG_RCU_BOOST=y", "rcutree.kthread_prio=2"), boost.options());
        assertEquals(List.of("CONFIG_MY_NEW_RCU_THING=y"), refused("CONFIG_MY_NEW_RCU_THING=y\n", "").options());
        assertEquals(List.of("rcutree.new_knob=1"), refused("", "rcutree.new_knob=1").options());
        assertEquals(List.of("CONFIG_PREEMPT_VOLUNTARY=y"), refused("CONFIG_PREEMPT_VOLUNTARY=y\n", "").options());
        assertEquals(List.of("CONFIG_RCU_LAZY=y"), refused("CONFIG_RCU_NOCB_CPU=y\nCONFIG_RCU_LAZY=y\n", "").options());
        assertEquals(List.of("rcu_nocb_poll"), refused("CONFIG_RCU_NOCB_CPU=y\n", "rcu_nocbs=all rcu_nocb_poll").options());
        assertEquals(List.of("nohz_full=1-7"), refused("CONFIG_NO_HZ_FULL=y\n", "nohz_full=1-7").options());
        assertEquals(List.of("rcutorture.torture_type=srcud"), refused("", "rcutorture.torture_type=srcud").options());
        assertEquals(List.of("rcutorture.torture_type=tasks-tracing"),
                refused("", "rcutorture.torture_type=tasks-tracing").options());
        assertEquals(List.of("CONFIG_SMP=n without CONFIG_PREEMPT=y builds Tiny RCU, which rcusim does not model (it has"
                + " Tree RCU)"), refused("CONFIG_SMP=n\nCONFIG_PREEMPT_NONE=y\n", "").options());
        assertEquals(List.of("#CHECK#CONFIG_PREEMPT_RCU=y"), refused("CONFIG_PREEMPT_NONE=y\n#CHECK#CONFIG_PREEMPT_RCU=y\n",
                "").options());
    }

    @Test
    void configurationErrorsAreExit3WithTheirPlace() {
        BadFileException both = assertThrows(BadFileException.class,
                () -> config("CONFIG_PREEMPT_NONE=y\nCONFIG_PREEMPT=y\n", ""));
        assertTrue(both.getMessage().startsWith("T:2:1: CONFIG_PREEMPT=y: the preemption model is a Kconfig choice"),
                both.getMessage());
        BadFileException maxcpus = assertThrows(BadFileException.class, () -> config("CONFIG_NR_CPUS=8\n", "maxcpus=4"));
        assertTrue(maxcpus.getMessage().startsWith("T.boot:1:1: maxcpus=4: 8 CPUs with only 4 online at boot"),
                maxcpus.getMessage());
        BadFileException big = assertThrows(BadFileException.class, () -> config("CONFIG_NR_CPUS=5000\n", ""));
        assertTrue(big.getMessage().startsWith("T:1:16: CONFIG_NR_CPUS=5000: rcusim has between 1 and 4096 CPUs"),
                big.getMessage());
        BadFileException readers = assertThrows(BadFileException.class, () -> config("", "rcutorture.nreaders=x"));
        assertTrue(readers.getMessage().startsWith("T.boot:1:21: rcutorture.nreaders=x: expected a number"),
                readers.getMessage());
    }

    /**
     * The option sets of the kernel's newer files (TREE09, TREE10, NOCB01, NOCB02, the newer
     * CFcommon), which users will try: the format, not the catalog's copies; and a TREE04-like
     * file with PREEMPT_VOLUNTARY and nohz_full= CPUs on its boot line.
     */
    @Test
    void theKernelsNewerConfigurationsReadTheSameWay() {
        String newCommon = "CONFIG_RCU_TORTURE_TEST=y\nCONFIG_PRINTK_TIME=y\nCONFIG_PARAVIRT=y\n"
                + "CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC=n\nCONFIG_KCSAN_REPORT_VALUE_CHANGE_ONLY=n\n";
        String tree09 = "CONFIG_SMP=n\nCONFIG_NR_CPUS=1\nCONFIG_PREEMPT_NONE=n\nCONFIG_PREEMPT_VOLUNTARY=n\nCONFIG_PREEMPT=y\n"
                + "#CHECK#CONFIG_PREEMPT_RCU=y\nCONFIG_HZ_PERIODIC=n\nCONFIG_NO_HZ_IDLE=y\nCONFIG_NO_HZ_FULL=n\n"
                + "CONFIG_RCU_TRACE=n\nCONFIG_HOTPLUG_CPU=n\nCONFIG_SUSPEND=n\nCONFIG_HIBERNATION=n\nCONFIG_RCU_NOCB_CPU=n\n"
                + "CONFIG_DEBUG_LOCK_ALLOC=n\nCONFIG_RCU_CPU_STALL_INFO=n\nCONFIG_RCU_BOOST=n\nCONFIG_DEBUG_OBJECTS_RCU_HEAD=n\n";
        RcutortureConfig c09 = config(newCommon + tree09, "");
        assertEquals(1, c09.cpus());
        assertTrue(c09.rcu().preemptible());
        String tree10 = "CONFIG_SMP=y\nCONFIG_NR_CPUS=100\nCONFIG_PREEMPT_NONE=y\nCONFIG_PREEMPT_VOLUNTARY=n\nCONFIG_PREEMPT=n\n"
                + "#CHECK#CONFIG_TREE_RCU=y\nCONFIG_HZ_PERIODIC=n\nCONFIG_NO_HZ_IDLE=y\nCONFIG_NO_HZ_FULL=n\n"
                + "CONFIG_RCU_FAST_NO_HZ=n\nCONFIG_RCU_TRACE=n\nCONFIG_RCU_NOCB_CPU=n\nCONFIG_DEBUG_LOCK_ALLOC=n\n"
                + "CONFIG_PROVE_LOCKING=n\n#CHECK#CONFIG_PROVE_RCU=n\nCONFIG_DEBUG_OBJECTS=n\nCONFIG_DEBUG_OBJECTS_RCU_HEAD=n\n"
                + "CONFIG_RCU_EXPERT=n\n";
        RcutortureConfig c10 = config(newCommon + tree10, "");
        assertEquals(100, c10.cpus());
        assertFalse(c10.rcu().preemptible());
        String nocb = "CONFIG_SMP=y\nCONFIG_NR_CPUS=8\nCONFIG_PREEMPT_NONE=n\nCONFIG_PREEMPT_VOLUNTARY=n\nCONFIG_PREEMPT=y\n"
                + "#CHECK#CONFIG_PREEMPT_RCU=y\nCONFIG_HZ_PERIODIC=n\nCONFIG_NO_HZ_IDLE=y\nCONFIG_NO_HZ_FULL=n\n"
                + "CONFIG_RCU_TRACE=y\nCONFIG_HOTPLUG_CPU=y\nCONFIG_RCU_FANOUT=3\nCONFIG_RCU_FANOUT_LEAF=2\n"
                + "CONFIG_RCU_NOCB_CPU=y\nCONFIG_DEBUG_LOCK_ALLOC=n\nCONFIG_PROVE_LOCKING=n\nCONFIG_RCU_BOOST=n\n"
                + "CONFIG_DEBUG_OBJECTS_RCU_HEAD=n\nCONFIG_RCU_EXPERT=y\nCONFIG_RCU_EQS_DEBUG=y\n";
        assertEquals(List.of("CONFIG_RCU_LAZY=y"), refused(newCommon + nocb + "CONFIG_RCU_LAZY=y\n",
                "rcupdate.rcu_self_test=1\nrcu_nocbs=all\n").options());
        assertEquals(List.of("rcu_nocb_poll"), refused(newCommon + nocb, "rcupdate.rcu_self_test=1\nrcu_nocbs=all\nrcu_nocb_poll\n")
                .options());
        RcutortureConfig nocbNoPoll = config(newCommon + nocb, "rcupdate.rcu_self_test=1\nrcu_nocbs=all\n");
        assertEquals(8, nocbNoPoll.rcu().nocbCpus().size());
        String tree04 = "CONFIG_SMP=y\nCONFIG_NR_CPUS=8\nCONFIG_PREEMPT_NONE=n\nCONFIG_PREEMPT_VOLUNTARY=y\nCONFIG_PREEMPT=n\n"
                + "CONFIG_HZ_PERIODIC=n\nCONFIG_NO_HZ_IDLE=n\nCONFIG_NO_HZ_FULL=y\nCONFIG_RCU_FANOUT=4\nCONFIG_RCU_FANOUT_LEAF=3\n";
        assertEquals(List.of("CONFIG_PREEMPT_VOLUNTARY=y", "nohz_full=1-N"),
                refused(newCommon + tree04, "rcutree.rcu_fanout_leaf=4 nohz_full=1-N").options());
    }
}
