package rcusim.machine.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Strand contract, checked on both substrates. */
class StrandTest {

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of("continuation", (Supplier<StrandFactory>) ContinuationStrands::new),
                Arguments.of("thread", (Supplier<StrandFactory>) ThreadStrands::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void pingPongRunsInStrictAlternation(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        assertEquals(kind, f.name());
        List<String> log = new ArrayList<>();
        Strand s = f.create("pp", () -> {
            log.add("s1");
            f.park();
            log.add("s2");
            f.park();
            log.add("s3");
        });
        log.add("o1");
        assertFalse(s.resume());
        log.add("o2");
        assertFalse(s.isDone());
        assertFalse(s.resume());
        log.add("o3");
        assertTrue(s.resume());
        log.add("o4");
        assertTrue(s.isDone());
        assertEquals(List.of("o1", "s1", "o2", "s2", "o3", "s3", "o4"), log);
        assertThrows(IllegalStateException.class, s::resume);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void manyStrandsInterleaveExactlyAsResumed(String kind, Supplier<StrandFactory> make) {
        List<String> first = interleave(make.get(), 7);
        List<String> second = interleave(make.get(), 7);
        assertEquals(first, second);
        assertEquals(20 * 10, first.size());
    }

    /** Resumes 20 strands of 10 steps each in a seeded random order; checks each step ran when resumed. */
    private static List<String> interleave(StrandFactory f, long seed) {
        int n = 20;
        int steps = 10;
        List<String> log = new ArrayList<>();
        List<Strand> strands = new ArrayList<>();
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            int id = i;
            strands.add(f.create("s" + i, () -> {
                for (int k = 0; k < steps; k++) {
                    log.add(id + ":" + k);
                    if (k < steps - 1) {
                        f.park();
                    }
                }
            }));
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            live.add(i);
        }
        while (!live.isEmpty()) {
            int pick = live.get(random.nextInt(live.size()));
            int before = log.size();
            boolean done = strands.get(pick).resume();
            assertEquals(before + 1, log.size(), "exactly one step per resume");
            assertEquals(pick + ":" + next[pick], log.get(before));
            next[pick]++;
            assertEquals(next[pick] == steps, done);
            if (done) {
                live.remove(Integer.valueOf(pick));
            }
        }
        return log;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void exceptionsComeOutOfResumeWrapped(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Strand s = f.create("thrower", () -> {
            f.park();
            throw boom;
        });
        assertFalse(s.resume());
        StrandFailure e = assertThrows(StrandFailure.class, s::resume);
        assertSame(boom, e.getCause());
        assertEquals("thrower", e.strandName());
        assertTrue(e.getMessage().contains("thrower"), e.getMessage());
        assertTrue(s.isDone());
        assertThrows(IllegalStateException.class, s::resume);
        s.discard(); // no-op on a done strand
        assertTrue(s.isDone());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void errorsComeOutOfResumeToo(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        Strand s = f.create("asserter", () -> {
            throw new AssertionError("bad state");
        });
        StrandFailure e = assertThrows(StrandFailure.class, s::resume);
        assertInstanceOf(AssertionError.class, e.getCause());
        assertTrue(s.isDone());
    }

    /** Continuations are reused once a body ends: a new strand must not see the old one's state or fate. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void strandsMadeAfterOthersEndedRunTheirOwnBodies(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            Strand s = f.create("s" + n, () -> {
                log.add("a" + n);
                f.park();
                log.add("b" + n);
            });
            Strand parked = f.create("left" + n, f::park); // discarded mid-body: never reused
            assertFalse(parked.resume());
            parked.discard();
            assertFalse(s.resume());
            assertTrue(s.resume());
            assertThrows(IllegalStateException.class, s::resume);
            Strand thrower = f.create("t" + n, () -> {
                throw new IllegalStateException("t" + n);
            });
            assertEquals("t" + n, assertThrows(StrandFailure.class, thrower::resume).getCause().getMessage());
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(List.of("a" + i, "b" + i), log.subList(2 * i, 2 * i + 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void discardAbandonsAParkedStrand(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        String name = "discard-me-" + kind;
        boolean[] afterPark = {false};
        Strand s = f.create(name, () -> {
            f.park();
            afterPark[0] = true;
        });
        assertFalse(s.resume());
        assertEquals(kind.equals("thread") ? 1 : 0, liveStrandThreads(name));
        s.discard();
        s.discard(); // idempotent
        assertFalse(afterPark[0], "a discarded body never continues past its park");
        assertFalse(s.isDone());
        assertThrows(IllegalStateException.class, s::resume);
        assertEquals(0, liveStrandThreads(name), "no thread outlives discard()");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void discardingManyStrandsLeaksNoThreads(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        List<Strand> strands = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Strand s = f.create("leak-check-" + kind + "-" + i, () -> {
                while (true) {
                    f.park();
                }
            });
            s.resume();
            s.resume();
            strands.add(s);
        }
        strands.add(f.create("leak-check-" + kind + "-never-started", () -> { }));
        assertEquals(kind.equals("thread") ? 100 : 0, liveStrandThreads("leak-check-" + kind));
        strands.forEach(Strand::discard);
        assertEquals(0, liveStrandThreads("leak-check-" + kind));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void parkOutsideAStrandFails(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        IllegalStateException e = assertThrows(IllegalStateException.class, f::park);
        assertTrue(e.getMessage().contains("outside a strand"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void parkThroughAnotherFactoryFails(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        StrandFactory other = make.get();
        Strand s = f.create("wrong-factory", other::park);
        StrandFailure e = assertThrows(StrandFailure.class, s::resume);
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void resumingFromInsideTheBodyFails(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        Strand[] self = new Strand[1];
        self[0] = f.create("self-resume", () -> self[0].resume());
        StrandFailure e = assertThrows(StrandFailure.class, self[0]::resume);
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void parksFromDeepInTheStack(String kind, Supplier<StrandFactory> make) {
        StrandFactory f = make.get();
        int[] sum = {0};
        Strand s = f.create("deep", () -> sum[0] = recurse(f, 1000));
        int parks = 0;
        while (!s.resume()) {
            parks++;
        }
        assertEquals(1000, parks);
        assertEquals(1000 * 1001 / 2, sum[0]);
    }

    private static int recurse(StrandFactory f, int depth) {
        if (depth == 0) {
            return 0;
        }
        f.park();
        return depth + recurse(f, depth - 1);
    }

    static long liveStrandThreads(String namePart) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rcusim-strand-" + namePart))
                .count();
    }
}
