package rcusim.scenarios.kconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.IntStream;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.RcuGpDelays;
import rcusim.rcu.RcuGeometry;
import rcusim.rcu.torture.TortureConfig;
import rcusim.sched.replay.BadFileException;

/**
 * Turns a merged Kconfig fragment and boot line into rcusim's configuration, accounting for
 * every option: each is modelled (read here), harmless (a warning when on) or refused (exit 3
 * when on, naming it with file:line:col), following {@link OptionRules}; an option rcusim does
 * not know is refused when on (it cannot tell what it does) and noted when off. The defaults
 * are the kernel's and kvm.sh's where they fit a simulation, documented in
 * docs/rcutorture-configs.md where they do not (the stall timeout, the hotplug cycle count).
 */
final class ConfigMapper {
    /** Stall timeout when neither Kconfig nor the boot line sets one: as the built-in torture scenarios. */
    static final int DEFAULT_STALL_JIFFIES = 500;
    /** CPUs when neither CONFIG_NR_CPUS nor maxcpus=/nr_cpus= says (kvm.sh would size the guest to the host). */
    static final int DEFAULT_CPUS = 8;

    private final String name;
    private final KconfigFragment k;
    private final BootParams b;
    private final List<String> warnings = new ArrayList<>();
    private final List<Origin> refusalsAt = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final List<String> refusedOptions = new ArrayList<>();
    /** A scenario file's header: the file's own tasks are the workload, so rcutorture's knobs do not apply. */
    private final boolean fileHeader;

    ConfigMapper(String name, KconfigFragment k, BootParams b) {
        this(name, k, b, false);
    }

    ConfigMapper(String name, KconfigFragment k, BootParams b, boolean fileHeader) {
        this.name = name;
        this.k = k;
        this.b = b;
        this.fileHeader = fileHeader;
    }

    RcutortureConfig map() {
        k.settings().forEach(this::account);
        k.checks().forEach(this::accountCheck);
        b.params().forEach(this::account);
        tickMode();

        boolean smp = bool("SMP", true);
        Preemption preemption = preemption();
        boolean preemptibleRcu = preemption == Preemption.FULL;
        if (!smp && !preemptibleRcu) {
            refuse(k.get("SMP").origin(), "CONFIG_SMP=n without CONFIG_PREEMPT=y builds Tiny RCU, which rcusim does not"
                    + " model (it has Tree RCU)");
        }
        checkFlavourChecks(smp, preemptibleRcu);
        String torture = fileHeader ? "rcu" : tortureType();
        refuseIfAny();

        int cpus = cpus(smp);
        int hz = hz();
        RcuConfig rcu = (preemptibleRcu ? RcuConfig.preemptibleDefaults() : RcuConfig.nonPreemptibleDefaults());
        rcu = fanouts(rcu, cpus);
        rcu = nocb(rcu, cpus);
        rcu = rcu.withStallTimeout(stallTimeout(hz));
        // as the built-in torture scenarios: counters near the wrap, so that a run crosses it
        rcu = rcu.withGpSeqStart(RcuConfig.TORTURE_GP_SEQ_START);
        rcu = rcu.withGpDelays(new RcuGpDelays(gpDelay("rcutree.gp_preinit_delay"), gpDelay("rcutree.gp_init_delay"),
                gpDelay("rcutree.gp_cleanup_delay")));
        BootParam blimit = b.get("rcutree.blimit");
        if (blimit != null) {
            int v = blimit.intValue();
            if (v < 1) {
                throw blimit.origin().error(blimit.text() + ": rcutree.blimit must be at least 1");
            }
            rcu = new RcuConfig(rcu.preemptible(), rcu.fanout(), rcu.fanoutLeaf(), rcu.stallTimeoutJiffies(), v,
                    rcu.mutation(), rcu.nocbCpus(), rcu.nocbGpStride(), rcu.gpSeqStart(), rcu.gpDelays());
        }
        refuseIfAny();
        try {
            rcu.validate(cpus);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(name, e.getMessage());
        }
        TortureConfig t = fileHeader ? TortureConfig.small().withOnoff(new int[0], 0) : torture(cpus);
        KernelConfig kernel = KernelConfig.kernel().withPreemption(preemption).withHz(hz);
        return new RcutortureConfig(name, torture, cpus, kernel, rcu, t, List.copyOf(warnings));
    }

