package rcusim.kernel.kcsan;

/**
 * The detector's state for one context: a task (its own code and the scheduler running on its
 * behalf share it) or one CPU's hardirq slot (successive interrupts on a CPU are ordered, so
 * they share one clock and the ids stay bounded).
 */
final class ContextState {
    final int id;
    /** "task 12" or "interrupt", as KCSAN's report says. */
    final String who;
    final VectorClock vc = new VectorClock();
    /** Clocks a marked read saw, taken at the context's next acquire, rmb or mb (or null). */
    VectorClock pending;
    /** The clock at the last release-ordering point (wmb, mb, release): what a later marked store carries. */
    VectorClock releaseSnapshot;
    /** An interrupt's clock that ended over this context, taken at its next compiler barrier (or null). */
    VectorClock irqPending;
    /** The open seqcount read section, or null. */
    SeqSection seq;

    ContextState(int id, String who) {
        this.id = id;
        this.who = who;
        vc.set(id, 1);
    }

    long epoch() {
        return vc.get(id);
    }

    /** A compiler barrier: later accesses get a new epoch; an interrupt that ended is now seen. */
    void barrier() {
        vc.tick(id);
        if (irqPending != null) {
            vc.join(irqPending);
            irqPending = null;
        }
    }

    /** An acquire, rmb or mb: clocks marked reads saw since are now taken. */
    void acquirePending() {
        if (pending != null) {
            vc.join(pending);
            pending = null;
        }
    }

    void addPending(VectorClock c) {
        if (c == null) {
            return;
        }
        if (pending == null) {
            pending = c.copy();
        } else {
            pending.join(c);
        }
    }

    /** A release point: a snapshot of everything so far, which later marked stores carry. */
    VectorClock release() {
        VectorClock snap = vc.copy();
        releaseSnapshot = snap;
        vc.tick(id);
        return snap;
    }
}
