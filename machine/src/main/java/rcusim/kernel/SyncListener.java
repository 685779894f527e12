package rcusim.kernel;

import rcusim.machine.Context;

/**
 * The kernel's synchronisation that is not in simulated memory (task creation, context
 * switches, interrupt entry and exit, wake-ups, compiler barriers), and the detector's own
 * annotations (ASSERT_EXCLUSIVE_*(), seqcount read sections), told to a data-race detector
 * when one is installed ({@link Simulation#setSyncListener}); the kernel skips every call
 * when none is. Memory synchronisation (release/acquire, fences, locks) reaches the detector
 * through the machine's {@link rcusim.machine.AccessListener} instead.
 */
public interface SyncListener {
    /** Task child was created by ctx (null: by the machine's set-up, outside simulated code). */
    void taskCreated(Context ctx, Task child);

    /** A hardirq context irq starts on cpu over interrupted (null when nothing ran there). */
    void irqEntered(int cpu, Context interrupted, Context irq);

    /** The hardirq context irq on cpu has ended; resumed runs again (null: nothing). */
    void irqExited(int cpu, Context irq, Context resumed);

    /** On cpu, prev (null: none) is switched out and next (null: none) in. */
    void switched(int cpu, Task prev, Task next);

    /** ctx hands what it did so far to whoever later calls {@link #acquire} on key. */
    void release(Context ctx, SyncPoint key);

    /** ctx takes what was released on key. */
    void acquire(Context ctx, SyncPoint key);

    /** barrier() or an operation that implies one (irq and preemption toggles). */
    void compilerBarrier(Context ctx);

    /**
     * ASSERT_EXCLUSIVE_WRITER (access false, mask -1), ASSERT_EXCLUSIVE_ACCESS (access true,
     * mask -1) or ASSERT_EXCLUSIVE_BITS (access false, the mask) on location loc.
     */
    void assertExclusive(Context ctx, int cpu, int loc, boolean access, long mask, String what);

    /** A seqcount read section begins in ctx (read_seqcount_begin()). */
    void seqReadBegin(Context ctx);

    /** The section ends (read_seqcount_retry()); retry: it said to retry. */
    void seqReadEnd(Context ctx, boolean retry);

    /**
     * The task a context runs as (a hardirq's: the task it interrupted), and whether it is a
     * hardirq: what the detector needs to know of the kernel's contexts.
     */
    static Task taskOf(Context ctx) {
        return ((KernelContext) ctx).task;
    }

    static boolean isHardirq(Context ctx) {
        return ((KernelContext) ctx).kind == ContextKind.HARDIRQ;
    }
}
