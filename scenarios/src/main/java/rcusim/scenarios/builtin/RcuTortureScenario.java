package rcusim.scenarios.builtin;

import java.util.List;
import rcusim.machine.KernelConfig;
import rcusim.machine.Machine;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.memory.MemoryModel;
import rcusim.rcu.Mutations;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.TreeRcu;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

/**
 * Tree RCU under an rcutorture-style workload, in a configuration modelled on one of
 * rcutorture's TREE scenarios (reference section 12), CPU counts scaled to what explores well.
 * A run fails on a too-short grace period ("!!!"), a stall, a writer stall, a WARN, a lockdep
 * report or a broken ownership rule.
 */
final class RcuTortureScenario implements Scenario {
    private final String name;
    private final String description;
    private final int cpus;
    private final Preemption preemption;
    private final RcuConfig rcu;
    private final TortureConfig torture;

    RcuTortureScenario(String name, String description, int cpus, Preemption preemption, RcuConfig rcu,
            TortureConfig torture) {
        this.name = name;
        this.description = description;
        this.cpus = cpus;
        this.preemption = preemption;
        this.rcu = rcu;
        this.torture = torture;
    }

    /** The README's main job: preemptible RCU on 4 CPUs, a 2-level tree (fanout 2/2), hotplug. */
    static RcuTortureScenario torture() {
        return new RcuTortureScenario("torture", "preemptible Tree RCU, 4 CPUs, fanout 2/2 (2 levels), hotplug of"
                + " CPUs 1-3, readers with long reads, two writers, a CPU hog (like TREE03)", 4, Preemption.FULL,
                RcuConfig.preemptibleDefaults().withFanout(2, 2).withStallTimeout(500), TortureConfig.small());
    }

    static RcuTortureScenario tree02() {
        return new RcuTortureScenario("tree02", "preemptible Tree RCU, 8 CPUs, fanout 3/3, no hotplug (like TREE02)",
                8, Preemption.FULL, RcuConfig.preemptibleDefaults().withFanout(3, 3).withStallTimeout(500),
                TortureConfig.small().withReaders(5).withOnoff(new int[0], 0));
    }

    static RcuTortureScenario tree04() {
        return new RcuTortureScenario("tree04", "non-preemptible Tree RCU, 8 CPUs, fanout 4/3, hotplug (like TREE04)",
                8, Preemption.NONE, RcuConfig.nonPreemptibleDefaults().withFanout(4, 3).withStallTimeout(500),
                TortureConfig.small().withReaders(5).withOnoff(new int[] {2, 5, 7}, 2));
    }

    static RcuTortureScenario tree05() {
        return new RcuTortureScenario("tree05", "non-preemptible Tree RCU with a preemptible kernel, 6 CPUs,"
                + " fanout 6/6 (one node), hotplug (like TREE05)", 6, Preemption.FULL,
                RcuConfig.nonPreemptibleDefaults().withFanout(6, 6).withStallTimeout(500),
                TortureConfig.small().withReaders(4).withOnoff(new int[] {1, 4}, 2));
    }

    static RcuTortureScenario tree07() {
        return new RcuTortureScenario("tree07", "non-preemptible Tree RCU, 16 CPUs, fanout 2/2 (4 levels), hotplug"
                + " (like TREE07)", 16, Preemption.NONE,
                RcuConfig.nonPreemptibleDefaults().withFanout(2, 2).withStallTimeout(500),
                TortureConfig.small().withReaders(6).withOnoff(new int[] {3, 9, 14}, 1));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description + (rcu.mutation() == null ? "" : "; injected: " + rcu.mutation());
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(cpus, MemoryModel.WEAK)
                .withKernel(KernelConfig.kernel().withPreemption(preemption)).withStepLimit(5_000_000);
    }

    @Override
    public java.util.Map<String, Object> configuration() {
        return java.util.Map.of("rcu", rcu, "torture", torture);
    }

    @Override
    public void load(Machine m, long seed) {
        TreeRcu tree = TreeRcu.install(m, rcu);
        RcuTorture.start(m, tree, torture, seed);
    }

    @Override
    public List<String[]> injections() {
        return Mutations.ALL;
    }

    @Override
    public Scenario withInjection(String fault) {
        return new RcuTortureScenario(name, description, cpus, preemption, rcu.withMutation(fault), torture);
    }

    @Override
    public String injection() {
        return rcu.mutation();
    }
}
