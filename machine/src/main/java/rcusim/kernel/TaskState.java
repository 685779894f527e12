package rcusim.kernel;


/** A task's scheduling state (TASK_RUNNING, TASK_INTERRUPTIBLE, ...). */
public enum TaskState {
    /** Runnable or running. */
    RUNNING,
    /** Sleeping; any wake-up wakes it. */
    INTERRUPTIBLE,
    /** Sleeping; only the event it waits for wakes it. */
    UNINTERRUPTIBLE,
    /** A per-CPU kthread parked while its CPU is offline (TASK_PARKED). */
    PARKED,
    /** Exited. */
    DEAD
}
