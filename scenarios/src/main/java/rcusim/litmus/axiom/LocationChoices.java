package rcusim.litmus.axiom;

import java.util.ArrayList;
import java.util.List;

/**
 * The ways one location's rf and co can be chosen in a candidate, each already coherent
 * (no CoWW, CoRW, CoWR or CoRR shape, which for one location is acyclic(po-loc | com)) and
 * atomic (nothing of another thread between an RMW's read source and its write in co). For a
 * lock, co is an order of the critical sections (lock.cat: the unlock right after its lock,
 * at most one lock never released, and it last); each lock read reads the unlock before it.
 */
final class LocationChoices {
    /** One choice: co as an order of the location's writes, and each read's write. */
    record Choice(int[] order, int[] reads, int[] src) {
    }

    private final Skeleton s;
    private final int loc;
    private final List<Integer> writes = new ArrayList<>();
    private final List<Integer> reads = new ArrayList<>();
    private final List<Choice> out = new ArrayList<>();
    private int[] pos;
    private int[] order;

    private LocationChoices(Skeleton s, int loc) {
        this.s = s;
        this.loc = loc;
    }

    /** Every coherent, atomic choice for location loc, in a fixed order. */
    static List<Choice> of(Skeleton s, int loc) {
        LocationChoices c = new LocationChoices(s, loc);
        c.build();
        return c.out;
    }

    private boolean lockLocation;

    private void build() {
        pos = new int[s.n];
        for (int i = 0; i < s.n; i++) {
            Ev e = s.ev[i];
            if (e.loc() != loc || e.kind() == Ev.F) {
                continue;
            }
            if (e.is(Tag.LOCK_EVENTS)) {
                lockLocation = true;
            }
            if (e.write()) {
                writes.add(i);
            } else {
                reads.add(i);
            }
        }
        if (lockLocation) {
            buildLock();
        } else {
            order = new int[writes.size()];
            order[0] = writes.get(0);
            boolean[] placed = new boolean[s.n];
            placed[order[0]] = true;
            permute(1, placed);
        }
    }

    // ------------------------------------------------------------ ordinary locations

    /** co orders: the initial write first, then the others consistent with program order. */
    private void permute(int k, boolean[] placed) {
        if (k == order.length) {
            for (int i = 0; i < order.length; i++) {
                pos[order[i]] = i;
            }
            chooseReads(0, new int[reads.size()]);
            return;
        }
        for (int w : writes) {
            if (placed[w] || !poPredecessorsPlaced(w, placed)) {
                continue;
            }
            placed[w] = true;
            order[k] = w;
            permute(k + 1, placed);
            placed[w] = false;
        }
    }

    private boolean poPredecessorsPlaced(int w, boolean[] placed) {
        for (int v : writes) {
            if (v != w && !placed[v] && s.po.has(v, w)) {
                return false;
            }
        }
        return true;
    }

    private void chooseReads(int k, int[] src) {
        if (k == reads.size()) {
            out.add(new Choice(order.clone(), reads.stream().mapToInt(Integer::intValue).toArray(), src.clone()));
            return;
        }
        int r = reads.get(k);
        for (int w : candidates(r, s.ev[r])) {
            src[k] = w;
            if (coherent(k, w, src)) {
                chooseReads(k + 1, src);
            }
        }
    }

    private List<Integer> candidates(int r, Ev re) {
        List<Integer> c = new ArrayList<>();
        if (!lockLocation) {
            for (int w : writes) {
                if (s.ev[w].value() == re.value() && !s.po.has(r, w)) {
                    c.add(w);
                }
            }
            return c;
        }
        if (re.is(Tag.LKR)) {
            int i = pos[r + 1]; // its LKW is the next event
            if (i > 0) {
                c.add(order[i - 1]);
            }
            return c;
        }
        if (re.is(Tag.LF | Tag.RL)) {
            if (re.is(Tag.IN_OWN_CS)) {
                int own = -1;
                for (int w : writes) {
                    if (s.ev[w].is(Tag.LKW) && s.po.has(w, r)) {
                        own = w;
                    }
                }
                if (own >= 0) {
                    c.add(own);
                }
                return c;
            }
            for (int w : writes) {
                if (s.ev[w].is(Tag.LKW) && s.thread[w] != s.thread[r]) {
                    c.add(w);
                }
            }
            return c;
        }
        if (re.is(Tag.RU)) {
            // its own last unlock before it, or another thread's unlock, or the initial state
            int own = rfiRu(r);
            if (own >= 0) {
                c.add(own);
            }
            for (int w : writes) {
                if (s.ev[w].is(Tag.UL | Tag.INIT) && s.thread[w] != s.thread[r]) {
                    c.add(w);
                }
            }
            return c;
        }
        throw new ThreadEnumerator.TooLarge("a lock read or written as ordinary memory");
    }

