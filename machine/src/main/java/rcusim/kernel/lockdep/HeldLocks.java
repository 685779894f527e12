package rcusim.kernel.lockdep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The held-lock stack of one context: a task, or one running hardirq or softirq invocation
 * (the kernel keeps these in task_struct::held_locks and separates irq contexts inside it; we
 * keep one stack per context, so a dependency never crosses from a task into the interrupt
 * that preempted it).
 *
 * <p>Bottom first. Kept as parallel arrays so that pushing and popping allocate nothing; only
 * {@link #locks()} builds {@link HeldLock} records. Lock instances are compared by identity,
 * so pass the lock object itself, never a boxed number.
 */
public final class HeldLocks {
    private static final byte READ = 1;
    private static final byte TRYLOCK = 2;

    private final String owner;
    // empty until the first lock: most hardirq contexts take none
    private LockClass[] classes = new LockClass[0];
    private Object[] instances = new Object[0];
    private String[] sites = new String[0];
    private byte[] flags = new byte[0];
    private int depth;

    /** @param owner the context's name as lockdep prints it, e.g. {@code rcu_preempt/12} (comm/pid) */
    public HeldLocks(String owner) {
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }

    public int depth() {
        return depth;
    }

    public boolean isEmpty() {
        return depth == 0;
    }

    /** The held locks, bottom (first taken) first. */
    public List<HeldLock> locks() {
        List<HeldLock> r = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            r.add(lockAt(i));
        }
        return List.copyOf(r);
    }

    public boolean holds(Object instance) {
        return indexOf(instance) >= 0;
    }

    /** Held, and held for read (the kernel's lock_is_held_type(lock, 1)). */
    public boolean holdsRead(Object instance) {
        int i = indexOf(instance);
        return i >= 0 && isRead(i);
    }

    /** Held, and held for write (the kernel's lock_is_held_type(lock, 0)). */
    public boolean holdsWrite(Object instance) {
        int i = indexOf(instance);
        return i >= 0 && !isRead(i);
    }

    /** The owner and depth only: lock instances may not print deterministically. */
    @Override
    public String toString() {
        return owner + " (" + depth + (depth == 1 ? " lock held)" : " locks held)");
    }

    // ---------------------------------------------------------------- for Lockdep

    HeldLock lockAt(int i) {
        return new HeldLock(classes[i], instances[i], isRead(i), isTrylock(i), sites[i]);
    }

    LockClass classAt(int i) {
        return classes[i];
    }

    Object instanceAt(int i) {
        return instances[i];
    }

    String siteAt(int i) {
        return sites[i];
    }

    boolean isRead(int i) {
        return (flags[i] & READ) != 0;
    }

    boolean isTrylock(int i) {
        return (flags[i] & TRYLOCK) != 0;
    }

    /** The lowest entry for this instance, or -1 (as the kernel's lock_is_held() finds it). */
    int indexOf(Object instance) {
        for (int i = 0; i < depth; i++) {
            if (instances[i] == instance) {
                return i;
            }
        }
        return -1;
    }

    /** The topmost entry for this instance, or -1: the one a release drops. */
    int lastIndexOf(Object instance) {
        for (int i = depth - 1; i >= 0; i--) {
            if (instances[i] == instance) {
                return i;
            }
        }
        return -1;
    }

    void push(LockClass cls, Object instance, boolean read, boolean trylock, String site) {
        if (depth == classes.length) {
            int n = Math.max(8, depth * 2);
            classes = Arrays.copyOf(classes, n);
            instances = Arrays.copyOf(instances, n);
            sites = Arrays.copyOf(sites, n);
            flags = Arrays.copyOf(flags, n);
        }
        classes[depth] = cls;
        instances[depth] = instance;
        sites[depth] = site;
        flags[depth] = (byte) ((read ? READ : 0) | (trylock ? TRYLOCK : 0));
        depth++;
    }

    /** Drops entry i, keeping the order of the rest (a release need not be the topmost lock). */
    void remove(int i) {
        int tail = depth - i - 1;
        System.arraycopy(classes, i + 1, classes, i, tail);
        System.arraycopy(instances, i + 1, instances, i, tail);
        System.arraycopy(sites, i + 1, sites, i, tail);
        System.arraycopy(flags, i + 1, flags, i, tail);
        depth--;
        classes[depth] = null;
        instances[depth] = null;
        sites[depth] = null;
    }
}
