package rcusim.litmus.axiom;

/**
 * The plain-access part of linux-kernel.cat: the plain-coherence axiom and the data-race
 * flag, evaluated on a candidate that passed the other axioms. As in the cat file, fence and
 * strong-fence here include rcu-fence.
 */
final class PlainAccesses {
    private PlainAccesses() {
    }

    static LkmmModel.Check check(Skeleton s, LkmmModel.Core c) {
        int n = s.n;
        long[] mk = s.marked;
        BitRel xb = c.hb().union(c.pb());
        BitRel fence = c.fence();
        BitRel strongFence = c.strongFence();
        if (c.rb() != null) {
            xb = xb.union(c.rb());
            fence = fence.union(c.rcuFence());
            strongFence = strongFence.union(c.rcuFence());
        }
        BitRel xbstar = xb.star();
        BitRel vis = c.cumulFence().star().seq(c.rfe().opt()).restrict(null, mk)
                .seq(strongFence.restrict(null, mk).seq(xbstar).union(xbstar.inter(s.intRel)));
        BitRel idMarked = BitRel.id(n, mk);
        BitRel wPre = idMarked.union(c.addr().union(fence).restrict(mk, null));
        BitRel rmbPre = s.fenceRmb.restrict(s.r4rmb, s.notNoreturn);
        BitRel rPre = idMarked.union(c.addr().union(c.nonrwFence()).union(rmbPre).restrict(mk, null));
        BitRel wPost = fence.opt().restrict(null, mk).seq(c.rmwSequence());
        BitRel rmbPost = s.fenceRmb.restrict(s.notNoreturn, s.r4rmb);
        BitRel rPost = c.nonrwFence().union(rmbPost).opt().restrict(null, mk);

        BitRel sfx = strongFence.seq(xbstar);
        BitRel wwVis = fence.union(sfx.seq(wPre)).union(wPost.seq(vis).seq(wPre));
        BitRel wrVis = fence.union(sfx.seq(rPre)).union(wPost.seq(vis).seq(rPre));
        BitRel rwXbstar = fence.union(rPost.seq(xbstar).seq(wPre));

        long[] mNotIw = EventSet.minus(s.M, s.iw);
        BitRel preRace = BitRel.product(n, s.plain, s.M).union(BitRel.product(n, mNotIw, s.plain)).inter(s.ext);

        if (!preRace.inter(c.rf()).inter(rwXbstar.inverse()).isEmpty()
                || !preRace.inter(c.fr()).inter(wrVis.inverse()).isEmpty()
                || !preRace.inter(c.co()).inter(wwVis.inverse()).isEmpty()) {
            return LkmmModel.Check.FORBIDDEN;
        }
        BitRel wwNonrace = wwVis.inter(BitRel.product(n, mk, s.W).union(rwXbstar))
                .inter(BitRel.product(n, s.W, mk).union(wrVis));
        BitRel wwRace = preRace.inter(c.co()).minus(wwNonrace);
        BitRel wrRace = preRace.inter(c.co().opt().seq(c.rf())).minus(wrVis).minus(rwXbstar.inverse());
        BitRel rwRace = preRace.inter(c.fr()).minus(rwXbstar);
        boolean race = !wwRace.isEmpty() || !wrRace.isEmpty() || !rwRace.isEmpty();
        return race ? LkmmModel.Check.ALLOWED_RACY : LkmmModel.Check.ALLOWED;
    }
}
