package rcusim.kernel;

import java.util.ArrayDeque;
import rcusim.machine.SimFailure;

/**
 * A sleeping mutex. Lock and unlock are full barriers here (the kernel's are acquire and
 * release: stronger, so sound). Waiters sleep in TASK_UNINTERRUPTIBLE and are handed the lock
 * in FIFO order.
 */
public final class Mutex {
    final String name;
    final String className;
    Task owner;
    /** lockdep's class for it, set on first use. */
    Object lockdepClass;
    final ArrayDeque<Task> waiters = new ArrayDeque<>();

    public Mutex(String name, String className) {
        this.name = name;
        this.className = className;
    }

    public Mutex(String name) {
        this(name, name);
    }

    public Task owner() {
        return owner;
    }

    public boolean isLocked() {
        return owner != null;
    }

    void lock(Kernel k) {
        k.mightSleep("mutex_lock(" + name + ")");
        k.lockdep.acquire(k.thisContext(), this, false);
        k.smpMb();
        k.sharedStateWritten(); // owner and waiters: Java state every CPU's lock and unlock use
        Task me = k.current();
        if (owner == me) {
            throw new SimFailure(SimFailure.Kind.LOCK_MISUSE, "mutex_lock(" + name + ") by " + me + ", which already holds it");
        }
        if (owner == null && waiters.isEmpty()) {
            owner = me;
            return;
        }
        waiters.add(me);
        while (owner != me) {
            me.state = TaskState.UNINTERRUPTIBLE;
            me.blockedOn = "mutex " + name + " held by " + owner;
            k.schedule();
        }
        // handed the lock by unlock(): the barrier must come after the acquisition too, or this
        // CPU could still read values older than the previous owner's critical section (the
        // task may resume after another task exited, a switch without a barrier here)
        k.smpMb();
    }

    boolean trylock(Kernel k) {
        k.sharedKernelStep("mutex_trylock");
        if (owner != null) {
            return false;
        }
        owner = k.current();
        k.lockdep.acquireTry(k.thisContext(), this);
        k.smpMb();
        return true;
    }

    void unlock(Kernel k) {
        Task me = k.current();
        if (owner != me) {
            throw new SimFailure(SimFailure.Kind.LOCK_MISUSE, "mutex_unlock(" + name + ") by " + me
                    + ", which does not hold it" + (owner == null ? " (it is not held)" : " (" + owner + " holds it)"));
        }
        k.lockdep.release(k.thisContext(), this);
        k.smpMb();
        k.sharedStateWritten(); // owner and waiters (see lock())
        owner = waiters.poll();
        if (owner != null) {
            k.env().runQueues.wakeUp(owner, k.thisCpu());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
