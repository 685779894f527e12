package rcusim.scenarios.builtin;

import java.util.List;
import java.util.Map;
import rcusim.kernel.Simulation;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.AllocReuse;
import rcusim.machine.memory.MemoryModel;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.TreeRcu;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/**
 * What the zombie-pointer scenarios share: 2 CPUs without preemption, non-preemptible Tree RCU,
 * an allocator that reuses freed blocks most recently freed first, and one {@link ZombieFault}
 * each can inject. A subclass gives its workload and how to make itself with or without the fault.
 */
abstract class ZombieScenario implements Scenario {
    private final RcuConfig rcu = RcuConfig.nonPreemptibleDefaults().withStallTimeout(1_000_000);
    private final ZombieFault offered;
    /** The injected fault, or null. */
    final ZombieFault fault;

    ZombieScenario(ZombieFault offered, ZombieFault fault) {
        this.offered = offered;
        this.fault = fault;
    }

    /** This scenario with fault injected (null: none). */
    abstract Scenario with(ZombieFault fault);

    /** Spawns the workload; Tree RCU is installed and reuse is on. */
    abstract void load(Simulation m, TreeRcu tree);

    /** The description's ending that names the injected fault, if any. */
    final String injectedSuffix() {
        return fault == null ? "" : "; injected: " + fault.fault().name();
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(2, MemoryModel.WEAK)
                .withKernel(KernelConfig.kernel().withPreemption(Preemption.NONE).withStepNs(1))
                .withStepLimit(200_000);
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("rcu", rcu, "alloc_reuse", AllocReuse.LIFO.spelling());
    }

    @Override
    public final void load(Simulation m, long seed) {
        TreeRcu tree = TreeRcu.install(m, rcu);
        m.kernel().setAllocReuse(AllocReuse.LIFO);
        load(m, tree);
    }

    /** A two-word object (a node, a list element) with its initial contents, set before the run. */
    static long twoWords(Simulation m, long first, long second) {
        long o = m.kernel().alloc(2);
        m.memory().setInitial(Address.locationOf(o), first);
        m.memory().setInitial(Address.locationOf(o) + 1, second);
        return o;
    }

    @Override
    public List<Fault> injections() {
        return List.of(offered.fault());
    }

    @Override
    public Scenario withInjection(Fault f) {
        return with(ZombieFault.of(f));
    }

    @Override
    public Scenario withoutInjection() {
        return with(null);
    }

    @Override
    public Fault injection() {
        return fault == null ? null : fault.fault();
    }
}
