package rcusim.kernel.lockdep;

import java.util.ArrayList;
import java.util.List;

/**
 * A class reached by a breadth-first search of the dependency graph, and how (the kernel's
 * lock_list as a search node): the parent entry and the edge that led here.
 *
 * @param onlyRead forwards: every strong path found so far takes {@code cls} as a recursive
 *     read on its last edge; backwards: every such path holds {@code cls} for read on its
 *     first edge. Either way the path may only go on through an edge that uses {@code cls}
 *     the other way (the kernel's only_xr).
 */
record BfsEntry(LockClass cls, BfsEntry parent, LockDependency dep, boolean onlyRead, int depth) {
    /** The usage bits of {@code cls} that count on this path: write bits only if it is only read here. */
    int usage() {
        return onlyRead ? cls.usageMask & LockUsageBit.WRITE_ALL : cls.usageMask;
    }

    /** The edges from the root to here, in the order the search took them. */
    List<LockDependency> edgesFromRoot() {
        List<LockDependency> r = new ArrayList<>(depth);
        for (BfsEntry e = this; e.parent != null; e = e.parent) {
            r.add(0, e.dep);
        }
        return r;
    }
}
