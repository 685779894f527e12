package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rcusim.rcu.RcuSegcblist.DONE;
import static rcusim.rcu.RcuSegcblist.NEXT;
import static rcusim.rcu.RcuSegcblist.NEXT_READY;
import static rcusim.rcu.RcuSegcblist.NSEGS;
import static rcusim.rcu.RcuSegcblist.WAIT;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The segmented callback list: segment moves through grace periods, accelerate's answers,
 * entrain, batch extraction, migration and the gp_seq wrap. Every step is followed by a full
 * structural check of the list against its lengths.
 */
class RcuSegcblistTest {
    private static final long G = RcuSeq.INITIAL;

    private final List<String> invoked = new ArrayList<>();
    /** Callbacks extracted by the test and not yet subtracted from len. */
    private long extracted;

    private RcuHead cb(String name) {
        return new RcuHead(name, k -> invoked.add(name));
    }

    private static RcuSegcblist enabled() {
        RcuSegcblist l = new RcuSegcblist();
        l.init();
        return l;
    }

    private void enqueue(RcuSegcblist l, String... names) {
        for (String n : names) {
            l.enqueue(cb(n));
            check(l);
        }
    }

    @Test
    void freshListIsDisabledUntilInit() {
        RcuSegcblist l = new RcuSegcblist();
        assertFalse(l.isEnabled());
        check(l);
        l.init();
        assertTrue(l.isEnabled());
        assertTrue(l.empty());
        assertFalse(l.readyCbs());
        assertFalse(l.pendCbs());
        assertTrue(l.nextgp().isEmpty());
        l.setOffloaded(true);
        assertTrue(l.isOffloaded());
        l.init();
        assertTrue(l.isOffloaded(), "init keeps the other flags");
        l.setOffloaded(false);
        assertEquals(RcuSegcblist.ENABLED, l.flags());
        check(l);
    }

    @Test
    void twoGracePeriodsFromIdle() {
        RcuSegcblist l = enabled();
        long gp = G;
        enqueue(l, "a", "b");
        assertEquals("[] [] [] [a, b]", show(l));
        assertTrue(l.pendCbs());
        assertFalse(l.readyCbs());

        assertTrue(l.accelerate(RcuSeq.snap(gp)));
        check(l);
        assertEquals("[] [a, b] [] []", show(l));
        assertEquals(G + 4, l.gpSeq(WAIT));
        assertEquals(G + 4, l.nextgp().getAsLong());
        long[] out = new long[1];
        assertTrue(l.nextgp(out));
        assertEquals(G + 4, out[0]);

        gp = RcuSeq.start(gp);
        enqueue(l, "c");
        assertTrue(l.accelerate(RcuSeq.snap(gp)));
        check(l);
        assertEquals("[] [a, b] [c] []", show(l));
        assertEquals(G + 8, l.gpSeq(NEXT_READY));
        assertEquals("DONE:0 WAIT(g=-1196):2 NEXT_READY(g=-1192):1 NEXT:0 len=3", l.toString());

        l.advance(gp);
        check(l);
        assertEquals("[] [a, b] [c] []", show(l), "the GP in progress has not ended");

        gp = RcuSeq.end(gp);
        l.advance(gp);
        check(l);
        assertEquals("[a, b] [c] [] []", show(l));
        assertEquals(G + 8, l.gpSeq(WAIT), "the surviving segment keeps its tag as it slides down");
        assertTrue(l.readyCbs());

        // WAIT already needs exactly snap(gp): re-tagged the same, and still reported as waiting.
        assertTrue(l.accelerate(RcuSeq.snap(gp)));
        check(l);
        assertEquals("[a, b] [c] [] []", show(l));
        assertEquals(G + 8, l.gpSeq(WAIT));

        invokeAll(l);
        assertEquals(List.of("a", "b"), invoked);
        assertEquals("[] [c] [] []", show(l));

        gp = RcuSeq.end(RcuSeq.start(gp));
        l.advance(gp);
        check(l);
        assertEquals("[c] [] [] []", show(l));
        assertFalse(l.pendCbs());
        assertFalse(l.accelerate(RcuSeq.snap(gp)), "nothing waits");
        invokeAll(l);
        assertEquals(List.of("a", "b", "c"), invoked);
        assertTrue(l.empty());
        assertTrue(l.headEmpty());
    }