    // ---- accounting --------------------------------------------------------------------

    private void account(KconfigSetting s) {
        OptionRule rule = OptionRules.kconfig(s.name()).orElse(null);
        if (rule == null) {
            if (s.enabled()) {
                refuse(s.origin(), s.text() + ": unknown to rcusim, which cannot tell whether it changes what RCU does");
            } else {
                warn(s.origin(), s.text() + ": unknown to rcusim; off, so taken as not changing what RCU does");
            }
            return;
        }
        judge(rule, s.enabled(), s.origin(), s.text());
    }

    private void accountCheck(KconfigSetting s) {
        OptionRule rule = OptionRules.kconfig(s.name()).orElse(null);
        if (rule == null) {
            warn(s.origin(), "#CHECK#" + s.text() + ": unknown to rcusim, not checked");
        } else if (rule.kind() != OptionRule.Kind.MODELLED) {
            judge(rule, s.enabled(), s.origin(), "#CHECK#" + s.text());
        }
    }

    private void account(BootParam p) {
        if (fileHeader && tortureKnob(p.name())) {
            warn(p.origin(), p.text() + ": an rcutorture parameter, which configures rcutorture's own readers and"
                    + " writers; a scenario file's tasks are its workload, so it does not apply (ignored)");
            return;
        }
        OptionRule rule = OptionRules.boot(p.name()).orElse(null);
        if (rule == null) {
            if (OptionRules.rcuParam(p.name())) {
                refuse(p.origin(), p.text() + ": an RCU or rcutorture parameter unknown to rcusim, which cannot tell"
                        + " whether it changes what RCU does");
            } else {
                warn(p.origin(), p.text() + ": not an RCU parameter; ignored (the kernel would pass an unknown one to"
                        + " init)");
            }
            return;
        }
        judge(rule, p.enabled(), p.origin(), p.text());
    }

    /** Parameters of the rcutorture module and of the torture framework it runs on. */
    private static boolean tortureKnob(String param) {
        return param.startsWith("rcutorture.") || param.startsWith("torture.");
    }

    private void judge(OptionRule rule, boolean on, Origin o, String text) {
        if (!on) {
            return; // an unmodelled feature switched off is what rcusim runs
        }
        switch (rule.kind()) {
            case MODELLED -> {
            }
            case HARMLESS -> warn(o, text + ": not modelled; " + rule.why());
            case REFUSED -> refuse(o, text + ": " + rule.why());
        }
    }

    private void warn(Origin o, String message) {
        warnings.add(o.where() + ": " + message);
    }

    /** message starts with the option as written, up to ": ". */
    private void refuse(Origin o, String message) {
        refusalsAt.add(o);
        refusals.add(message);
        int colon = message.indexOf(": ");
        refusedOptions.add(colon < 0 ? message : message.substring(0, colon));
    }

