package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gp_seq encoding and its wrap-safe helpers against hand-worked values. */
class RcuSeqTest {
    private static final long K = 4 * 1000; // some idle value 4k

    @Test
    void initialIsThreeHundredGracePeriodsBeforeTheWrap() {
        assertEquals(0xFFFF_FFFF_FFFF_FB50L, RcuSeq.INITIAL);
        assertEquals(0, RcuSeq.state(RcuSeq.INITIAL));
        assertEquals((1L << 62) - 300, RcuSeq.ctr(RcuSeq.INITIAL));
        assertEquals(0, RcuSeq.INITIAL + 300 * RcuSeq.GP);
    }

    @Test
    void startingAtPutsTheWrapThatManyGracePeriodsAhead() {
        assertEquals(RcuSeq.INITIAL, RcuSeq.startingAt(RcuSeq.KERNEL_START_GPS));
        long s = RcuSeq.startingAt(2);
        assertEquals(-8, s);
        long first = RcuSeq.end(RcuSeq.start(s));
        long second = RcuSeq.end(RcuSeq.start(first));
        assertFalse(RcuSeq.crossedWrap(s, first));
        assertTrue(RcuSeq.crossedWrap(first, second));
        assertEquals(0, second);
        assertThrows(IllegalArgumentException.class, () -> RcuSeq.startingAt(-1));
    }

    /** A snapshot past the wrap, checked before it: ULONG_CMP_GE waits, a plain >= does not. */
    @Test
    void aPlainUnsignedCompareIsWrongOnlyAcrossTheWrap() {
        long cur = RcuSeq.start(RcuSeq.startingAt(1)); // -3: the last GP before the wrap, in progress
        long snap = RcuSeq.snap(cur); // 4: the end of the GP after it, past the wrap
        assertEquals(4, snap);
        assertFalse(RcuSeq.done(cur, snap));
        assertTrue(RcuSeq.doneWrapUnsafe(cur, snap));
        assertEquals(RcuSeq.done(K, K + 4), RcuSeq.doneWrapUnsafe(K, K + 4));
        assertEquals(RcuSeq.done(K + 8, K + 4), RcuSeq.doneWrapUnsafe(K + 8, K + 4));
    }

    @Test
    void startThenEndMovesIdleToRunningToNextIdle() {
        long s = RcuSeq.start(K);
        assertEquals(K + 1, s);
        assertEquals(1, RcuSeq.state(s));
        assertEquals(K + 4, RcuSeq.endval(s));
        assertEquals(K + 4, RcuSeq.end(s));
        assertEquals(0, RcuSeq.state(RcuSeq.end(s)));
        assertEquals(RcuSeq.ctr(K) + 1, RcuSeq.ctr(RcuSeq.end(s)));
        assertEquals(K + 2, RcuSeq.setState(K + 1, 2));
        assertEquals(K, RcuSeq.setState(K + 3, 0));
        assertThrows(IllegalArgumentException.class, () -> RcuSeq.setState(K, 4));
    }

    @Test
    void snapWaitsForTheNextFullGracePeriod() {
        assertEquals(K + 4, RcuSeq.snap(K));       // idle: the next GP will do
        assertEquals(K + 8, RcuSeq.snap(K + 1));   // running: it may predate us, so the one after
        assertEquals(K + 8, RcuSeq.snap(K + 2));
        assertEquals(K + 8, RcuSeq.snap(K + 3));
        assertEquals(0, RcuSeq.snap(-4));          // across the unsigned wrap
        assertEquals(4, RcuSeq.snap(-3));
        assertEquals(K, RcuSeq.current(K));
    }

    @Test
    void unsignedComparisonsAreWrapSafe() {
        assertTrue(RcuSeq.cmpGe(0, -4));
        assertTrue(RcuSeq.cmpLt(-4, 0));
        assertTrue(RcuSeq.cmpGe(Long.MIN_VALUE, Long.MAX_VALUE)); // 2^63 follows 2^63-1
        assertTrue(RcuSeq.cmpGe(5, 5));
        assertFalse(RcuSeq.cmpLt(5, 5));
        // Exactly half the space apart: GE holds one way only (ULONG_MAX/2 >= a-b).
        assertTrue(RcuSeq.cmpGe(Long.MAX_VALUE, 0));
        assertFalse(RcuSeq.cmpGe(Long.MIN_VALUE, 0));
    }

