package rcusim.scenarios.builtin;

import java.util.List;
import rcusim.sched.scenario.Fault;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.CoverageEvent;
import rcusim.machine.MachineConfig;
import rcusim.machine.MachineCoverage;
import rcusim.machine.Preemption;
import rcusim.machine.memory.MemoryModel;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.RcuCoverage;
import rcusim.rcu.RcuGpDelays;
import rcusim.rcu.TreeRcu;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.WorkloadKnob;

/**
 * Tree RCU under an rcutorture-style workload, in a configuration modelled on one of
 * rcutorture's TREE scenarios ({@code tools/testing/selftests/rcutorture/configs/rcu}), CPU
 * counts scaled to what explores well. A run fails on a too-short grace period ("!!!"), a
 * stall, a writer stall, a WARN, a lockdep report or a broken ownership rule.
 */
final class RcuTortureScenario implements Scenario {
    /**
     * vCPU preemption: every this many machine steps the machine may freeze the CPU that stepped
     * last for 0.25 to 16 ms of virtual time, and each CPU may be frozen, at most once in as many
     * steps, at a spin_lock() that follows a lockless load (machine.VcpuFreeze). A default run
     * is about 300,000 steps.
     */
    static final long VCPU_FREEZE_EVERY = 5_000;

    private final String name;
    private final String description;
    private final int cpus;
    /** HZ and the preemption model. */
    private final KernelConfig kernel;
    private final RcuConfig rcu;
    private final TortureConfig torture;
    private final ConfigOverrides overrides;
    /** This scenario as defined (and injected), before the overrides: what {@link #lighter} reconfigures. */
    private final RcuTortureScenario defined;

    RcuTortureScenario(String name, String description, int cpus, Preemption preemption, RcuConfig rcu,
            TortureConfig torture) {
        this(name, description, cpus, KernelConfig.kernel().withPreemption(preemption), rcu, torture);
    }

    /** On a kernel of another HZ (an rcutorture configuration's CONFIG_HZ). */
    RcuTortureScenario(String name, String description, int cpus, KernelConfig kernel, RcuConfig rcu,
            TortureConfig torture) {
        this(name, description, cpus, kernel, rcu, torture, ConfigOverrides.NONE, null);
    }

    private RcuTortureScenario(String name, String description, int cpus, KernelConfig kernel, RcuConfig rcu,
            TortureConfig torture, ConfigOverrides overrides, RcuTortureScenario defined) {
        this.overrides = overrides;
        this.defined = defined != null ? defined : this;
        this.name = name;
        this.description = description;
        this.cpus = cpus;
        this.kernel = kernel;
        this.rcu = rcu;
        this.torture = torture;
    }

    /**
     * The grace-period delays of the default torture scenario: one jiffy at each of the kernel's
     * three points. rcu_gp_slow() acts every {@code rcu_num_nodes * 3 * delay} grace periods, every
     * ninth here, so about three times a run (TREE03 boots with 12/3/3, which on its tree and in
     * its hours of runtime acts about as often).
     */
    static final RcuGpDelays TORTURE_GP_DELAYS = new RcuGpDelays(1, 1, 1);

