package rcusim.litmus.axiom;

/**
 * The checks of the kernel's tools/memory-model (linux-kernel.cat with linux-kernel.bell and
 * lock.cat, the "lkmmv2" files herd7 7.58 runs) on one candidate execution whose rf and co are
 * chosen and already coherent and atomic per location (the search checks those as it chooses
 * them): happens-before, propagation, the RCU axiom, plain-coherence, and the data-race flag.
 * Relation names follow the cat file.
 */
final class LkmmModel {
    /** The verdict on one candidate. */
    enum Check { FORBIDDEN, ALLOWED, ALLOWED_RACY }

    private LkmmModel() {
    }

    /** The relations the plain-access part reuses. */
    record Core(BitRel rf, BitRel co, BitRel fr, BitRel rfe, BitRel hb, BitRel pb, BitRel rb, BitRel rcuFence,
                BitRel strongFence, BitRel nonrwFence, BitRel fence, BitRel cumulFence, BitRel addr,
                BitRel rmwSequence) {
    }

    static Check check(Skeleton s, BitRel rf, BitRel co) {
        int n = s.n;
        long[] mk = s.marked;
        BitRel rfe = rf.inter(s.ext);
        BitRel rfi = rf.inter(s.intRel);
        BitRel fr = rf.inverse().seq(co);
        BitRel overwrite = co.union(fr);

        // the bell's carry-dep: dependencies carried through a store and a read of it in the same thread
        BitRel addr = s.addr;
        BitRel data = s.data;
        BitRel ctrl = s.ctrl;
        long[] notSrcuUnlock = EventSet.complement(s.srcuUnlock, n);
        BitRel carryStep = s.data.restrict(null, notSrcuUnlock).seq(rfi);
        if (!carryStep.isEmpty()) {
            BitRel carry = carryStep.star();
            addr = carry.seq(addr);
            data = carry.seq(data);
            ctrl = carry.seq(ctrl);
        }

        BitRel poUnlockLockPo = s.poUnlockPoLockPo.union(s.poUl.seq(rf).seq(s.lkrPo));
        BitRel mb = s.mbStatic;
        if (s.hasAfterUnlockLock) {
            mb = mb.union(poUnlockLockPo.restrict(s.M, null).seq(s.afterUnlockLockPo));
        }
        BitRel strongFence = mb.union(s.gp);
        BitRel nonrwFence = strongFence.union(s.poRel).union(s.acqPo);
        BitRel fence = nonrwFence.union(s.wmb).union(s.rmb);

        BitRel dep = addr.union(data);
        BitRel rwdep = dep.union(ctrl).restrict(null, s.W);
        BitRel toW = rwdep.union(overwrite.inter(s.intRel)).union(addr.restrict(null, s.plain).seq(s.wmb));
        BitRel toR = addr.restrict(null, s.R).union(dep.restrict(null, mk).seq(rfi));
        BitRel ppo = toR.union(toW).union(fence.inter(s.intRel)).union(poUnlockLockPo.inter(s.intRel));

        BitRel rmwSequence = rf.seq(s.rmw).star();
        BitRel strongOrRel = strongFence.union(s.poRel);
        BitRel aCumul = strongOrRel.union(rfe.restrict(null, mk).seq(strongOrRel));
        BitRel cumulFence = aCumul.union(s.wmb).union(poUnlockLockPo).restrict(mk, mk).seq(rmwSequence);
        BitRel prop = overwrite.inter(s.ext).opt().restrict(mk, null).seq(cumulFence.star()).restrict(null, mk)
                .seq(rfe.opt()).restrict(null, mk);
        BitRel propNotId = prop.copy();
        for (int i = 0; i < n; i++) {
            propNotId.bits[i * propNotId.w + (i >>> 6)] &= ~(1L << i);
        }
        BitRel hb = ppo.union(rfe).union(propNotId.inter(s.intRel)).restrict(mk, mk);
        if (!hb.acyclic()) {
            return Check.FORBIDDEN;
        }
        BitRel hbStar = hb.star();
        BitRel pb = prop.seq(strongFence).seq(hbStar).restrict(null, mk);
        if (!pb.acyclic()) {
            return Check.FORBIDDEN;
        }
        BitRel rcuFence = null;
        BitRel rb = null;
        if (s.hasRcu) {
            BitRel pbStar = pb.star();
            BitRel link = s.po.opt().seq(hbStar).seq(pbStar).seq(prop).seq(s.po);
            BitRel order = rcuOrder(s, link, srcuRscs(s, data, rf));
            rcuFence = s.po.seq(order).seq(s.po.opt());
            rb = prop.seq(rcuFence).seq(hbStar).seq(pbStar).restrict(null, mk);
            if (!rb.irreflexive()) {
                return Check.FORBIDDEN;
            }
        }
        if (!s.hasPlain) {
            return Check.ALLOWED;
        }
        return PlainAccesses.check(s, new Core(rf, co, fr, rfe, hb, pb, rb, rcuFence, strongFence, nonrwFence, fence,
                cumulFence, addr, rmwSequence));
    }

    /**
     * The bell's srcu-rscs: an srcu_read_lock matched with the srcu_read_unlock that passes on
     * the index it returned (a data dependency, possibly through memory), same srcu_struct.
     */
    private static BitRel srcuRscs(Skeleton s, BitRel data, BitRel rf) {
        if (!s.hasSrcu) {
            return new BitRel(s.n);
        }
        long[] notSrcuUnlock = EventSet.complement(s.srcuUnlock, s.n);
        BitRel carry = data.restrict(null, notSrcuUnlock).seq(rf).star();
        return carry.restrict(s.srcuLock, null).seq(data).restrict(null, s.srcuUnlock).inter(s.loc);
    }

    /**
     * rcu-order: the least fixpoint of the cat file's recursive definition. It relates only
     * grace periods and critical-section ends, so it is computed over those events alone.
     */
    private static BitRel rcuOrder(Skeleton s, BitRel fullLink, BitRel srcuRscs) {
        int[] idx = s.rcuEvents;
        int n = idx.length;
        BitRel link = fullLink.project(idx);
        BitRel loc = s.loc.project(idx);
        BitRel gp = BitRel.id(s.n, s.syncRcu).project(idx);
        BitRel sgp = BitRel.id(s.n, s.syncSrcu).project(idx);
        BitRel rscsi = s.rcuRscs.inverse().project(idx);
        BitRel srscsi = srcuRscs.inverse().project(idx);
        BitRel f = gp.union(sgp)
                .union(gp.seq(link).seq(rscsi))
                .union(sgp.seq(link).seq(srscsi).inter(loc))
                .union(rscsi.seq(link).seq(gp))
                .union(srscsi.seq(link).seq(sgp).inter(loc));
        while (true) {
            BitRel lfl = link.seq(f).seq(link);
            BitRel next = f.union(gp.seq(lfl).seq(rscsi))
                    .union(sgp.seq(lfl).seq(srscsi).inter(loc))
                    .union(rscsi.seq(lfl).seq(gp))
                    .union(srscsi.seq(lfl).seq(sgp).inter(loc))
                    .union(f.seq(link).seq(f));
            if (next.equals(f)) {
                return f.lift(s.n, idx);
            }
            f = next;
        }
    }
}
