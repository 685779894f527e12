package rcusim.kernel.lockdep;

/**
 * One entry of a held-lock stack (the kernel's struct held_lock): the class, the lock object
 * (compared by identity), whether it is held for read, whether it was taken by a trylock, and
 * the caller's site where it was taken.
 */
public record HeldLock(LockClass cls, Object instance, boolean read, boolean trylock, String site) {
    public HeldLock(LockClass cls, Object instance, boolean read, String site) {
        this(cls, instance, read, false, site);
    }

    /** {@code (name){+.+.}, at: site}, as lockdep's print_lock() shows it. */
    public String describe() {
        return cls.printName() + ", at: " + site;
    }

    /** As {@link #describe()}: the instance is left out, its toString may not be deterministic. */
    @Override
    public String toString() {
        return describe();
    }
}