    /** The read's own last unlock before it (lock.cat's possible-rf-ru, internal part), or -1. */
    private int rfiRu(int r) {
        int last = -1;
        for (int w : writes) {
            if (s.po.has(w, r) && s.ev[w].is(Tag.UL)) {
                last = w;
            }
        }
        return last;
    }

    /** Whether read k taking w keeps the location coherent and its RMW atomic. */
    private boolean coherent(int k, int w, int[] src) {
        int r = reads.get(k);
        int pw = pos[w];
        for (int v : writes) {
            if (s.po.has(v, r) && pw < pos[v]) {
                return false; // CoWR
            }
            if (s.po.has(r, v) && pw >= pos[v]) {
                return false; // CoRW
            }
        }
        for (int j = 0; j < k; j++) {
            int r2 = reads.get(j);
            if (!check(r2, src[j], r, w)) {
                return false;
            }
        }
        int partner = s.ev[r].partner();
        if (partner >= 0 && !s.ev[r].is(Tag.LKR)) {
            int wp = r + (partner - localIndex(r)); // partner is a thread-local index
            for (int i = pw + 1; i < pos[wp]; i++) {
                if (s.thread[order[i]] != s.thread[r]) {
                    return false; // atomic: another thread's write between
                }
            }
        }
        return true;
    }

    private int localIndex(int g) {
        int t = s.thread[g];
        int i = g;
        while (i > 0 && s.thread[i - 1] == t) {
            i--;
        }
        return g - i;
    }

    /** CoRR between two reads of one thread. */
    private boolean check(int r2, int w2, int r, int w) {
        if (s.po.has(r2, r)) {
            return pos[w2] <= pos[w];
        }
        if (s.po.has(r, r2)) {
            return pos[w] <= pos[w2];
        }
        return true;
    }

    // ------------------------------------------------------------ locks

    private void buildLock() {
        List<Integer> lkws = new ArrayList<>();
        List<Integer> critical = new ArrayList<>();
        int unmatched = 0;
        boolean[] inCritical = new boolean[s.n];
        for (int w : writes) {
            Ev e = s.ev[w];
            if (e.is(Tag.LKW)) {
                int ul = -1;
                for (int v : writes) {
                    if (s.po.has(w, v)) {
                        if (s.ev[v].is(Tag.UL)) {
                            ul = v;
                        }
                        break;
                    }
                }
                lkws.add(w);
                critical.add(ul);
                if (ul < 0) {
                    unmatched++;
                } else {
                    inCritical[ul] = true;
                }
            } else if (!e.is(Tag.UL | Tag.INIT)) {
                throw new ThreadEnumerator.TooLarge("a lock written as ordinary memory");
            }
        }
        for (int w : writes) {
            if (s.ev[w].is(Tag.UL) && !inCritical[w]) {
                throw new ThreadEnumerator.TooLarge("an unlock of a lock not held");
            }
        }
        if (unmatched > 1) {
            return; // lock.cat's unmatched-locks: the second one deadlocks
        }
        int m = lkws.size();
        int[] perm = new int[m];
        boolean[] used = new boolean[m];
        order = new int[writes.size()];
        lockPermute(0, perm, used, lkws, critical);
    }

    private void lockPermute(int k, int[] perm, boolean[] used, List<Integer> lkws, List<Integer> critical) {
        int m = lkws.size();
        if (k == m) {
            int i = 0;
            order[i++] = writes.get(0);
            for (int p : perm) {
                order[i++] = lkws.get(p);
                if (critical.get(p) >= 0) {
                    order[i++] = critical.get(p);
                }
            }
            for (int j = 0; j < order.length; j++) {
                pos[order[j]] = j;
            }
            chooseReads(0, new int[reads.size()]);
            return;
        }
        for (int p = 0; p < m; p++) {
            if (used[p] || (critical.get(p) < 0 && k != m - 1)) {
                continue;
            }
            boolean ok = true;
            for (int q = 0; q < m; q++) {
                if (!used[q] && q != p && s.po.has(lkws.get(q), lkws.get(p))) {
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            used[p] = true;
            perm[k] = p;
            lockPermute(k + 1, perm, used, lkws, critical);
            used[p] = false;
        }
    }
}