    @Test
    void accelerateAnswers() {
        long s1 = G + 4;
        long s2 = G + 8;
        long s3 = G + 12;

        assertFalse(enabled().accelerate(s1), "empty");

        RcuSegcblist doneOnly = listOf("[d] [] [] []", s1, s2);
        assertFalse(doneOnly.accelerate(s2), "only ready callbacks");

        RcuSegcblist nextOnly = listOf("[] [] [] [n]", s1, s2);
        assertTrue(nextOnly.accelerate(s1));
        assertEquals("[] [n] [] []", show(nextOnly));
        assertEquals(s1, nextOnly.gpSeq(WAIT));

        RcuSegcblist waitAndNext = listOf("[] [w] [] [n]", s1, s2);
        assertTrue(waitAndNext.accelerate(s2));
        check(waitAndNext);
        assertEquals("[] [w] [n] []", show(waitAndNext));
        assertEquals(s1, waitAndNext.gpSeq(WAIT));
        assertEquals(s2, waitAndNext.gpSeq(NEXT_READY));

        RcuSegcblist full = listOf("[] [w] [r] [n]", s1, s2);
        assertFalse(full.accelerate(s3), "NEXT_READY needs an earlier GP, so NEXT has nowhere to go");
        check(full);
        assertEquals("[] [w] [r] [n]", show(full));
        assertEquals(s2, full.gpSeq(NEXT_READY));

        RcuSegcblist fullNoNext = listOf("[] [w] [r] []", s1, s2);
        assertFalse(fullNoNext.accelerate(s3), "nothing after NEXT_READY");

        RcuSegcblist waitOnly = listOf("[] [w] [] []", s1, s2);
        assertFalse(waitOnly.accelerate(s2), "WAIT already needs an earlier GP and nothing follows");

        RcuSegcblist sameGp = listOf("[] [w] [] [n]", s1, s2);
        assertTrue(sameGp.accelerate(s1), "NEXT can share WAIT's grace period");
        check(sameGp);
        assertEquals("[] [w, n] [] []", show(sameGp));
        assertEquals(s1, sameGp.gpSeq(WAIT));
        assertEquals(s1, sameGp.gpSeq(NEXT_READY), "empty later tails are tagged too");

        // A later tag than seq is pulled in to the earlier grace period.
        RcuSegcblist bothLate = listOf("[] [w] [r] [n]", s2, s3);
        assertTrue(bothLate.accelerate(s2));
        check(bothLate);
        assertEquals("[] [w, r, n] [] []", show(bothLate));
        assertEquals(s2, bothLate.gpSeq(WAIT));

        RcuSegcblist readyLate = listOf("[] [w] [r] [n]", s1, s3);
        assertTrue(readyLate.accelerate(s2));
        check(readyLate);
        assertEquals("[] [w] [r, n] []", show(readyLate));
        assertEquals(s2, readyLate.gpSeq(NEXT_READY));
    }

    @Test
    void advanceStopsAtTheFirstUnfinishedSegment() {
        RcuSegcblist l = listOf("[d] [w] [r] [n]", G + 4, G + 8);
        l.advance(G + 1);
        check(l);
        assertEquals("[d] [w] [r] [n]", show(l));
        l.advance(G + 4);
        check(l);
        assertEquals("[d, w] [r] [] [n]", show(l));
        assertEquals(G + 8, l.gpSeq(WAIT));
        l.advance(G + 12);
        check(l);
        assertEquals("[d, w, r] [] [] [n]", show(l), "NEXT is never advanced: it has no grace period");

        RcuSegcblist both = listOf("[] [w] [r] [n]", G + 4, G + 8);
        both.advance(G + 8);
        check(both);
        assertEquals("[w, r] [] [] [n]", show(both));
    }

