package rcusim.machine;

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
    final List<Task> waiters = new ArrayList<>();

    public WaitQueue(String name) {
        this.name = name;
    }

    public boolean active() {
        return !waiters.isEmpty();
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
            return Math.max(1, timeout);
        }
        k.mightSleep("wait_event(" + name + ")");
        Task me = k.current();
        long left = timeout;
        try {
            while (true) {
                if (!waiters.contains(me)) {
                    waiters.add(me);
                }
                k.setCurrentState(state);
                if (cond.getAsBoolean()) {
                    return Math.max(1, left);
                }
                if (timeout >= 0 && left <= 0) {
                    return 0;
                }
                me.blockedOn = "wait queue " + name;
                if (timeout >= 0) {
                    left = k.scheduleTimeout(left);
                } else {
                    k.schedule();
                }
            }
        } finally {
            me.state = TaskState.RUNNING;
            me.blockedOn = null;
            waiters.remove(me);
        }
    }

    /** swake_up_all() / wake_up(): wakes every waiter, after a full barrier. */
    public void wakeUp(Kernel k) {
        k.smpMb();
        k.kernelStep("wake_up(" + name + ")");
        for (Task t : new ArrayList<>(waiters)) {
            k.machine().scheduler.wakeUp(t, k.thisCpu());
        }
    }

    /** swake_up_one(). */
    public void wakeUpOne(Kernel k) {
        k.smpMb();
        k.kernelStep("wake_up_one(" + name + ")");
        for (Task t : waiters) {
            if (k.machine().scheduler.wakeUp(t, k.thisCpu())) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