    @Test
    void doneFollowsEverySnapshotAcrossTheWrap() {
        long gp = RcuSeq.INITIAL;
        boolean crossed = false;
        for (int i = 0; i < 600; i++) {
            long idleSnap = RcuSeq.snap(gp);
            long running = RcuSeq.start(gp);
            long runningSnap = RcuSeq.snap(running);
            assertFalse(RcuSeq.done(gp, idleSnap));
            assertFalse(RcuSeq.done(running, idleSnap));
            assertFalse(RcuSeq.done(running, runningSnap));
            long ended = RcuSeq.end(running);
            assertTrue(RcuSeq.done(ended, idleSnap));
            assertFalse(RcuSeq.done(ended, runningSnap), "one GP is not enough for a snapshot taken mid-GP");
            long ended2 = RcuSeq.end(RcuSeq.start(ended));
            assertTrue(RcuSeq.done(ended2, runningSnap));
            assertTrue(RcuSeq.doneExact(ended2, runningSnap));
            crossed |= Long.compareUnsigned(ended, gp) < 0;
            gp = ended;
        }
        assertTrue(crossed, "the run went past unsigned zero");
    }

    @Test
    void doneExactTreatsFarBehindAsWrapped() {
        long s = RcuSeq.snap(RcuSeq.INITIAL);
        assertTrue(RcuSeq.doneExact(s, s));
        assertFalse(RcuSeq.doneExact(s - 1, s));
        assertFalse(RcuSeq.doneExact(s - RcuSeq.DONE_EXACT_GUARD, s));
        assertTrue(RcuSeq.doneExact(s - RcuSeq.DONE_EXACT_GUARD - 1, s));
        assertFalse(RcuSeq.done(s - 12, s));
        assertTrue(RcuSeq.doneExact(s - 12, s));
        // A fresh snapshot is never mistaken for wrapped: snap() is at most 7 ahead.
        for (long cur = K; cur < K + 4; cur++) {
            assertFalse(RcuSeq.doneExact(cur, RcuSeq.snap(cur)));
        }
    }

    @Test
    void startedTruthTable() {
        long idleSnap = RcuSeq.snap(K);          // K+4
        assertFalse(RcuSeq.started(K, idleSnap));
        assertTrue(RcuSeq.started(K + 1, idleSnap));
        assertTrue(RcuSeq.started(K + 4, idleSnap));
        long runSnap = RcuSeq.snap(K + 1);       // K+8
        assertFalse(RcuSeq.started(K + 1, runSnap));
        assertFalse(RcuSeq.started(K + 4, runSnap));
        assertTrue(RcuSeq.started(K + 5, runSnap));
        assertFalse(RcuSeq.started(-4, RcuSeq.snap(-4)));
        assertTrue(RcuSeq.started(-3, RcuSeq.snap(-4)));
    }

    @Test
    void completedGpTruthTable() {
        assertFalse(RcuSeq.completedGp(K, K));
        assertFalse(RcuSeq.completedGp(K, K + 1));
        assertTrue(RcuSeq.completedGp(K, K + 4));
        assertFalse(RcuSeq.completedGp(K + 1, K + 1));
        assertTrue(RcuSeq.completedGp(K + 1, K + 4));
        assertTrue(RcuSeq.completedGp(K + 1, K + 5));
        assertTrue(RcuSeq.completedGp(-3, 0));
        assertTrue(RcuSeq.completedGp(-4, 1));
        assertFalse(RcuSeq.completedGp(-4, -3));
    }

    @Test
    void newGpTruthTable() {
        assertFalse(RcuSeq.newGp(K, K));
        assertTrue(RcuSeq.newGp(K, K + 1));
        assertTrue(RcuSeq.newGp(K, K + 4));
        assertFalse(RcuSeq.newGp(K + 1, K + 1));
        assertFalse(RcuSeq.newGp(K + 1, K + 4));
        assertTrue(RcuSeq.newGp(K + 1, K + 5));
        assertTrue(RcuSeq.newGp(-4, -3));
        assertFalse(RcuSeq.newGp(-3, 0));
        assertTrue(RcuSeq.newGp(-3, 1));
    }

    @Test
    void diffCountsGracePeriodsPlusPartialOnes() {
        assertEquals(0, RcuSeq.diff(K, K));
        assertEquals(1, RcuSeq.diff(K + 1, K));
        assertEquals(1, RcuSeq.diff(K + 5, K + 1));
        assertEquals(2, RcuSeq.diff(K + 4, K));
        assertEquals(1, RcuSeq.diff(K + 4, K + 1)); // that GP began at K+1: not a whole one between
        assertEquals(2, RcuSeq.diff(K + 5, K));
        assertEquals(3, RcuSeq.diff(K + 8, K));
        assertEquals(2, RcuSeq.diff(K + 9, K + 1));
        assertEquals(RcuSeq.diff(8, 0), RcuSeq.diff(4, -4));
        assertEquals(RcuSeq.diff(K + 13, K + 1), RcuSeq.diff(9, -3));
    }
}
