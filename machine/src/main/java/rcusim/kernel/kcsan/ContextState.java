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
    /** Whether an access was recorded at the current epoch (a barrier must then advance it). */
    private boolean accessed;
    /** Whether the clock or the accesses changed since {@link #releaseSnapshot} was taken. */
    private boolean changed = true;

    ContextState(int id, String who) {
        this.id = id;
        this.who = who;
        vc.set(id, 1);
    }

    long epoch() {
        return vc.get(id);
    }

    /** An access is recorded at the current epoch. */
    void accessed() {
        accessed = true;
        changed = true;
    }

    /** Takes o into the clock (an acquire). */
    void join(VectorClock o) {
        if (vc.join(o)) {
            changed = true;
        }
    }

    /**
     * A compiler barrier: later accesses get a new epoch (when there were accesses at this
     * one: an epoch without accesses needs no successor); an interrupt that ended is now seen.
     */
    void barrier() {
        if (accessed) {
            vc.tick(id);
            accessed = false;
        }
        if (irqPending != null) {
            join(irqPending);
            irqPending = null;
        }
    }

    /** An acquire, rmb or mb: clocks marked reads saw since are now taken. */
    void acquirePending() {
        if (pending != null) {
            join(pending);
            pending = null;
        }
    }

    /** As {@link VectorClock#joinCapped} into the clock. */
    void joinCapped(VectorClock o, int skip, long cap) {
        vc.joinCapped(o, skip, cap);
        changed = true;
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
        if (!changed && releaseSnapshot != null) {
            return releaseSnapshot; // nothing new since the last one: share it
        }
        VectorClock snap = vc.copy();
        releaseSnapshot = snap;
        vc.tick(id);
        accessed = false;
        changed = false;
        return snap;
    }

    /** Advances the epoch (a hand-off outside memory: what follows is not part of it). */
    void tick() {
        vc.tick(id);
        accessed = false;
        changed = true;
    }
}
