package rcusim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

class BoundedExhaustiveTest {
    private static final BoundedExhaustive NO_PROBES = new BoundedExhaustive(0, 1, false);

    /**
     * Two CPUs with two steps each (a a, b b) in SC: 4!/(2!2!) = 6 interleavings. Preemptions
     * (switching away from a CPU that could go on): aabb, bbaa 0; abba, baab 1 (the second
     * switch leaves a finished CPU, which is free); abab, baba 2. So 2, 4, 6 within bounds 0,
     * 1, 2, the same 6 as the unbounded explorer.
     */
    @Test
    void countsPerBoundMatchTheHandCount() {
        Function<Decider, RunResult> p = Programs.independentWriters(2, 2, MemoryModel.SC);
        assertEquals(2, NO_PROBES.explore(p, 0, 1000).executions());
        assertEquals(4, NO_PROBES.explore(p, 1, 1000).executions());
        assertEquals(6, NO_PROBES.explore(p, 2, 1000).executions());
        BoundedExhaustive.Result all = NO_PROBES.explore(p, Integer.MAX_VALUE, 1000);
        assertEquals(6, all.executions());
        assertTrue(all.complete());
        assertEquals(6, new ExhaustiveExplorer(1000).explore(p).executions());
    }

    /** Three CPUs, two steps each: 6!/(2!2!2!) = 90 interleavings; the bound-0 ones are the 3! = 6 orders of CPUs. */
    @Test
    void threeCpus() {
        Function<Decider, RunResult> p = Programs.independentWriters(3, 2, MemoryModel.SC);
        assertEquals(6, NO_PROBES.explore(p, 0, 1000).executions());
        assertEquals(90, NO_PROBES.explore(p, Integer.MAX_VALUE, 1000).executions());
    }

