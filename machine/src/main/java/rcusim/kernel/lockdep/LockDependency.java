package rcusim.kernel.lockdep;

/**
 * One edge of the dependency graph, {@code from -> to}: some context took {@code to} while
 * holding {@code from} (the kernel's lock_list entry). It remembers the first time it was seen,
 * which is what a report prints, and the kinds of acquisition that produced it.
 *
 * <p>The kinds follow the kernel's recursive-read analysis: the first letter says how
 * {@code from} was held (E exclusive, S shared/read), the second how {@code to} was taken
 * (N normal, R recursive read). A path is only a deadlock ("strong") if no lock on it is taken
 * as a recursive read and then held as a read on the next step.
 */
final class LockDependency {
    static final int EN = 1;
    static final int ER = 2;
    static final int SN = 4;
    static final int SR = 8;

    final LockClass from;
    final LockClass to;
    /** The context and sites of the first acquisition that recorded this edge. */
    final String owner;
    final String fromSite;
    final String toSite;
    final boolean firstFromRead;
    final boolean firstToRead;
    /** Kinds seen so far: a set of EN, ER, SN, SR. */
    int kinds;

    LockDependency(LockClass from, LockClass to, int kind, String owner, String fromSite, String toSite) {
        this.from = from;
        this.to = to;
        this.kinds = kind;
        this.owner = owner;
        this.fromSite = fromSite;
        this.toSite = toSite;
        this.firstFromRead = (kind & (SN | SR)) != 0;
        this.firstToRead = (kind & (ER | SR)) != 0;
    }

    static int kind(boolean fromRead, boolean toRead) {
        return 1 << ((fromRead ? 2 : 0) + (toRead ? 1 : 0));
    }

    /** The first acquisition of this edge, the way a lockdep trace would show it. */
    String trace(String indent) {
        return indent + (firstToRead ? "rlock(" : "lock(") + to + ") at " + toSite + "\n"
                + indent + "with (" + from + ") held" + (firstFromRead ? " for read" : "") + ", taken at " + fromSite
                + "\n" + indent + "by " + owner + "\n";
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
