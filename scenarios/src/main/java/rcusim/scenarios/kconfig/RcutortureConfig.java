package rcusim.scenarios.kconfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.memory.MemoryModel;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.torture.TortureConfig;
import rcusim.scenarios.builtin.TortureScenarios;
import rcusim.sched.replay.BadFileException;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.WorkloadKnob;

/**
 * An rcutorture scenario configuration (a Kconfig fragment with NAME.boot and CFcommon beside
 * it, as in the kernel's tools/testing/selftests/rcutorture/configs/rcu) turned into rcusim's:
 * the machine, Tree RCU's configuration, the torture workload, and the warnings about options
 * rcusim does not model but that cannot change what RCU does. Options that would are refused
 * with exit 3 ({@link BadFileException}) naming the option and its file:line:col.
 *
 * @param name the scenario's name (the path or catalog name it was read by)
 * @param tortureType rcutorture.torture_type as written (rcu, or a folded flavour run as rcu)
 * @param cpus the CPU count
 * @param kernel HZ and the preemption model
 * @param rcu Tree RCU's configuration
 * @param torture the rcutorture workload
 * @param warnings one line each: {@code file:line: option: why it is not modelled}
 */
public record RcutortureConfig(String name, String tortureType, int cpus, KernelConfig kernel, RcuConfig rcu,
        TortureConfig torture, List<String> warnings) {
    /** The step budget of a run, as the built-in torture scenarios have it. */
    static final int STEP_LIMIT = 5_000_000;

    /**
     * Reads configFile with configFile.boot and CFcommon from its directory when they exist,
     * as kvm.sh does: CFcommon's lines first, then the file's (later lines win).
     *
     * @throws BadFileException (exit 3) for a file that cannot be read or parsed, or an option
     *     that would change what RCU does and is not modelled
     */
    public static RcutortureConfig read(Path configFile) {
        return read(configFile.toString(), configFile);
    }

    /** As {@link #read(Path)}, naming the scenario name. */
    public static RcutortureConfig read(String name, Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            throw new BadFileException(configFile.toString(), "no such file");
        }
        Path cf = configFile.resolveSibling("CFcommon");
        Path boot = configFile.resolveSibling(configFile.getFileName() + ".boot");
        return fromTexts(name, configFile.toString(), text(configFile), Files.isRegularFile(cf) ? text(cf) : null,
                cf.toString(), Files.isRegularFile(boot) ? text(boot) : null, boot.toString());
    }

    /**
     * The configuration from the three files' texts (null for CFcommon or NAME.boot when there
     * is none), each named as messages should name it.
     */
    public static RcutortureConfig fromTexts(String name, String file, String fragment, String cfcommon,
            String cfcommonFile, String boot, String bootFile) {
        KconfigFragment common = cfcommon == null ? KconfigFragment.empty() : KconfigFragment.parse(cfcommonFile, 1, cfcommon);
        KconfigFragment own = KconfigFragment.parse(file, 1, fragment);
        BootParams params = boot == null ? BootParams.empty() : BootParams.parse(bootFile, 1, boot);
        return parse(name, common.then(own), params);
    }

    /**
     * The configuration from a merged Kconfig fragment and boot line: what a scenario file's
     * header gives (read each part with {@link KconfigFragment#parse} and {@link BootParams#parse}
     * at its line, merge with {@code then}).
     */
    public static RcutortureConfig parse(String name, KconfigFragment kconfig, BootParams boot) {
        return new ConfigMapper(name, kconfig, boot).map();
    }

    /**
     * A scenario file's header in rcutorture's form (its {@code kconfig { }} block and {@code boot}
     * line), read as {@link #parse} reads a configuration with one difference: the file's own
     * tasks are the workload, so rcutorture's parameters (rcutorture.*, torture.*) are warned
     * about as not applying instead of configuring a torture workload, and
     * CONFIG_RCU_TORTURE_TEST may be anything. {@link #torture()} is then unused (no readers'
     * workload, no hotplug cycles).
     */
    public static RcutortureConfig forScenarioFile(String name, KconfigFragment kconfig, BootParams boot) {
        return new ConfigMapper(name, kconfig, boot, true).map();
    }

    private static String text(Path p) {
        return rcusim.sched.replay.TextInput.read(p, "an rcutorture configuration (Kconfig fragment or boot line)");
    }

    /** The machine: weak memory, the kernel with HZ and preemption, the torture scenarios' step limit. */
    public MachineConfig machine() {
        return MachineConfig.of(cpus, MemoryModel.WEAK).withKernel(kernel).withStepLimit(STEP_LIMIT);
    }

    /**
     * The same configuration as overrides of a torture scenario's (--cpus, --fanout,
     * --fanout-leaf, --nocb and workload knobs): what a scenario file may apply to the built-in
     * torture. The preemption model, HZ and the hotplugged CPUs are not overrides; {@link
     * #scenario()} has them.
     */
    public ConfigOverrides overrides() {
        Map<WorkloadKnob, Integer> w = new EnumMap<>(WorkloadKnob.class);
        w.put(WorkloadKnob.STALL_TIMEOUT, (int) rcu.stallTimeoutJiffies());
        w.put(WorkloadKnob.READERS, torture.readers());
        w.put(WorkloadKnob.ONOFF_CYCLES, torture.onoffCpus().length == 0 ? 0 : torture.onoffCycles());
        w.put(WorkloadKnob.FAKEWRITERS, torture.callRcuWriter() ? 1 : 0);
        w.put(WorkloadKnob.BARRIER, torture.barrier() ? 1 : 0);
        return new ConfigOverrides(cpus, rcu.fanout(), rcu.fanoutLeaf(), RcuConfig.formatCpuList(rcu.nocbCpus()), w);
    }

    /** The built-in rcutorture scenario configured by this: Tree RCU under the torture checker. */
    public Scenario scenario() {
        return TortureScenarios.configured(name, description(), cpus, kernel, rcu, torture);
    }

    /** One line: the flavour, CPUs, tree, HZ, NOCB, hotplug and readers. */
    public String description() {
        String flavour = rcu.preemptible() ? "preemptible Tree RCU (PREEMPT)" : "non-preemptible Tree RCU (PREEMPT_NONE)";
        return "rcutorture " + shortName() + ": " + flavour + ", " + cpus + " CPUs, fanout " + rcu.fanout() + "/"
                + rcu.fanoutLeaf() + ", HZ " + kernel.hz() + ", rcu_nocbs="
                + (rcu.nocbCpus().isEmpty() ? "(none)" : RcuConfig.formatCpuList(rcu.nocbCpus()))
                + (torture.onoffCpus().length == 0 ? ", no hotplug" : ", hotplug of CPUs 1-" + (cpus - 1))
                + ", " + torture.readers() + " readers" + (tortureType.equals("rcu") ? "" : " (torture_type=" + tortureType
                + " run as rcu)") + (warnings.isEmpty() ? "" : "; " + warnings.size() + " options not modelled (warnings)");
    }

    private String shortName() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /** Preemption of the kernel (for tests). */
    public Preemption preemption() {
        return kernel.preemption();
    }
}
