package rcusim.litmus.axiom;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a candidate execution fixed by the choice of one run per thread: the events
 * (initial writes first, then each thread's in program order), program order, dependencies,
 * the RMW pairs, RCU and SRCU critical sections, and the event sets and fence relations of
 * linux-kernel.cat that do not depend on rf or co.
 */
final class Skeleton {
    final int n;
    final Ev[] ev;
    /** Thread of each event, -1 for the initial writes. */
    final int[] thread;
    final ThreadRun[] runs;
    final int locations;

    final long[] R;
    final long[] W;
    final long[] M;
    final long[] plain;
    final long[] marked;
    final long[] iw;
    final long[] acquire;
    final long[] release;
    final long[] r4rmb;
    final long[] notNoreturn;
    final long[] lkw;
    final long[] ul;
    final long[] lkr;
    final long[] srcuUnlock;

    final BitRel po;
    final BitRel loc;
    final BitRel intRel;
    final BitRel ext;
    final BitRel poLoc;
    final BitRel rmw;
    final BitRel addr;
    final BitRel data;
    final BitRel ctrl;
    /** fencerel(Rmb) etc. */
    final BitRel fenceRmb;
    final BitRel rmb;
    final BitRel wmb;
    /** mb without its unlock+lock term, which needs co. */
    final BitRel mbStatic;
    final BitRel gp;
    final BitRel poRel;
    final BitRel acqPo;
    /** po ; [UL] and [LKR] ; po, for po-unlock-lock-po = po ; [UL] ; (po | rf) ; [LKR] ; po. */
    final BitRel poUl;
    final BitRel lkrPo;
    final BitRel poUnlockPoLockPo;
    /** [After-unlock-lock] ; po ; [M]. */
    final BitRel afterUnlockLockPo;
    final boolean hasAfterUnlockLock;
    final boolean hasSrcu;
    final long[] srcuLock;
    final boolean hasPlain;
    final boolean hasRcu;
    final BitRel rcuRscs;
    final long[] syncRcu;
    /** Grace periods and RCU/SRCU critical-section ends: the events rcu-order relates. */
    final int[] rcuEvents;
    final long[] syncSrcu;

    Skeleton(long[] init, ThreadRun[] runs) {
        this.runs = runs;
        this.locations = init.length;
        List<Ev> all = new ArrayList<>();
        List<Integer> th = new ArrayList<>();
        for (int l = 0; l < init.length; l++) {
            all.add(new Ev(Ev.W, l, init[l], Tag.INIT | Tag.ONCE, 0, 0, 0, -1, null));
            th.add(-1);
        }
        int[] base = new int[runs.length];
        for (int t = 0; t < runs.length; t++) {
            base[t] = all.size();
            for (Ev e : runs[t].events()) {
                all.add(e);
                th.add(t);
            }
        }
        n = all.size();
        ev = all.toArray(Ev[]::new);
        thread = th.stream().mapToInt(Integer::intValue).toArray();

        R = set(e -> e.read());
        W = set(e -> e.write());
        M = EventSet.union(R, W);
        plain = set(e -> e.is(Tag.PLAIN));
        marked = EventSet.complement(plain, n);
        iw = set(e -> e.is(Tag.INIT));
        acquire = set(e -> e.is(Tag.ACQUIRE | Tag.LKR));
        release = set(e -> e.is(Tag.RELEASE | Tag.UL));
        r4rmb = set(e -> e.read() && !e.is(Tag.NORETURN));
        notNoreturn = set(e -> !e.is(Tag.NORETURN));
        lkw = set(e -> e.is(Tag.LKW));
        ul = set(e -> e.is(Tag.UL));
        lkr = set(e -> e.is(Tag.LKR));
        srcuUnlock = set(e -> e.is(Tag.SRCU_UNLOCK));
        hasPlain = !EventSet.isEmpty(plain);

        po = new BitRel(n);
        loc = new BitRel(n);
        intRel = new BitRel(n);
        ext = new BitRel(n);
        rmw = new BitRel(n);
        addr = new BitRel(n);
        data = new BitRel(n);
        ctrl = new BitRel(n);
        // rows by thread range and by location: events of a thread are contiguous, po is index order
        int w = po.w;
        long[][] byLoc = new long[locations][];
        for (int i = 0; i < n; i++) {
            int l = ev[i].loc();
            if (l >= 0) {
                if (byLoc[l] == null) {
                    byLoc[l] = EventSet.empty(n);
                }
                EventSet.add(byLoc[l], i);
            }
        }
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || thread[i] != thread[i - 1]) {
                start = i;
            }
            int end = i;
            while (end + 1 < n && thread[end + 1] == thread[i]) {
                end++;
            }
            if (thread[i] >= 0) {
                for (int j = start; j <= end; j++) {
                    intRel.add(i, j);
                    if (j > i) {
                        po.add(i, j);
                    }
                }
            } else {
                intRel.add(i, i);
            }
            for (int k = 0; k < w; k++) {
                long every = k == w - 1 && (n & 63) != 0 ? (1L << (n & 63)) - 1 : -1L;
                ext.bits[i * w + k] = every & ~intRel.bits[i * w + k];
            }
            if (ev[i].loc() >= 0) {
                System.arraycopy(byLoc[ev[i].loc()], 0, loc.bits, i * w, w);
            }
        }
        poLoc = po.inter(loc);
        for (int t = 0; t < runs.length; t++) {
            List<Ev> es = runs[t].events();
            for (int j = 0; j < es.size(); j++) {
                Ev e = es.get(j);
                int g = base[t] + j;
                if (e.partner() > j) {
                    rmw.add(g, base[t] + e.partner());
                }
                deps(addr, e.addrDeps(), es, base[t], g);
                deps(data, e.dataDeps(), es, base[t], g);
                deps(ctrl, e.ctrlDeps(), es, base[t], g);
            }
        }

        fenceRmb = fencerel(Tag.RMB);
        rmb = fenceRmb.restrict(r4rmb, r4rmb);
        wmb = fencerel(Tag.WMB).restrict(W, W);
        long[] rmwSet = set(e -> e.is(Tag.RMW));
        BitRel mb = fencerel(Tag.MB).restrict(M, M);
        BitRel poOpt = po.opt();
        // fully ordered RMWs: their read and write carry Mb (everything before the read, after the write)
        mb.unionInPlace(po.restrict(M, EventSet.intersect(set(e -> e.is(Tag.MB_ACCESS)), R)));
        mb.unionInPlace(po.restrict(EventSet.intersect(set(e -> e.is(Tag.MB_ACCESS)), W), M));
        mb.unionInPlace(fencerel(Tag.BEFORE_ATOMIC).restrict(M, rmwSet).seq(poOpt).restrict(null, M));
        mb.unionInPlace(poOpt.restrict(M, rmwSet).seq(fencerel(Tag.AFTER_ATOMIC)).restrict(null, M));
        mb.unionInPlace(poOpt.restrict(M, lkw).seq(fencerel(Tag.AFTER_SPINLOCK)).restrict(null, M));
        srcuLock = set(e -> e.is(Tag.SRCU_LOCK));
        mb.unionInPlace(poOpt.restrict(M, srcuUnlock).seq(fencerel(Tag.AFTER_SRCU_UNLOCK)).restrict(null, M));
        mbStatic = mb;
        hasAfterUnlockLock = any(Tag.AFTER_UNLOCK_LOCK);
        afterUnlockLockPo = po.restrict(set(e -> e.is(Tag.AFTER_UNLOCK_LOCK)), M);
        poUl = po.restrict(null, ul);
        lkrPo = po.restrict(lkr, null);
        poUnlockPoLockPo = poUl.seq(po).restrict(null, lkr).seq(po);
        hasSrcu = any(Tag.SRCU_LOCK | Tag.SRCU_UNLOCK | Tag.SYNC_SRCU);
        long[] syncs = set(e -> e.is(Tag.SYNC_RCU | Tag.SYNC_SRCU));
        gp = po.restrict(null, syncs).seq(poOpt);
        poRel = po.restrict(M, release);
        acqPo = po.restrict(acquire, M);
        syncRcu = set(e -> e.is(Tag.SYNC_RCU));
        syncSrcu = set(e -> e.is(Tag.SYNC_SRCU));
        hasRcu = any(Tag.SYNC_RCU | Tag.SYNC_SRCU | Tag.RCU_LOCK | Tag.SRCU_LOCK);
        int rcuTags = Tag.SYNC_RCU | Tag.SYNC_SRCU | Tag.RCU_LOCK | Tag.RCU_UNLOCK | Tag.SRCU_LOCK | Tag.SRCU_UNLOCK;
        rcuEvents = java.util.stream.IntStream.range(0, n).filter(i -> ev[i].is(rcuTags)).toArray();
        rcuRscs = new BitRel(n);
        if (hasRcu) {
            for (int t = 0; t < runs.length; t++) {
                matchCriticalSections(t, base[t]);
            }
        }
    }

    private boolean any(int tag) {
        for (Ev e : ev) {
            if (e.is(tag)) {
                return true;
            }
        }
        return false;
    }

    private interface EvTest {
        boolean test(Ev e);
    }

    private long[] set(EvTest p) {
        long[] s = EventSet.empty(n);
        for (int i = 0; i < n; i++) {
            if (p.test(ev[i])) {
                EventSet.add(s, i);
            }
        }
        return s;
    }

    /** Dependency edges from the thread's reads named in mask to event g. */
    private static void deps(BitRel rel, long mask, List<Ev> es, int base, int g) {
        while (mask != 0) {
            int j = Long.numberOfTrailingZeros(mask);
            mask &= mask - 1;
            if (es.get(j).read()) {
                rel.add(base + j, g);
            }
        }
    }

    /** po ; [T] ; po: pairs with a fence tagged T between them. */
    BitRel fencerel(int tag) {
        BitRel r = new BitRel(n);
        int w = r.w;
        for (int f = 0; f < n; f++) {
            if (!ev[f].is(tag)) {
                continue;
            }
            // po is within a thread and by index: the events before f in its thread, then its successors
            for (int a = f - 1; a >= 0 && thread[a] == thread[f]; a--) {
                for (int k = 0; k < w; k++) {
                    r.bits[a * w + k] |= po.bits[f * w + k];
                }
            }
        }
        return r;
    }

    /** rcu-rscs: each rcu_read_unlock matched with the innermost open rcu_read_lock (the bell file's nesting). */
    private void matchCriticalSections(int t, int base) {
        List<Ev> es = runs[t].events();
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int j = 0; j < es.size(); j++) {
            Ev e = es.get(j);
            if (e.is(Tag.RCU_LOCK)) {
                open.push(j);
            } else if (e.is(Tag.RCU_UNLOCK) && !open.isEmpty()) {
                rcuRscs.add(base + open.pop(), base + j);
            }
        }
    }
}
