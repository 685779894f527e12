package rcusim.scenarios.builtin;

import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.Address;
import rcusim.rcu.TreeRcu;
import rcusim.sched.scenario.Scenario;

/**
 * The lock-free LIFO (Treiber) stack and its ABA, on an allocator that reuses freed blocks
 * most recently freed first. A node is two words, {@code value} and {@code next}; the stack
 * starts as 1 -> 2.
 *
 * <pre>
 *   push(n):  n->next = old = READ_ONCE(head);  until cmpxchg(&amp;head, old, n) == old
 *   pop():    old = READ_ONCE(head);  next = READ_ONCE(old->next);
 *             until cmpxchg(&amp;head, old, next) == old
 * </pre>
 *
 * Two workers each pop a node, free it and push a new one, twice. Pop's cmpxchg is only right
 * if {@code old} is still the node it read {@code next} from: if another pop took {@code old},
 * freed it, and a push put a new node at the same address on top, the cmpxchg succeeds and
 * installs a {@code next} that was popped (the ABA). Here both operations run inside
 * rcu_read_lock() and a popped node is freed only after synchronize_rcu(), so no address a
 * pop or push holds can come back meanwhile. The fault {@code pop-frees-without-grace-period}
 * frees at once: the zombie-pointer detector reports the stale pointer (the compare of the
 * ABA, or the dereference of old->next, whichever comes first). The workers also check what
 * they pop (a value they pushed or the initial ones, each popped at most once).
 */
final class LifoStack extends ZombieScenario {
    static final String NAME = "lifo-stack";
    private static final int WORKERS = 2;
    private static final int ROUNDS = 2;

    LifoStack() {
        this(null);
    }

    private LifoStack(ZombieFault fault) {
        super(ZombieFault.POP_FREES_WITHOUT_GRACE_PERIOD, fault);
    }

    @Override
    Scenario with(ZombieFault fault) {
        return new LifoStack(fault);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "lock-free LIFO stack (cmpxchg push/pop, nodes freed after a grace period) on LIFO-reusing memory:"
                + " two workers pop, free and push; clean unless a fault lets the ABA happen (zombie pointer)"
                + injectedSuffix();
    }

    @Override
    void load(Simulation m, TreeRcu tree) {
        long head = m.kernel().alloc(1);
        long second = twoWords(m, 2, 0);
        long first = twoWords(m, 1, second);
        m.memory().setInitial(Address.locationOf(head), first);
        // values popped so far, by value (1, 2 initial; 10 * worker + round pushed), to catch a node popped twice
        boolean[] popped = new boolean[10 * (WORKERS + 1) + ROUNDS];
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            m.spawn(w, "worker" + w, k -> {
                for (int round = 0; round < ROUNDS; round++) {
                    long n = pop(k, tree, head);
                    if (n != 0) {
                        long v = k.readOnce(n);
                        if (v <= 0 || v >= popped.length || popped[(int) v]) {
                            throw new SimFailure(SimFailure.Kind.ASSERTION, "lifo-stack: worker" + worker
                                    + " popped a node holding " + v + (v > 0 && v < popped.length ? ", popped before" : ", never pushed"));
                        }
                        popped[(int) v] = true;
                        if (fault != ZombieFault.POP_FREES_WITHOUT_GRACE_PERIOD) {
                            tree.synchronizeRcu(k);
                        }
                        k.free(n);
                    }
                    long fresh = k.alloc(2);
                    k.writeOnce(fresh, 10 * (worker + 1) + round);
                    push(k, tree, head, fresh);
                }
            });
        }
    }

    /** llist_add()-like: links n on top with cmpxchg, inside a read section so that old cannot be freed meanwhile. */
    static void push(Kernel k, TreeRcu tree, long head, long n) {
        tree.readLock(k);
        long old = k.readOnce(head);
        while (true) {
            k.writeOnce(n + 1, old);
            long seen = k.cmpxchg(head, old, n);
            if (seen == old) {
                break;
            }
            old = seen;
        }
        tree.readUnlock(k);
    }

    /** Takes the top node with cmpxchg(head, old, old->next); 0 when the stack is empty. */
    static long pop(Kernel k, TreeRcu tree, long head) {
        tree.readLock(k);
        long old = k.readOnce(head);
        while (old != 0) {
            long next = k.readOnce(old + 1);
            long seen = k.cmpxchg(head, old, next);
            if (seen == old) {
                break;
            }
            old = seen;
        }
        tree.readUnlock(k);
        return old;
    }

}