    /**
     * The README's main job: preemptible RCU on 4 CPUs, a 2-level tree (fanout 2/2: leaves {0,1}
     * and {2,3}), hotplug toggling CPUs 1-3 at random, so that CPUs 2 and 3 are offline together
     * and their leaf empties, with the kernel's grace-period delays.
     */
    static RcuTortureScenario torture() {
        return new RcuTortureScenario("torture", "preemptible Tree RCU, 4 CPUs, fanout 2/2 (2 levels), hotplug"
                + " toggling CPUs 1-3 at random (a leaf empties when 2 and 3 are both down), gp_*_delay=1,"
                + " callbacks of CPUs 1 and 3 offloaded (rcu_nocbs=1,3), readers with long reads, two"
                + " writers, a CPU hog, rcu_barrier() tests (like TREE03, with TREE04's NOCB)", 4, Preemption.FULL,
                RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500).withGpSeqStart(RcuConfig.TORTURE_GP_SEQ_START).withNocbCpus("1,3")
                        .withGpDelays(TORTURE_GP_DELAYS),
                TortureConfig.small());
    }

    static RcuTortureScenario tree02() {
        return new RcuTortureScenario("tree02", "preemptible Tree RCU, 8 CPUs, fanout 3/3, no hotplug (like TREE02)",
                8, Preemption.FULL, RcuConfig.preemptibleDefaults().withFanout(3, 3).withStallTimeout(500).withGpSeqStart(RcuConfig.TORTURE_GP_SEQ_START),
                TortureConfig.small().withReaders(5).withOnoff(new int[0], 0));
    }

    static RcuTortureScenario tree04() {
        return new RcuTortureScenario("tree04", "non-preemptible Tree RCU, 8 CPUs, fanout 4/3, hotplug (like TREE04)",
                8, Preemption.NONE, RcuConfig.nonPreemptibleDefaults().withFanout(4, 3).withStallTimeout(500).withGpSeqStart(RcuConfig.TORTURE_GP_SEQ_START),
                TortureConfig.small().withReaders(5).withOnoff(new int[] {2, 5, 7}, 2));
    }

    static RcuTortureScenario tree05() {
        return new RcuTortureScenario("tree05", "non-preemptible Tree RCU with a preemptible kernel, 6 CPUs,"
                + " fanout 6/6 (one node), hotplug (like TREE05)", 6, Preemption.FULL,
                RcuConfig.nonPreemptibleDefaults().withFanout(6, 6).withStallTimeout(500).withGpSeqStart(RcuConfig.TORTURE_GP_SEQ_START),
                TortureConfig.small().withReaders(4).withOnoff(new int[] {1, 4}, 2));
    }

    static RcuTortureScenario tree07() {
        return new RcuTortureScenario("tree07", "non-preemptible Tree RCU, 16 CPUs, fanout 2/2 (4 levels), hotplug"
                + " (like TREE07)", 16, Preemption.NONE,
                RcuConfig.nonPreemptibleDefaults().withFanout(2, 2).withStallTimeout(500).withGpSeqStart(RcuConfig.TORTURE_GP_SEQ_START),
                TortureConfig.small().withReaders(6).withOnoff(new int[] {3, 9, 14}, 1));
    }

    /**
     * NOCB callback offload under hotplug: CPUs 0 and 2-5 offloaded (two rcuog groups with the
     * default stride 4, their members on all three leaves), CPU 2 and 5 go offline keeping
     * their callbacks, CPU 7's callbacks migrate to the offloaded CPU 0. PREEMPT_NONE, as in
     * TREE04, so that a kthread that never sleeps or calls cond_resched() starves the GP
     * kthread; {@code tree05 --nocb LIST} gives NOCB on a preemptible kernel.
     */
    static RcuTortureScenario nocb() {
        return new RcuTortureScenario("nocb", "non-preemptible Tree RCU, 8 CPUs, fanout 3/3, rcu_nocbs=0,2-5"
                + " (rcuog/0, rcuog/4), hotplug of CPUs 2, 5, 7 (like TREE04 with NOCB CPUs)",
                8, Preemption.NONE, RcuConfig.nonPreemptibleDefaults().withFanout(3, 3).withStallTimeout(500).withGpSeqStart(RcuConfig.TORTURE_GP_SEQ_START)
                        .withNocbCpus("0,2-5"),
                TortureConfig.small().withReaders(5).withOnoff(new int[] {2, 5, 7}, 2));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description + (overrides.isEmpty() ? "" : "; with " + overrides.commandLine() + ": " + cpus
                + " CPUs, fanout " + rcu.fanout() + "/" + rcu.fanoutLeaf() + ", rcu_nocbs="
                + (rcu.nocbCpus().isEmpty() ? "(none)" : RcuConfig.formatCpuList(rcu.nocbCpus())))
                + (rcu.mutation() == null ? "" : "; injected: " + rcu.mutation());
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(cpus, MemoryModel.WEAK)
                .withKernel(kernel).withStepLimit(5_000_000).withVcpuFreezeEvery(vcpuFreezeEvery());
    }

    /** {@link #VCPU_FREEZE_EVERY}, or what --vcpu-freeze-every says (0: no freezes). */
    private long vcpuFreezeEvery() {
        Integer v = overrides.workload().get(WorkloadKnob.VCPU_FREEZE_EVERY);
        return v != null ? v : VCPU_FREEZE_EVERY;
    }

    @Override
    public java.util.Map<String, Object> configuration() {
        return java.util.Map.of("rcu", rcu, "torture", torture);
    }

    @Override
    public void load(Simulation m, long seed) {
        TreeRcu tree = TreeRcu.install(m, rcu);
        RcuTorture.start(m, tree, torture, seed);
    }

    @Override
    public List<CoverageEvent> coverageEvents() {
        List<CoverageEvent> events = new java.util.ArrayList<>(RcuCoverage.reachableWith(rcu));
        if (vcpuFreezeEvery() > 0) {
            events.add(MachineCoverage.VCPU_FROZEN);
            events.add(MachineCoverage.VCPU_FROZEN_AFTER_LOAD);
        }
        return events;
    }

    @Override
    public List<Fault> injections() {
        return RcuFaults.ALL;
    }

    @Override
    public Scenario withInjection(Fault fault) {
        if (!overrides.isEmpty()) {
            return defined.withInjection(fault).withOverrides(overrides);
        }
        return new RcuTortureScenario(name, description, cpus, kernel, rcu.withMutation(RcuFaults.toRcu(fault)), torture);
    }

    @Override
    public Scenario withoutInjection() {
        RcuTortureScenario clean = new RcuTortureScenario(name, description, defined.cpus, kernel,
                defined.rcu.withMutation(null), defined.torture);
        return overrides.isEmpty() ? clean : clean.withOverrides(overrides);
    }

    @Override
    public boolean configurable() {
        return true;
    }

    /**
     * The scenario as defined (and injected), with o's changes. The configuration is checked
     * here, against the CPU count, as TreeRcu.install() checks it.
     */
    @Override
    public Scenario withOverrides(ConfigOverrides o) {
        if (!overrides.isEmpty()) {
            throw new IllegalStateException("scenario " + name + " is already reconfigured (" + overrides.commandLine() + ")");
        }
        int n = o.cpus() != null ? o.cpus() : cpus;
        RcuConfig r = rcu.withFanout(o.fanout() != null ? o.fanout() : rcu.fanout(),
                o.fanoutLeaf() != null ? o.fanoutLeaf() : rcu.fanoutLeaf());
        if (o.nocb() != null) {
            r = r.withNocbCpus(o.nocb());
        }
        if (n < 1 || n > MachineConfig.MAX_CPUS) {
            throw new IllegalArgumentException("--cpus " + n + ": the simulator (NR_CPUS) has between 1 and "
                    + MachineConfig.MAX_CPUS + " CPUs");
        }
        r.validate(n);
        Integer stall = o.workload().get(WorkloadKnob.STALL_TIMEOUT);
        if (stall != null) {
            r = r.withStallTimeout(atLeast(1, WorkloadKnob.STALL_TIMEOUT, stall));
        }
        RcuGpDelays d = r.gpDelays();
        r = r.withGpDelays(new RcuGpDelays(delay(o, WorkloadKnob.GP_PREINIT_DELAY, d.preinit()),
                delay(o, WorkloadKnob.GP_INIT_DELAY, d.init()), delay(o, WorkloadKnob.GP_CLEANUP_DELAY, d.cleanup())));
        return new RcuTortureScenario(name, description, n, kernel, r, workload(o), o.isEmpty() ? ConfigOverrides.NONE : o,
                this);
    }

    private TortureConfig workload(ConfigOverrides o) {
        TortureConfig t = torture;
        for (var e : o.workload().entrySet()) {
            int v = e.getValue();
            WorkloadKnob k = e.getKey();
            t = switch (k) {
                case WRITER_STALL -> t.withWriterStall(atLeast(1, k, v));
                case READERS -> t.withReaders(atLeast(0, k, v));
                case READER_LOOPS -> t.withReaderLoops(atLeast(0, k, v));
                case UPDATES -> t.withUpdates(atLeast(0, k, v));
                case ONOFF_CYCLES -> t.withOnoff(t.onoffCpus(), atLeast(0, k, v));
                case FAKEWRITERS -> t.withCallRcuWriter(zeroOrOne(k, v));
                case HOG -> t.withHog(zeroOrOne(k, v));
                case BARRIER -> t.withBarrier(zeroOrOne(k, v));
                case STUTTER -> t.withStutter(atLeast(0, k, v));
                case ONOFF_HOLDOFF -> t.withOnoffTiming(atLeast(0, k, v), t.onoffInterval());
                case ONOFF_INTERVAL -> t.withOnoffTiming(t.onoffHoldoff(), atLeast(1, k, v));
                case VCPU_FREEZE_EVERY -> {
                    atLeast(0, k, v);
                    yield t; // the machine's: config()
                }
                case STALL_TIMEOUT, GP_PREINIT_DELAY, GP_INIT_DELAY, GP_CLEANUP_DELAY -> t; // RCU's, above
            };
        }
        return t;
    }

    /** A grace-period delay knob's value (0 to 1000 jiffies), or current when it is not given. */
    private static int delay(ConfigOverrides o, WorkloadKnob knob, int current) {
        Integer v = o.workload().get(knob);
        if (v == null) {
            return current;
        }
        if (v < 0 || v > 1000) {
            throw new IllegalArgumentException(knob.option() + " " + v + ": must be between 0 and 1000 jiffies");
        }
        return v;
    }

    private static int atLeast(int min, WorkloadKnob knob, int v) {
        if (v < min) {
            throw new IllegalArgumentException(knob.option() + " " + v + ": must be at least " + min);
        }
        return v;
    }

    private static boolean zeroOrOne(WorkloadKnob knob, int v) {
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException(knob.option() + " " + v + ": must be 0 or 1");
        }
        return v == 1;
    }

    /**
     * One knob at a time turned down, in the order that shortens a failing run most: the stall
     * timeouts halved (a stall is detected that much sooner), the CPUs halved (with rcu_nocbs=
     * kept to the CPUs left), rcutorture's counts and lengths halved, its optional tasks off.
     */
    @Override
    public java.util.Map<String, Scenario> lighter() {
        java.util.Map<String, Scenario> out = new java.util.LinkedHashMap<>();
        turnDown(out, WorkloadKnob.STALL_TIMEOUT, (int) (rcu.stallTimeoutJiffies() / 2), rcu.stallTimeoutJiffies() > 1);
        turnDown(out, WorkloadKnob.WRITER_STALL, (int) (torture.writerStallJiffies() / 2),
                torture.writerStallJiffies() > 1);
        int half = cpus / 2;
        List<Integer> nocb = rcu.nocbCpus().stream().filter(c -> c < half).toList();
        propose(out, "cpus", overrides.withCpus(half, RcuConfig.formatCpuList(nocb)), half >= 1);
        turnDown(out, WorkloadKnob.READERS, torture.readers() / 2, torture.readers() > 0);
        turnDown(out, WorkloadKnob.READER_LOOPS, torture.readerLoops() / 2, torture.readerLoops() > 0);
        turnDown(out, WorkloadKnob.UPDATES, torture.updates() / 2, torture.updates() > 0);
        turnDown(out, WorkloadKnob.ONOFF_CYCLES, torture.onoffCycles() / 2, torture.onoffCycles() > 0);
        turnDown(out, WorkloadKnob.FAKEWRITERS, 0, torture.callRcuWriter());
        turnDown(out, WorkloadKnob.HOG, 0, torture.hog());
        turnDown(out, WorkloadKnob.BARRIER, 0, torture.barrier());
        turnDown(out, WorkloadKnob.STUTTER, 0, torture.stutter() > 0);
        return out;
    }

    private void turnDown(java.util.Map<String, Scenario> out, WorkloadKnob knob, int value, boolean applies) {
        propose(out, knob.optionName(), overrides.with(knob, value), applies);
    }

    private void propose(java.util.Map<String, Scenario> out, String knob, ConfigOverrides o, boolean applies) {
        if (!applies) {
            return;
        }
        try {
            out.put(knob, defined.withOverrides(o));
        } catch (IllegalArgumentException e) {
            // a configuration the kernel would reject (a tree too small for the CPUs): not offered
        }
    }

    @Override
    public ConfigOverrides overrides() {
        return overrides;
    }

    @Override
    public Fault injection() {
        return rcu.mutation() == null ? null : RcuFaults.of(rcu.mutation());
    }
}
