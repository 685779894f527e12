package rcusim.kernel;


/**
 * A raw_spinlock_t: a lock word in simulated memory (acquire on lock, release on unlock,
 * spinning without decisions) with a lockdep class. Locks made with the same class name share
 * a lockdep class, as locks initialised at one site share a lock_class_key.
 */
public final class RawSpinlock {
    final String name;
    final String className;
    final long addr;
    /** "raw_spin_lock(name)" and "raw_spin_unlock(name)", built once: they were built at every use. */
    final String lockText;
    final String unlockText;
    /** lockdep's class for it (a rcusim.kernel.lockdep.LockClass), set on first use. */
    Object lockdepClass;

    RawSpinlock(String name, String className, long addr) {
        this.name = name;
        this.className = className;
        this.addr = addr;
        this.lockText = "raw_spin_lock(" + name + ")";
        this.unlockText = "raw_spin_unlock(" + name + ")";
    }

    /** raw_spin_lock_init(): a lock named name, in the lockdep class className. */
    public static RawSpinlock create(Kernel k, String name, String className) {
        return new RawSpinlock(name, className, k.alloc(1));
    }

    public static RawSpinlock create(Kernel k, String name) {
        return create(k, name, name);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
