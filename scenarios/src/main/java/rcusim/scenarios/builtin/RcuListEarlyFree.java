package rcusim.scenarios.builtin;

import rcusim.kernel.Simulation;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.Address;
import rcusim.rcu.TreeRcu;
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
final class RcuListEarlyFree extends ZombieScenario {
    static final String NAME = "rcu-list-early-free";
    private static final int READS = 3;
    private static final int UPDATES = 2;

    RcuListEarlyFree() {
        this(null);
    }

    private RcuListEarlyFree(ZombieFault fault) {
        super(ZombieFault.UPDATER_FREES_EARLY, fault);
    }

    @Override
    Scenario with(ZombieFault fault) {
        return new RcuListEarlyFree(fault);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "RCU-protected list on LIFO-reusing memory: a reader traverses it three times while the updater"
                + " replaces the first element twice, freeing it after synchronize_rcu(); clean unless a fault frees early"
                + injectedSuffix();
    }

    @Override
    void load(Simulation m, TreeRcu tree) {
        long head = m.kernel().alloc(1);
        long third = twoWords(m, 3, 0);
        long second = twoWords(m, 2, third);
        long first = twoWords(m, 1, second);
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
}
