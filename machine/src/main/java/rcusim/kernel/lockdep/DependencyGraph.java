package rcusim.kernel.lockdep;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The lock dependency graph: classes are nodes, {@link LockDependency} edges live in each
 * class's locksAfter and locksBefore lists in the order they were learned, so every search
 * visits them in the same order on every run.
 *
 * <p>Searches are breadth-first, so a report shows a shortest path, and follow only strong
 * paths (see {@link LockDependency}). Visited marks are generation stamps on the classes; a
 * class may be visited twice, once reached only through reads and once not, because the
 * second kind of arrival can go further.
 */
final class DependencyGraph {
    private final ArrayDeque<BfsEntry> queue = new ArrayDeque<>();
    private int generation;
    private int edges;

    int size() {
        return edges;
    }

    LockDependency add(LockClass from, LockClass to, int kind, String owner, String fromSite, String toSite) {
        LockDependency d = new LockDependency(from, to, kind, owner, fromSite, toSite);
        from.addAfter(d);
        to.locksBefore.add(d);
        edges++;
        return d;
    }

    /** The first entry, in breadth-first order from root along locksAfter, that matches; or null. */
    BfsEntry searchForwards(LockClass root, boolean rootOnlyRead, Predicate<BfsEntry> match) {
        return search(root, rootOnlyRead, true, match);
    }

    /** As {@link #searchForwards}, against the edges (along locksBefore). */
    BfsEntry searchBackwards(LockClass root, boolean rootOnlyRead, Predicate<BfsEntry> match) {
        return search(root, rootOnlyRead, false, match);
    }

    private BfsEntry search(LockClass root, boolean rootOnlyRead, boolean forwards, Predicate<BfsEntry> match) {
        int gen = ++generation;
        queue.clear();
        mark(root, rootOnlyRead, gen);
        queue.add(new BfsEntry(root, null, null, rootOnlyRead, 0));
        while (!queue.isEmpty()) {
            BfsEntry e = queue.poll();
            if (match.test(e)) {
                queue.clear();
                return e;
            }
            List<LockDependency> deps = forwards ? e.cls().locksAfter : e.cls().locksBefore;
            for (int i = 0; i < deps.size(); i++) {
                LockDependency d = deps.get(i);
                int kinds = d.kinds;
                boolean onlyRead;
                LockClass next;
                if (forwards) {
                    // Reached only as a recursive read: a reader does not wait for readers, so
                    // the path goes on only where this class was then held exclusively.
                    if (e.onlyRead()) {
                        kinds &= LockDependency.EN | LockDependency.ER;
                    }
                    onlyRead = (kinds & (LockDependency.EN | LockDependency.SN)) == 0;
                    next = d.to;
                } else {
                    if (e.onlyRead()) {
                        kinds &= LockDependency.EN | LockDependency.SN;
                    }
                    onlyRead = (kinds & (LockDependency.EN | LockDependency.ER)) == 0;
                    next = d.from;
                }
                if (kinds == 0 || !mark(next, onlyRead, gen)) {
                    continue;
                }
                queue.add(new BfsEntry(next, e, d, onlyRead, e.depth() + 1));
            }
        }
        return null;
    }

    /** Marks c as reached in this search; false if it was already reached at least as well. */
    private static boolean mark(LockClass c, boolean onlyRead, int gen) {
        if (c.bfsSeenAny == gen || (onlyRead && c.bfsSeenReadOnly == gen)) {
            return false;
        }
        if (onlyRead) {
            c.bfsSeenReadOnly = gen;
        } else {
            c.bfsSeenAny = gen;
        }
        return true;
    }
}