    /** Fewest preemptions first: the executions come in order of their preemption count. */
    @Test
    void executionsComeInOrderOfPreemptions() {
        Function<Decider, RunResult> p = Programs.independentWriters(3, 2, MemoryModel.SC);
        List<Integer> counts = new ArrayList<>();
        NO_PROBES.explore(d -> {
            PreemptionCounter c = new PreemptionCounter();
            RunResult r = p.apply(PreemptionCounter.counting(d, c));
            counts.add(c.preemptions());
            return r;
        }, 4, 1000);
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i - 1) <= counts.get(i), "preemption counts out of order: " + counts);
        }
        // a b c a b c: three switches away from a CPU that could go on; the last two leave finished CPUs
        assertEquals(3, counts.get(counts.size() - 1));
    }

    /**
     * Unbounded, the search is the plain exhaustive one: it runs exactly as many executions as
     * ExhaustiveExplorer (store buffers, drains, stale reads and atomics included), and the
     * bounds give growing counts on the way.
     */
    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void unboundedMatchesTheExhaustiveExplorer(MemoryModel model) {
        List<Function<Decider, RunResult>> programs = new ArrayList<>(List.of(
                Programs.independentWriters(2, 2, model),
                Programs.storeBuffering(model),
                Programs.raisedFlagSeen(model)));
        // and the first random programs (locks, cmpxchg, acquire/release) with a small tree
        for (long s = 0; s < 12 && programs.size() < 5; s++) {
            RandomProgram prog = RandomProgram.generate(0x5eed0000L + s);
            Function<Decider, RunResult> p = d -> {
                Simulation m = new Simulation(MachineConfig.of(prog.cpus, model), StrandFactory.best(), false);
                prog.load(m);
                return m.run(d);
            };
            if (new ExhaustiveExplorer(400).explore(p).complete()) {
                programs.add(p);
            }
        }
        for (Function<Decider, RunResult> p : programs) {
            ExhaustiveExplorer.Summary plain = new ExhaustiveExplorer(5000).explore(p);
            assertTrue(plain.complete());
            long previous = 0;
            for (int bound = 0; bound <= 2; bound++) {
                long n = NO_PROBES.explore(p, bound, 5000).executions();
                assertTrue(n >= previous && n <= plain.executions(), "bound " + bound + ": " + n);
                previous = n;
            }
            BoundedExhaustive.Result all = NO_PROBES.explore(p, Integer.MAX_VALUE, 5000);
            assertTrue(all.complete());
            assertEquals(plain.executions(), all.executions());
        }
    }

    /**
     * Bounding preemptions and deviations: unbounded it is the plain search again; the counts
     * grow with either bound; executions come level by level (preemptions plus deviations),
     * and each keeps within both bounds.
     */
    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void deviationBoundsGrowToThePlainSearch(MemoryModel model) {
        for (Function<Decider, RunResult> p : List.of(Programs.independentWriters(2, 2, model),
                Programs.storeBuffering(model), Programs.raisedFlagSeen(model))) {
            long plain = new ExhaustiveExplorer(5000).explore(p).executions();
            BoundedExhaustive.Result all = NO_PROBES.explore(p, SearchBound.deviations(50, 50), 5000,
                    BoundedExhaustive.Monitor.NONE);
            assertTrue(all.complete());
            assertEquals(plain, all.executions());
            assertEquals(101, all.levelsCompleted());
            for (int pb = 0; pb <= 2; pb++) {
                long previous = 0;
                for (int db = 0; db <= 2; db++) {
                    int maxP = pb;
                    int maxD = db;
                    List<Integer> levels = new ArrayList<>();
                    BoundedExhaustive.Result r = NO_PROBES.explore(d -> {
                        DeviationCounter c = new DeviationCounter();
                        RunResult run = p.apply(o -> {
                            int i = d.choose(o);
                            c.taken(o, i);
                            return i;
                        });
                        assertTrue(c.preemptions() <= maxP && c.deviations() <= maxD);
                        levels.add(c.preemptions() + c.deviations());
                        return run;
                    }, SearchBound.deviations(pb, db), 5000, BoundedExhaustive.Monitor.NONE);
                    assertTrue(r.complete());
                    assertTrue(r.executions() >= previous && r.executions() <= plain);
                    previous = r.executions();
                    List<Integer> sorted = new ArrayList<>(levels);
                    sorted.sort(null);
                    assertEquals(sorted, levels, "executions in level order");
                }
            }
        }
    }

    /** The monitor sees every execution and can end the search, which is then incomplete. */
    @Test
    void theMonitorCanStopTheSearch() {
        Function<Decider, RunResult> p = Programs.independentWriters(3, 2, MemoryModel.SC);
        long[] seen = {0};
        BoundedExhaustive.Result r = NO_PROBES.explore(p, SearchBound.preemptions(10), 1000,
                new BoundedExhaustive.Monitor() {
                    @Override
                    public void executed(long executions, int level, RunResult result) {
                        seen[0] = executions;
                    }

                    @Override
                    public boolean stop() {
                        return seen[0] == 7;
                    }
                });
        assertEquals(7, r.executions());
        assertFalse(r.complete());
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void aBugNeedingOnePreemptionIsFoundWithBoundOneNotZero(MemoryModel model) {
        Function<Decider, RunResult> p = Programs.raisedFlagSeen(model);
        BoundedExhaustive.Result zero = NO_PROBES.explore(p, 0, 10_000);
        assertTrue(zero.complete());
        assertNull(zero.firstFailure(), () -> zero.firstFailure().describe());

        BoundedExhaustive.Result one = NO_PROBES.explore(p, 1, 10_000);
        assertTrue(one.complete());
        assertTrue(one.failed());
        assertEquals(SimFailure.Kind.BUG, one.firstFailure().failure().kind());
        assertTrue(one.firstFailure().failure().getMessage().contains("x == 1"));

        // the failure replays, and it took exactly one preemption
        ReplayDecider replay = new ReplayDecider(one.firstFailureLog());
        PreemptionCounter c = new PreemptionCounter();
        RunResult again = p.apply(PreemptionCounter.counting(replay, c));
        replay.checkConsumed(again);
        assertEquals(SimFailure.Kind.BUG, again.failure().kind());
        assertEquals(1, c.preemptions());
        System.out.printf("%s: bound 0 %d executions, no failure; bound 1 %d executions, failure found%n",
                model, zero.executions(), one.executions());
    }

    @Test
    void stopsAtTheCapAndCanStopAtTheFirstFailure() {
        Function<Decider, RunResult> p = Programs.independentWriters(3, 2, MemoryModel.SC);
        BoundedExhaustive.Result capped = NO_PROBES.explore(p, Integer.MAX_VALUE, 50);
        assertEquals(50, capped.executions());
        assertFalse(capped.complete());
        BoundedExhaustive.Result exact = NO_PROBES.explore(p, Integer.MAX_VALUE, 90);
        assertEquals(90, exact.executions());
        assertTrue(exact.complete(), "exactly the cap is still complete");

        Function<Decider, RunResult> window = Programs.wholeReaderInsideWindow(1, 3);
        BoundedExhaustive.Result stopped = new BoundedExhaustive(0, 1, true).explore(window, 3, 10_000);
        assertNotNull(stopped.firstFailure());
        assertFalse(stopped.complete());
        BoundedExhaustive.Result all = NO_PROBES.explore(window, 3, 10_000);
        assertTrue(all.complete() && all.failed());
        assertTrue(stopped.executions() < all.executions(), stopped.executions() + " vs " + all.executions());
    }

    /** Knuth's estimate lands within a factor of two of the true count on small trees. */
    @Test
    void theEstimateIsNearTheTrueCount() {
        List<Function<Decider, RunResult>> programs = List.of(
                Programs.independentWriters(3, 2, MemoryModel.SC),
                Programs.independentWriters(2, 3, MemoryModel.WEAK),
                Programs.raisedFlagSeen(MemoryModel.WEAK));
        for (Function<Decider, RunResult> p : programs) {
            for (int bound : new int[] {1, Integer.MAX_VALUE}) {
                BoundedExhaustive.Result r = new BoundedExhaustive(200, 42, false).explore(p, bound, 100_000);
                assertTrue(r.complete());
                double ratio = r.estimatedTotal() / r.executions();
                System.out.printf("estimate %.1f, true %d (bound %d)%n", r.estimatedTotal(), r.executions(), bound);
                assertTrue(ratio > 0.5 && ratio < 2, "estimate " + r.estimatedTotal() + " for " + r.executions());
            }
        }
    }
}
