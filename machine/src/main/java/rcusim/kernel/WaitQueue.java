package rcusim.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A simple wait queue (swait_queue_head) with the kernel's wait_event() protocol: the waiter
 * sets its state with a full barrier before checking the condition, the waker makes the
 * condition true and then wakes with a full barrier, so no wake-up is lost.
 */
public final class WaitQueue {
    final String name;
    /**
     * Its waiters. The kernel's list is under the queue's lock; here it is Java state that
     * waiters and wakers on any CPU use, so every use reports itself to a partial-order
     * reduction: as this queue's {@link #state} when it was made before the run, else as
     * GLOBAL. A wake-up that wakes a task is GLOBAL anyway ({@link #wakeStep}).
     */
    final List<Task> waiters = new ArrayList<>();
    private final SharedState state;
    /** What wake-ups hand on to the waiters (for a data-race detector). */
    private final SyncPoint sync = new SyncPoint();
    // texts made once: waits and wake-ups are on the hot path
    private final String waitText;
    private final String blockedText;
    private final String wakeText;
    private final String wakeOneText;

    /** A wait queue made during the run (its uses are GLOBAL); before the run prefer {@link #WaitQueue(Kernel, String)}. */
    public WaitQueue(String name) {
        this(name, (SharedState) null);
    }

    /** A wait queue made before the run, whose list is a shared state of its own. */
    public WaitQueue(Kernel k, String name) {
        this(name, k.newSharedState("wait queue " + name));
    }

    private WaitQueue(String name, SharedState state) {
        this.name = name;
        this.state = state;
        this.waitText = "wait_event(" + name + ")";
        this.blockedText = "wait queue " + name;
        this.wakeText = "wake_up(" + name + ")";
        this.wakeOneText = "wake_up_one(" + name + ")";
    }

    public boolean active(Kernel k) {
        read(k);
        return !waiters.isEmpty();
    }

    /** The running code changed the waiters (or what the queue's waiters wait for: a completion's count). */
    void written(Kernel k) {
        if (state == null) {
            k.sharedStateWritten();
        } else {
            k.sharedStateWritten(state);
        }
    }

    /**
     * The running code read the waiters (or what they wait for). Unnamed, nothing to report:
     * every write was GLOBAL, and every step is ordered with those.
     */
    void read(Kernel k) {
        if (state != null) {
            k.sharedStateRead(state);
        }
    }

    /** wait_event(): cond runs as simulated code (it may read simulated memory). */
    public void waitEvent(Kernel k, BooleanSupplier cond) {
        waitEvent(k, cond, TaskState.UNINTERRUPTIBLE, -1);
    }

    public void waitEventInterruptible(Kernel k, BooleanSupplier cond) {
        waitEvent(k, cond, TaskState.INTERRUPTIBLE, -1);
    }

    /** wait_event_timeout(): returns the jiffies left (at least 1) if cond came true, else 0. */
    public long waitEventTimeout(Kernel k, BooleanSupplier cond, long timeout) {
        return waitEvent(k, cond, TaskState.UNINTERRUPTIBLE, timeout);
    }

    private long waitEvent(Kernel k, BooleanSupplier cond, TaskState state, long timeout) {
        if (cond.getAsBoolean()) {
            k.syncAcquire(sync);
            return Math.max(1, timeout);
        }
        k.mightSleep(waitText);
        Task me = k.current();
        long left = timeout;
        try {
            while (true) {
                if (!waiters.contains(me)) {
                    waiters.add(me);
                    written(k);
                }
                k.setCurrentState(state);
                if (cond.getAsBoolean()) {
                    k.syncAcquire(sync);
                    return Math.max(1, left);
                }
                if (timeout >= 0 && left <= 0) {
                    return 0;
                }
                me.blockedOn = blockedText;
                if (timeout >= 0) {
                    left = k.scheduleTimeout(left);
                } else {
                    k.schedule();
                }
            }
        } finally {
            me.state = TaskState.RUNNING;
            me.blockedOn = null;
            if (waiters.remove(me)) {
                written(k);
            }
        }
    }

    /**
     * For a data-race detector: what this context did so far happens before whatever a waiter
     * does once it finds its condition true. A waker whose condition is a Java field (seen by
     * the waiter at once, not through simulated memory) calls this before making it true;
     * {@link #wakeUp} does it too, but only after the condition may already have been seen.
     */
    public void publish(Kernel k) {
        k.syncRelease(sync);
    }

    /** swake_up_all() / wake_up(): wakes every waiter, after a full barrier. */
    public void wakeUp(Kernel k) {
        k.smpMb();
        k.syncRelease(sync);
        wakeStep(k, wakeText); // after the barrier only the data-race detector's release
        // a woken task removes itself only when it runs, so the list does not change here
        for (int i = 0; i < waiters.size(); i++) {
            k.env().runQueues.wakeUp(waiters.get(i), k.thisCpu());
        }
    }

    /** swake_up_one(). */
    public void wakeUpOne(Kernel k) {
        k.smpMb();
        k.syncRelease(sync);
        wakeStep(k, wakeOneText);
        for (Task t : waiters) {
            if (k.env().runQueues.wakeUp(t, k.thisCpu())) {
                return;
            }
        }
    }

    /**
     * A wake-up's own step. It reads the waiters, and waking one of them is what touches
     * shared state (RunQueues.wakeUp reports it), so a wake-up that finds nobody waiting
     * touches only this queue: it commutes with the other CPUs' steps that leave the queue
     * alone, and is still ordered with a sleeper joining it. A queue made during the run has
     * no state of its own, so its wake-ups stay GLOBAL.
     */
    private void wakeStep(Kernel k, String what) {
        if (state == null) {
            k.sharedKernelStep(what);
            return;
        }
        k.localKernelStep(what);
        read(k);
    }

    @Override
    public String toString() {
        return name;
    }
}