    /** Exit 3 at the first refused option, naming every one. */
    private void refuseIfAny() {
        if (refusals.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder(refusals.get(0));
        for (int i = 1; i < refusals.size(); i++) {
            msg.append("\n  also ").append(refusalsAt.get(i).where()).append(": ").append(refusals.get(i));
        }
        msg.append("\n  (").append(name).append(": rcusim cannot run this configuration as given; see"
                + " docs/rcutorture-configs.md)");
        throw new RefusedConfigException(refusalsAt.get(0), msg.toString(), refusedOptions);
    }

    // ---- the machine -------------------------------------------------------------------

    private boolean bool(String option, boolean dflt) {
        KconfigSetting s = k.get(option);
        return s == null ? dflt : s.bool();
    }

    /** The "Preemption Model" choice: PREEMPT_NONE unless PREEMPT=y (VOLUNTARY and RT were refused). */
    private Preemption preemption() {
        KconfigSetting none = k.get("PREEMPT_NONE");
        KconfigSetting full = k.get("PREEMPT");
        if (none != null && full != null && none.bool() && full.bool()) {
            throw full.origin().error(full.text() + ": the preemption model is a Kconfig choice, and "
                    + none.text() + " (" + none.origin().where() + ") chose another");
        }
        return full != null && full.bool() ? Preemption.FULL : Preemption.NONE;
    }

    /** #CHECK# lines about which RCU is built, checked against what rcusim will run. */
    private void checkFlavourChecks(boolean smp, boolean preemptibleRcu) {
        for (KconfigSetting c : k.checks()) {
            Boolean wanted = switch (c.name()) {
                case "PREEMPT_RCU", "TREE_PREEMPT_RCU" -> preemptibleRcu;
                case "TREE_RCU" -> smp || preemptibleRcu;
                case "TINY_RCU" -> false;
                default -> null;
            };
            if (wanted != null && c.bool() != wanted) {
                refuse(c.origin(), "#CHECK#" + c.text() + ": the kernel built from this fragment would have CONFIG_"
                        + c.name() + "=" + (wanted ? "y" : "n"));
            }
        }
        KconfigSetting tiny = k.get("TINY_RCU");
        if (tiny != null && tiny.bool()) {
            refuse(tiny.origin(), tiny.text() + ": Tiny RCU is not modelled (rcusim has Tree RCU)");
        }
    }

    private String tortureType() {
        KconfigSetting built = k.get("RCU_TORTURE_TEST");
        if (built != null && !built.bool()) {
            refuse(built.origin(), built.text() + ": rcutorture is not built, so there is nothing to run");
        }
        BootParam p = b.get("rcutorture.torture_type");
        String type = p == null || p.value() == null ? "rcu" : p.value();
        switch (type) {
            case "rcu" -> {
            }
            case "rcu_bh", "sched" -> warn(p.origin(), p.text() + ": the " + type + " flavour was folded into rcu"
                    + " (v4.20); run as torture_type=rcu (readers use rcu_read_lock())");
            default -> refuse(p.origin(), p.text() + ": " + flavour(type) + " is not modelled (rcusim has Tree RCU:"
                    + " torture_type=rcu)");
        }
        return type;
    }

    private static String flavour(String type) {
        if (type.startsWith("srcu")) {
            return "the SRCU flavour " + type;
        }
        if (type.startsWith("tasks")) {
            return "the Tasks RCU flavour " + type;
        }
        return "the torture type " + type;
    }

    /** configNR_CPUS.sh, then nr_cpus= and maxcpus= as kvm.sh applies them. */
    private int cpus(boolean smp) {
        BootParam nrCpus = b.get("nr_cpus");
        BootParam maxCpus = b.get("maxcpus");
        KconfigSetting nr = k.get("NR_CPUS");
        int cpus;
        if (!smp) {
            cpus = 1;
        } else if (nr != null) {
            cpus = nr.intValue();
        } else if (maxCpus != null || nrCpus != null) {
            cpus = maxCpus != null ? maxCpus.intValue() : nrCpus.intValue();
            warn((maxCpus != null ? maxCpus : nrCpus).origin(), "no CONFIG_NR_CPUS: " + cpus + " CPUs, from "
                    + (maxCpus != null ? maxCpus : nrCpus).text());
        } else {
            cpus = DEFAULT_CPUS;
            warnings.add(name + ": no CONFIG_NR_CPUS, maxcpus= or nr_cpus=: " + DEFAULT_CPUS + " CPUs (kvm.sh would size"
                    + " the guest from the host; " + (fileHeader ? "CONFIG_NR_CPUS=N" : "--cpus N") + " chooses)");
        }
        if (nrCpus != null && nrCpus.intValue() < cpus) {
            cpus = nrCpus.intValue();
        }
        if (maxCpus != null && maxCpus.intValue() < cpus) {
            throw maxCpus.origin().error(maxCpus.text() + ": " + cpus + " CPUs with only " + maxCpus.intValue()
                    + " online at boot; CPUs that boot offline are not modelled");
        }
        if (cpus < 1 || cpus > MachineConfig.MAX_CPUS) {
            Origin o = nr != null ? nr.origin().at(nr.valueCol()) : new Origin(name, 0, 0);
            throw o.error("CONFIG_NR_CPUS=" + cpus + ": rcusim has between 1 and " + MachineConfig.MAX_CPUS + " CPUs");
        }
        return cpus;
    }

    private int hz() {
        KconfigSetting hz = k.get("HZ");
        if (hz != null) {
            int v = hz.intValue();
            if (v < 1 || v > 10_000) {
                throw hz.origin().at(hz.valueCol()).error(hz.text() + ": expected a tick rate between 1 and 10000");
            }
            return v;
        }
        for (int v : new int[] {100, 250, 300, 1000}) {
            KconfigSetting s = k.get("HZ_" + v);
            if (s != null && s.bool()) {
                return v;
            }
        }
        return 1000;
    }

    /** The tick mode: rcusim stops an idle CPU's tick (NO_HZ_IDLE) and has no nohz_full CPUs. */
    private void tickMode() {
        KconfigSetting periodic = k.get("HZ_PERIODIC");
        if (periodic != null && periodic.bool()) {
            warn(periodic.origin(), periodic.text() + ": an idle CPU's tick stops in rcusim as under NO_HZ_IDLE; idle"
                    + " is an extended quiescent state for RCU either way, so only when idle CPUs take ticks differs");
        }
        KconfigSetting full = k.get("NO_HZ_FULL");
        BootParam nohzFull = b.get("nohz_full");
        boolean fullOn = full != null && full.bool();
        if (nohzFull != null && !fullOn) {
            warn(nohzFull.origin(), nohzFull.text() + ": ignored without CONFIG_NO_HZ_FULL=y, as the kernel ignores it");
        } else if (nohzFull != null && nohzFull.value() != null && !nohzFull.value().isBlank()) {
            refuse(nohzFull.origin(), nohzFull.text() + ": nohz_full CPUs (no tick while one task runs, RCU's"
                    + " user-mode and tick-forcing paths) are not modelled");
        } else if (fullOn) {
            warn(full.origin(), full.text() + " with no nohz_full= CPUs: every CPU ticks as under NO_HZ_IDLE");
        }
    }

    // ---- Tree RCU ----------------------------------------------------------------------

    private RcuConfig fanouts(RcuConfig rcu, int cpus) {
        KconfigSetting f = k.get("RCU_FANOUT");
        KconfigSetting l = k.get("RCU_FANOUT_LEAF");
        int fanout = f == null ? RcuConfig.DEFAULT_FANOUT : inRange(f);
        int leaf = l == null ? RcuConfig.DEFAULT_FANOUT_LEAF : inRange(l);
        RcuGeometry compiled;
        try {
            compiled = RcuGeometry.of(cpus, fanout, leaf);
        } catch (IllegalArgumentException e) {
            throw (f != null ? f : l != null ? l : k.get("NR_CPUS")).origin().error(e.getMessage());
        }
        BootParam bootLeaf = b.get("rcutree.rcu_fanout_leaf");
        if (bootLeaf != null) {
            try {
                compiled = compiled.withBootFanoutLeaf(bootLeaf.intValue());
            } catch (IllegalArgumentException e) {
                throw bootLeaf.origin().error(e.getMessage());
            }
            leaf = bootLeaf.intValue();
        }
        exact(cpus, fanout, leaf, compiled);
        return rcu.withFanout(fanout, leaf);
    }

    private static int inRange(KconfigSetting s) {
        int v = s.intValue();
        if (v < RcuGeometry.FANOUT_MIN || v > RcuGeometry.FANOUT_MAX) {
            throw s.origin().at(s.valueCol()).error(s.text() + ": expected " + RcuGeometry.FANOUT_MIN + " to "
                    + RcuGeometry.FANOUT_MAX);
        }
        return v;
    }

    /**
     * rcu_fanout_exact: rcusim builds balanced trees only; an exact tree that comes out the same
     * (as it often does) runs, another is refused.
     */
    private void exact(int cpus, int fanout, int leaf, RcuGeometry balanced) {
        KconfigSetting kx = k.get("RCU_FANOUT_EXACT");
        BootParam bx = b.get("rcutree.rcu_fanout_exact");
        boolean on = bx != null ? bx.enabled() : kx != null && kx.bool();
        if (!on) {
            return;
        }
        Origin o = bx != null ? bx.origin() : kx.origin();
        String text = bx != null ? bx.text() : kx.text();
        RcuGeometry exactTree = RcuGeometry.of(cpus, fanout, leaf, true);
        boolean same = balanced.numNodes() == exactTree.numNodes();
        for (int i = 0; same && i < balanced.numNodes(); i++) {
            same = balanced.node(i).equals(exactTree.node(i));
        }
        if (same) {
            warn(o, text + ": for " + cpus + " CPUs the exact tree is the balanced one rcusim builds");
        } else {
            refuse(o, text + ": for " + cpus + " CPUs the exact rcu_node tree differs from the balanced one, and rcusim"
                    + " builds balanced trees only");
        }
    }

    private RcuConfig nocb(RcuConfig rcu, int cpus) {
        boolean built = bool("RCU_NOCB_CPU", false);
        BootParam list = b.get("rcu_nocbs");
        BootParam stride = b.get("rcutree.rcu_nocb_gp_stride");
        TreeSet<Integer> offloaded = new TreeSet<>();
        for (String all : new String[] {"RCU_NOCB_CPU_ALL", "RCU_NOCB_CPU_DEFAULT_ALL"}) {
            KconfigSetting s = k.get(all);
            if (s != null && s.bool()) {
                requireNocb(built, s.origin(), s.text());
                IntStream.range(0, cpus).forEach(offloaded::add);
            }
        }
        KconfigSetting zero = k.get("RCU_NOCB_CPU_ZERO");
        if (zero != null && zero.bool()) {
            requireNocb(built, zero.origin(), zero.text());
            offloaded.add(0);
        }
        if (list != null) {
            if (!built) {
                warn(list.origin(), list.text() + ": ignored without CONFIG_RCU_NOCB_CPU=y, as the kernel ignores it");
            } else if (list.value() == null) {
                warn(list.origin(), "rcu_nocbs without a list: no CPU offloaded at boot (run-time offloading is not"
                        + " modelled)");
            } else {
                offloaded.addAll(cpuList(list, cpus));
            }
        }
        if (stride != null && built) {
            int s = stride.intValue();
            if (s < 0) {
                throw stride.origin().error(stride.text() + ": expected a positive stride (or 0 for the default)");
            }
            rcu = rcu.withNocbGpStride(s);
        }
        return rcu.withNocbCpus(List.copyOf(offloaded));
    }

    private void requireNocb(boolean built, Origin o, String text) {
        if (!built) {
            warn(o, text + ": ignored without CONFIG_RCU_NOCB_CPU=y");
        }
    }

    /** The kernel's cpulist: CPUs, ranges a-b, "N" for the last CPU, "all". */
    static List<Integer> cpuList(BootParam p, int cpus) {
        String text = p.value();
        if (text.equals("all")) {
            return IntStream.range(0, cpus).boxed().toList();
        }
        String plain = text.replaceAll("(?<![0-9])N(?![0-9])", Integer.toString(cpus - 1));
        if (plain.contains(":")) {
            throw p.origin().error(p.text() + ": the stride form a-b:n/m of a cpulist is not accepted");
        }
        try {
            List<Integer> l = RcuConfig.parseCpuList(plain);
            List<Integer> absent = l.stream().filter(c -> c >= cpus).toList();
            if (!absent.isEmpty()) {
                throw p.origin().error(p.text() + ": names absent CPU" + (absent.size() > 1 ? "s " : " ")
                        + RcuConfig.formatCpuList(absent) + " (the machine has CPUs 0-" + (cpus - 1) + ")");
            }
            return l;
        } catch (IllegalArgumentException e) {
            throw p.origin().error(p.text() + ": " + e.getMessage());
        }
    }

    /** Seconds (Kconfig, then rcupdate.rcu_cpu_stall_timeout=) to jiffies; the kernel clamps to 3..300 s. */
    private long stallTimeout(int hz) {
        KconfigSetting s = k.get("RCU_CPU_STALL_TIMEOUT");
        BootParam p = b.get("rcupdate.rcu_cpu_stall_timeout");
        if (s == null && p == null) {
            return DEFAULT_STALL_JIFFIES;
        }
        int secs = p != null ? p.intValue() : s.intValue();
        int clamped = Math.max(3, Math.min(300, secs));
        if (clamped != secs) {
            Origin o = p != null ? p.origin() : s.origin();
            warn(o, (p != null ? p.text() : s.text()) + ": clamped to " + clamped + " s, as the kernel clamps it");
        }
        return (long) clamped * hz;
    }

    /**
     * rcutree.gp_preinit_delay, gp_init_delay, gp_cleanup_delay: jiffies, taken as they are (0 when
     * absent). As in the kernel, a delay d acts once every rcu_num_nodes * 3 * d grace periods.
     */
    private int gpDelay(String name) {
        BootParam p = b.get(name);
        if (p == null) {
            return 0;
        }
        int v = p.intValue();
        if (v < 0 || v > 1000) {
            throw p.origin().error(p.text() + ": " + name + " must be between 0 and 1000 jiffies");
        }
        return v;
    }

    // ---- rcutorture --------------------------------------------------------------------

    private TortureConfig torture(int cpus) {
        TortureConfig t = TortureConfig.small();
        BootParam nreaders = b.get("rcutorture.nreaders");
        int readers = nreaders == null ? -1 : nreaders.intValue();
        // rcutorture: a negative nreaders means num_online_cpus() - 2 - nreaders (-1: one reader per CPU but one)
        t = t.withReaders(readers >= 0 ? readers : Math.max(1, cpus - 2 - readers));
        BootParam fake = b.get("rcutorture.nfakewriters");
        if (fake != null) {
            int n = fake.intValue();
            if (n > 1) {
                warn(fake.origin(), fake.text() + ": rcusim has one call_rcu() writer for rcutorture's fake writers");
            }
            t = t.withCallRcuWriter(n > 0);
        }
        BootParam barrier = b.get("rcutorture.n_barrier_cbs");
        if (barrier != null) {
            t = t.withBarrier(barrier.intValue() > 0);
        }
        t = t.withOnoff(onoffCpus(cpus), t.onoffCycles());
        return t;
    }

    /**
     * kvm.sh adds rcutorture.onoff_interval=1000 when CONFIG_HOTPLUG_CPU=y and the boot line
     * has no onoff_ parameter; onoff_interval=0 turns hotplug torture off. Every CPU but the
     * boot CPU 0 is toggled.
     */
    private int[] onoffCpus(int cpus) {
        boolean hotplug = bool("HOTPLUG_CPU", false);
        BootParam interval = b.get("rcutorture.onoff_interval");
        if (interval != null && interval.intValue() > 0 && !hotplug) {
            warn(interval.origin(), interval.text() + ": rcutorture skips CPU hotplug without CONFIG_HOTPLUG_CPU=y");
        }
        if (!hotplug || (interval != null && interval.intValue() <= 0) || cpus < 2) {
            return new int[0];
        }
        if (interval != null) {
            warn(interval.origin(), interval.text() + ": hotplug on; rcusim runs its offline/online cycles back to back"
                    + " (" + TortureConfig.small().onoffCycles() + " cycles, --onoff-cycles N), not every "
                    + interval.value() + " ms");
        }
        return IntStream.range(1, cpus).toArray();
    }

    static String describePreemption(Preemption p) {
        return p.name().toLowerCase(Locale.ROOT);
    }
}