    @Test
    void entrainGoesAfterTheLastNonEmptySegment() {
        RcuSegcblist empty = enabled();
        assertFalse(empty.entrain(cb("barrier")));
        check(empty);
        assertTrue(empty.empty());

        RcuSegcblist waitOnly = listOf("[d] [w] [] []", G + 4, G + 8);
        assertTrue(waitOnly.entrain(cb("barrier")));
        check(waitOnly);
        assertEquals("[d] [w, barrier] [] []", show(waitOnly));
        enqueue(waitOnly, "later");
        assertEquals("[d] [w, barrier] [] [later]", show(waitOnly));

        RcuSegcblist doneOnly = listOf("[d] [] [] []", G + 4, G + 8);
        assertTrue(doneOnly.entrain(cb("barrier")));
        check(doneOnly);
        assertEquals("[d, barrier] [] [] []", show(doneOnly));

        RcuSegcblist withNext = listOf("[d] [w] [] [n]", G + 4, G + 8);
        assertTrue(withNext.entrain(cb("barrier")));
        check(withNext);
        assertEquals("[d] [w] [] [n, barrier]", show(withNext));

        RcuSegcblist readyLast = listOf("[] [w] [r] []", G + 4, G + 8);
        assertTrue(readyLast.entrain(cb("barrier")));
        check(readyLast);
        assertEquals("[] [w] [r, barrier] []", show(readyLast));
    }

    @Test
    void batchLimitRequeuesTheRestInOrder() {
        RcuSegcblist l = enabled();
        List<String> expect = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            enqueue(l, "cb" + i);
            expect.add("cb" + i);
        }
        assertTrue(l.accelerate(RcuSeq.snap(G)));
        l.advance(RcuSeq.end(RcuSeq.start(G)));
        check(l);
        assertEquals(25, l.getSeglen(DONE));

