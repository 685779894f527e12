package rcusim.scenarios.builtin;

import java.util.List;
import java.util.Map;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.AllocReuse;
import rcusim.machine.memory.MemoryModel;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.TreeRcu;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/**
 * An RCU-protected singly linked list on an allocator that reuses freed blocks most recently
 * freed first. An element is two words, {@code data} and {@code next}; the list starts as
 * 1 -> 2 -> 3.
 *
 * <pre>
 *   reader (x3):  rcu_read_lock();
 *                 for (p = rcu_dereference(head); p; p = rcu_dereference(p->next))
 *                         check READ_ONCE(p->data) is an element's data;
 *                 rcu_read_unlock();
 *   updater (x2): old = head's first element; rcu_assign_pointer(head, old->next);
 *                 synchronize_rcu(); kfree(old);
 *                 new = kmalloc(); new->data = ...; new->next = head's first;
 *                 rcu_assign_pointer(head, new);
 * </pre>
 *
 * The updater is the only writer, so it needs no lock; it frees a removed element only after
 * a grace period, so no reader can still hold it. The fault {@code updater-frees-early} frees
 * it at once: the next allocation hands the same address out as the new element, and a reader
 * that loaded the old pointer before the free dereferences a zombie, which the detector
 * reports naming the reader's load, the free, the reuse and the dereference.
 */
final class RcuListEarlyFree implements Scenario {
    static final String NAME = "rcu-list-early-free";
    private static final int READS = 3;
    private static final int UPDATES = 2;

    private final RcuConfig rcu;
    private final ZombieFault fault;

    RcuListEarlyFree() {
        this(null);
    }

    private RcuListEarlyFree(ZombieFault fault) {
        this.rcu = RcuConfig.nonPreemptibleDefaults().withStallTimeout(1_000_000);
        this.fault = fault;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "RCU-protected list on LIFO-reusing memory: a reader traverses it three times while the updater"
                + " replaces the first element twice, freeing it after synchronize_rcu(); clean unless a fault frees early"
                + (fault == null ? "" : "; injected: " + fault.fault().name());
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
    public void load(Simulation m, long seed) {
        TreeRcu tree = TreeRcu.install(m, rcu);
        Kernel k0 = m.kernel();
        k0.setAllocReuse(AllocReuse.LIFO);
        long head = k0.alloc(1);
        long third = element(m, 3, 0);
        long second = element(m, 2, third);
        long first = element(m, 1, second);
        m.memory().setInitial(Address.locationOf(head), first);
        m.spawn(0, "reader", k -> {
            for (int i = 0; i < READS; i++) {
                tree.readLock(k);
                for (long p = k.rcuDereference(head); p != 0; p = k.rcuDereference(p + 1)) {
                    long data = k.readOnce(p);
                    if (data < 1 || data > 3 + UPDATES) {
                        throw new SimFailure(SimFailure.Kind.RCU, "rcu-list: the reader found an element holding "
                                + data + ", not one the updater published");
                    }
                }
                tree.readUnlock(k);
            }
        });
        m.spawn(1, "updater", k -> {
            for (int u = 0; u < UPDATES; u++) {
                long old = k.readOnce(head);
                k.rcuAssignPointer(head, k.readOnce(old + 1));
                if (fault != ZombieFault.UPDATER_FREES_EARLY) {
                    tree.synchronizeRcu(k);
                }
                k.free(old);
                long fresh = k.alloc(2);
                k.writeOnce(fresh, 4 + u);
                k.writeOnce(fresh + 1, k.readOnce(head));
                k.rcuAssignPointer(head, fresh);
            }
        });
    }

    private static long element(Simulation m, long data, long next) {
        long e = m.kernel().alloc(2);
        m.memory().setInitial(Address.locationOf(e), data);
        m.memory().setInitial(Address.locationOf(e) + 1, next);
        return e;
    }

    @Override
    public List<Fault> injections() {
        return List.of(ZombieFault.UPDATER_FREES_EARLY.fault());
    }

    @Override
    public Scenario withInjection(Fault f) {
        return new RcuListEarlyFree(ZombieFault.of(f));
    }

    @Override
    public Scenario withoutInjection() {
        return new RcuListEarlyFree();
    }

    @Override
    public Fault injection() {
        return fault == null ? null : fault.fault();
    }
}
