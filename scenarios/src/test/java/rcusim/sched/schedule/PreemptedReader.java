package rcusim.sched.schedule;

import rcusim.kernel.Simulation;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.TreeRcu;
import rcusim.sched.scenario.Scenario;

/**
 * Preemptible Tree RCU on 2 CPUs, with labels for schedules: a reader on CPU 1 reads y then
 * x inside rcu_read_lock(); an updater on CPU 0 writes x, calls synchronize_rcu(), writes y.
 * The reader fails the run if it sees y == 1 and x == 0 (a too-short grace period).
 */
public final class PreemptedReader implements Scenario {
    private final RcuConfig rcu;

    public PreemptedReader() {
        this(RcuConfig.preemptibleDefaults().withStallTimeout(1_000_000));
    }

    private PreemptedReader(RcuConfig rcu) {
        this.rcu = rcu;
    }

    @Override
    public String name() {
        return "preempted-reader";
    }

    @Override
    public String description() {
        return "preemptible Tree RCU, 2 CPUs: reader on CPU 1 (labels reader_in_cs, reader_unlock, reader_done),"
                + " updater on CPU 0 (sync_start, sync_done)";
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(2, MemoryModel.WEAK)
                .withKernel(KernelConfig.kernel().withPreemption(Preemption.FULL))
                .withStepLimit(500_000);
    }

    @Override
    public java.util.List<rcusim.sched.scenario.Fault> injections() {
        return rcusim.scenarios.builtin.RcuFaults.ALL;
    }

    @Override
    public Scenario withInjection(rcusim.sched.scenario.Fault fault) {
        return new PreemptedReader(rcu.withMutation(rcusim.rcu.RcuFault.named(fault.name()).orElseThrow()));
    }

    @Override
    public rcusim.sched.scenario.Fault injection() {
        return rcu.mutation() == null ? null : rcusim.scenarios.builtin.RcuFaults.of(rcu.mutation());
    }

    @Override
    public java.util.Map<String, Object> configuration() {
        return java.util.Map.of("rcu", rcu);
    }

    @Override
    public void load(Simulation m, long seed) {
        TreeRcu tree = TreeRcu.install(m, rcu);
        long x = m.kernel().alloc(1);
        long y = m.kernel().alloc(1);
        m.spawn(1, "reader", k -> {
            tree.readLock(k);
            k.label("reader_in_cs");
            long r1 = k.readOnce(y);
            long r2 = k.readOnce(x);
            k.label("reader_unlock");
            tree.readUnlock(k);
            k.label("reader_done");
            if (r1 == 1 && r2 == 0) {
                throw new SimFailure(SimFailure.Kind.RCU, "too-short grace period: the reader saw y == 1 but x == 0");
            }
        });
        m.spawn(0, "updater", k -> {
            k.writeOnce(x, 1);
            k.label("sync_start");
            tree.synchronizeRcu(k);
            k.label("sync_done");
            k.writeOnce(y, 1);
        });
    }
}