        int rounds = 0;
        long queued = 25;
        while (l.readyCbs()) {
            RcuCbList rcl = new RcuCbList();
            l.extractDoneCbs(rcl);
            extracted = rcl.len();
            check(l);
            assertEquals(queued - invoked.size(), l.n(), "len still counts the batch being invoked");
            if (rounds == 0) {
                // A barrier arriving mid-batch lands after every callback still to run.
                assertTrue(l.entrain(cb("barrier")));
                check(l);
                expect.add("barrier");
                enqueue(l, "new");
                queued += 2;
            }
            int count = 0;
            while (count < 10 && !rcl.empty()) {
                rcl.dequeue().invoke(null);
                count++;
            }
            l.insertDoneCbs(rcl);
            assertTrue(rcl.empty());
            l.addLen(-count);
            extracted = 0;
            check(l);
            rounds++;
        }
        assertEquals(expect, invoked);
        assertEquals(3, rounds);
        assertEquals("[] [] [] [new]", show(l));
        assertEquals(1, l.n());
    }

    @Test
    void mergeKeepsEveryCallbackOnceAndDoneFirst() {
        RcuSegcblist dst = listOf("[d1, d2] [w1] [] [n1]", G + 4, G + 8);
        RcuSegcblist src = listOf("[s1, s2] [sw] [sr] [sn1, sn2]", G + 4, G + 8);
        src.setOffloaded(false);
        dst.merge(src);
        check(dst);
        check(src);
        assertEquals("[s1, s2, d1, d2] [w1] [] [n1, sw, sr, sn2x]".replace("sn2x", "sn1, sn2"), show(dst));
        assertEquals(10, dst.n());
        assertTrue(src.empty());
        assertTrue(src.isEnabled(), "merge re-initializes the source; the caller disables it");
        assertTrue(src.disable());
        assertFalse(src.isEnabled());

        // Into an empty destination: done stays done, pending goes to NEXT untagged.
        RcuSegcblist empty = enabled();
        RcuSegcblist src2 = listOf("[a] [b] [] [c]", G + 4, G + 8);
        empty.merge(src2);
        check(empty);
        assertEquals("[a] [] [] [b, c]", show(empty));
        assertTrue(enabled().disable());
        RcuSegcblist nonEmpty = listOf("[a] [] [] []", G, G);
        assertFalse(nonEmpty.disable(), "disabling a non-empty list is the kernel's WARN");
    }

    @Test
    void wrapSafeAcrossUnsignedZero() {
        gracePeriodsAcross(-12);
    }

    @Test
    void wrapSafeAcrossTheSignBit() {
        gracePeriodsAcross((Long.MAX_VALUE & ~RcuSeq.STATE_MASK) - 8);
    }

    /** Three callbacks queued one per GP around start; each must become ready exactly at its GP's end. */
    private void gracePeriodsAcross(long start) {
        RcuSegcblist l = enabled();
        long gp = start;
        List<Long> readyAt = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RcuHead h = cb("g" + i);
            l.enqueue(h);
            readyAt.add(RcuSeq.snap(gp));
            assertTrue(l.accelerate(RcuSeq.snap(gp)));
            check(l);
            gp = RcuSeq.start(gp);
            l.advance(gp);
            assertEquals(i, invokedAfterAdvance(l), "nothing completes when a GP starts");
            gp = RcuSeq.end(gp);
            l.advance(gp);
            check(l);
            assertEquals(i + 1, invokedAfterAdvance(l));
            assertTrue(RcuSeq.done(gp, readyAt.get(i)));
        }
        assertEquals(List.of("g0", "g1", "g2", "g3", "g4", "g5"), invoked);
    }

    private int invokedAfterAdvance(RcuSegcblist l) {
        invokeAll(l);
        return invoked.size();
    }

    /**
     * A seeded random mix of call_rcu, accelerate, lagging advance, GP start/end and batched
     * invocation, against the two properties that matter: no callback runs before a full grace
     * period after it was queued, and callbacks run in queue order. Then everything drains.
     */
    @Test
    void randomScheduleNeverInvokesEarlyAndDrains() {
        for (long start : new long[] {G, (Long.MAX_VALUE & ~RcuSeq.STATE_MASK) - 400}) {
            for (long seed = 1; seed <= 4; seed++) {
                randomRun(start, seed);
            }
        }
    }

    private void randomRun(long start, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RcuSegcblist l = enabled();
        long stateGp = start;
        long leafGp = start;
        List<Long> readyAt = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        int queued = 0;
        boolean crossed = false;
        for (int step = 0; step < 8000; step++) {
            switch (rnd.nextInt(7)) {
                case 0, 1 -> {
                    int id = queued++;
                    readyAt.add(RcuSeq.snap(stateGp));
                    l.enqueue(new RcuHead("c" + id, k -> order.add(id)));
                }
                case 2 -> l.accelerate(RcuSeq.snap(stateGp));
                case 3 -> l.advance(leafGp);
                case 4 -> {
                    long next = RcuSeq.state(stateGp) == 0 ? RcuSeq.start(stateGp) : RcuSeq.end(stateGp);
                    crossed |= Long.compareUnsigned(next, stateGp) < 0 || (next ^ stateGp) < 0;
                    stateGp = next;
                }
                case 5 -> leafGp = stateGp;
                default -> invokeBatch(l, order, readyAt, leafGp, 1 + rnd.nextInt(10));
            }
            check(l);
        }
        assertTrue(crossed, "the run crossed a wrap point");
        for (int i = 0; i < 4; i++) {
            leafGp = stateGp;
            l.advance(leafGp);
            l.accelerate(RcuSeq.snap(stateGp));
            stateGp = RcuSeq.state(stateGp) == 0 ? RcuSeq.end(RcuSeq.start(stateGp)) : RcuSeq.end(stateGp);
            leafGp = stateGp;
            l.advance(leafGp);
            check(l);
            invokeBatch(l, order, readyAt, leafGp, Integer.MAX_VALUE);
        }
        assertEquals(queued, order.size(), "seed " + seed + ": every callback ran");
        assertTrue(l.empty());
    }

    private void invokeBatch(RcuSegcblist l, List<Integer> order, List<Long> readyAt, long leafGp, int limit) {
        RcuCbList rcl = new RcuCbList();
        l.extractDoneCbs(rcl);
        extracted = rcl.len();
        check(l);
        int count = 0;
        while (count < limit && !rcl.empty()) {
            RcuHead rhp = rcl.dequeue();
            int before = order.size();
            rhp.invoke(null);
            int id = order.get(before);
            assertTrue(RcuSeq.done(leafGp, readyAt.get(id)), "callback " + id + " ran before its grace period ended");
            assertTrue(before == 0 || order.get(before - 1) < id, "out of order");
            count++;
        }
        l.insertDoneCbs(rcl);
        l.addLen(-count);
        extracted = 0;
    }

    // ---- helpers ----

    private void invokeAll(RcuSegcblist l) {
        RcuCbList rcl = new RcuCbList();
        l.extractDoneCbs(rcl);
        long n = rcl.len();
        extracted = n;
        check(l);
        for (RcuHead rhp = rcl.dequeue(); rhp != null; rhp = rcl.dequeue()) {
            rhp.invoke(null);
        }
        l.addLen(-n);
        extracted = 0;
        check(l);
    }

    /**
     * Builds a list from a picture like "[d] [w1, w2] [] [n]" using only the public operations:
     * callbacks of DONE wait for a GP ending before waitGp, WAIT's for waitGp, NEXT_READY's for
     * readyGp; NEXT stays untagged.
     */
    private RcuSegcblist listOf(String picture, long waitGp, long readyGp) {
        String[] segs = picture.substring(1, picture.length() - 1).split("\\] \\[", -1);
        assertEquals(NSEGS, segs.length);
        RcuSegcblist l = enabled();
        long doneGp = waitGp - RcuSeq.GP;
        if (!segs[DONE].isEmpty()) {
            enqueue(l, segs[DONE].split(", "));
            assertTrue(l.accelerate(doneGp));
            l.advance(doneGp);
        }
        if (!segs[WAIT].isEmpty()) {
            enqueue(l, segs[WAIT].split(", "));
            assertTrue(l.accelerate(waitGp));
        }
        if (!segs[NEXT_READY].isEmpty()) {
            enqueue(l, segs[NEXT_READY].split(", "));
            assertTrue(l.accelerate(readyGp));
        }
        if (!segs[NEXT].isEmpty()) {
            enqueue(l, segs[NEXT].split(", "));
        }
        check(l);
        assertEquals(picture, show(l));
        if (!segs[WAIT].isEmpty()) {
            assertEquals(waitGp, l.gpSeq(WAIT));
        }
        if (!segs[NEXT_READY].isEmpty()) {
            assertEquals(readyGp, l.gpSeq(NEXT_READY));
        }
        return l;
    }

    /** The segments as "[a, b] [c] [] [d]". */
    private static String show(RcuSegcblist l) {
        List<RcuHead> nodes = walk(l);
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (int seg = DONE; seg < NSEGS; seg++) {
            int to = position(nodes, l.tail(seg)) + 1;
            List<String> names = new ArrayList<>();
            for (int i = from; i < to; i++) {
                names.add(nodes.get(i).name());
            }
            sb.append(seg == DONE ? "" : " ").append(names);
            from = to;
        }
        return sb.toString();
    }

    /** The invariant checker run after every operation. */
    private void check(RcuSegcblist l) {
        List<RcuHead> nodes = walk(l);
        int prev = -1;
        long sum = 0;
        for (int seg = DONE; seg < NSEGS; seg++) {
            int p = position(nodes, l.tail(seg));
            assertTrue(p >= prev, "tails out of order at " + seg + ": " + l);
            assertEquals(p - prev, l.getSeglen(seg), "seglen[" + seg + "] " + l);
            assertEquals(p == prev, l.segempty(seg), "segempty(" + seg + ") " + l);
            assertEquals(p == nodes.size() - 1, l.restempty(seg), "restempty(" + seg + ") " + l);
            sum += l.getSeglen(seg);
            prev = p;
        }
        assertEquals(nodes.size() - 1, prev, "tails[NEXT] is the last callback: " + l);
        assertEquals(nodes.size(), sum);
        assertEquals(sum, l.nSegmentCbs());
        assertEquals(sum + extracted, l.n(), "len = linked + extracted: " + l);
        assertEquals(l.n() == 0, l.empty());
        assertEquals(nodes.isEmpty(), l.headEmpty());
        if (l.isEnabled()) {
            assertEquals(!l.segempty(DONE), l.readyCbs());
            assertEquals(!l.restempty(DONE), l.pendCbs());
            assertSame(nodes.isEmpty() ? null : nodes.get(0), l.firstCb());
            int firstPend = position(nodes, l.tail(DONE)) + 1;
            assertSame(firstPend < nodes.size() ? nodes.get(firstPend) : null, l.firstPendCb());
        } else {
            assertFalse(l.readyCbs());
            assertFalse(l.pendCbs());
            assertNull(l.firstCb());
        }
    }

    private static List<RcuHead> walk(RcuSegcblist l) {
        List<RcuHead> nodes = new ArrayList<>();
        for (RcuHead p = l.head(); p != null; p = p.next()) {
            nodes.add(p);
            assertTrue(nodes.size() <= 1_000_000, "cycle in the callback list");
        }
        return nodes;
    }

    /** Index of a tail in the list, -1 for null (the kernel's &head). */
    private static int position(List<RcuHead> nodes, RcuHead tail) {
        if (tail == null) {
            return -1;
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i) == tail) {
                return i;
            }
        }
        throw new AssertionError("tail " + tail + " is not on the list");
    }

    @Test
    void cbListIsAFifo() {
        RcuCbList rcl = new RcuCbList();
        assertNull(rcl.dequeue());
        RcuHead a = cb("a");
        RcuHead b = cb("b");
        rcl.enqueue(a);
        rcl.enqueue(b);
        assertEquals(2, rcl.len());
        assertEquals("rcu_cblist[len=2: a b]", rcl.toString());
        assertSame(a, rcl.dequeue());
        assertNull(a.next());
        assertSame(b, rcl.first());
        assertSame(b, rcl.dequeue());
        assertTrue(rcl.empty());
        assertEquals(0, rcl.len());

        RcuCbList bypass = new RcuCbList();
        bypass.enqueue(a);
        bypass.enqueue(b);
        RcuCbList flushed = new RcuCbList();
        RcuHead c = cb("c");
        flushed.flushEnqueue(bypass, c);
        assertEquals("rcu_cblist[len=2: a b]", flushed.toString());
        assertEquals("rcu_cblist[len=1: c]", bypass.toString());
        RcuSegcblist l = enabled();
        l.addLen(flushed.len());
        l.insertPendCbs(flushed);
        check(l);
        assertEquals("[] [] [] [a, b]", show(l));
        assertNotNull(l.firstPendCb());
    }

    @Test
    void doubleCallRcuIsDetectedByTheHead() {
        RcuHead h = cb("h");
        assertFalse(h.debugQueue());
        assertTrue(h.queued());
        assertTrue(h.debugQueue(), "second call_rcu() on a queued head");
        h.debugUnqueue();
        assertFalse(h.debugQueue(), "reusable once invoked");
        assertEquals("h", h.toString());
    }
}
