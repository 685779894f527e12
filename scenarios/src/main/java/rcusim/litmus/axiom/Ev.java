package rcusim.litmus.axiom;

import rcusim.litmus.ast.Pos;

/**
 * One event of a thread's execution: a read, a write or a fence-like marker, with its
 * location (-1 for none; for SRCU markers the srcu_struct's), value and {@link Tag}s. The
 * dependency masks name the thread's earlier events (by index in the thread) that the
 * address, the data written, or a branch before this event depend on.
 */
record Ev(int kind, int loc, long value, int tags, long addrDeps, long dataDeps, long ctrlDeps, int partner,
          Pos pos) {
    static final int R = 1;
    static final int W = 2;
    static final int F = 4;

    boolean is(int tag) {
        return (tags & tag) != 0;
    }

    boolean read() {
        return kind == R;
    }

    boolean write() {
        return kind == W;
    }
}
