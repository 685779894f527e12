package rcusim.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Completion;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.kernel.Task;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/** PCT's parts on made-up decisions, then PCT on machine programs. */
class PctDeciderTest {
    private static final FakeOptions THREE_CPUS = FakeOptions.of(0, "STEP 0, STEP 1, STEP 2");

    @Test
    void changePointsAreDistinctAscendingAndInRange() {
        int[] hits = new int[11];
        for (long seed = 0; seed < 2000; seed++) {
            long[] cp = new PctDecider(seed, 4, 10).changePoints();
            assertEquals(3, cp.length);
            for (int i = 0; i < cp.length; i++) {
                assertTrue(cp[i] >= 1 && cp[i] <= 10, Arrays.toString(cp));
                assertTrue(i == 0 || cp[i - 1] < cp[i], Arrays.toString(cp));
                hits[(int) cp[i]]++;
            }
        }
        // uniform: each of the 10 steps is a change point in 3/10 of the runs
        for (int s = 1; s <= 10; s++) {
            assertTrue(hits[s] > 480 && hits[s] < 720, "step " + s + " hit " + hits[s] + " times of 2000");
        }
        assertArrayEquals(new long[] {1, 2}, new PctDecider(1, 5, 2).changePoints(), "more points than steps");
        assertEquals(0, new PctDecider(1, 1, 100).changePoints().length, "depth 1 has no change points");
    }

    @Test
    void initialPrioritiesAreAUniformPermutation() {
        int[][] firstAtRank = new int[3][3];
        for (long seed = 0; seed < 3000; seed++) {
            PctDecider pct = new PctDecider(seed, 1, 100);
            pct.choose(THREE_CPUS);
            int[] ranking = pct.ranking();
            assertEquals(3, ranking.length);
            for (int r = 0; r < 3; r++) {
                firstAtRank[r][ranking[r]]++;
            }
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                assertTrue(firstAtRank[r][c] > 850 && firstAtRank[r][c] < 1150,
                        "CPU " + c + " at rank " + r + ": " + firstAtRank[r][c] + " of 3000");
            }
        }
    }

    @Test
    void followsPrioritiesAndLowersTheCpuAboutToRunAtEachChangePoint() {
        for (long seed = 0; seed < 200; seed++) {
            PctDecider pct = new PctDecider(seed, 3, 12);
            long[] cp = pct.changePoints();
            int[] before = null;
            for (long step = 1; step <= 15; step++) {
                int chosen = pct.choose(THREE_CPUS);
                int[] after = pct.ranking();
                assertEquals(after[0], THREE_CPUS.cpu(chosen), "the highest priority runs, seed " + seed);
                if (before != null) {
                    int[] expected = before.clone();
                    if (Arrays.binarySearch(cp, step) >= 0) {
                        // the CPU that was about to run drops below everyone
                        System.arraycopy(before, 1, expected, 0, 2);
                        expected[2] = before[0];
                    }
                    assertArrayEquals(expected, after, "seed " + seed + " step " + step + " change points "
                            + Arrays.toString(cp));
                }
                before = after;
            }
            assertEquals(15, pct.schedulingSteps());
        }
    }

    @Test
    void laterChangePointsGoBelowEarlierOnes() {
        // depth 3 over 2 steps: both steps are change points
        PctDecider pct = new PctDecider(7, 3, 2);
        int first = THREE_CPUS.cpu(pct.choose(THREE_CPUS));
        int[] afterFirst = pct.ranking();
        assertEquals(afterFirst[0], first, "the top CPU was lowered at step 1 and the next one ran");
        int second = THREE_CPUS.cpu(pct.choose(THREE_CPUS));
        assertEquals(afterFirst[1], second);
        // the CPU lowered at step 1 stays above the one lowered at step 2
        assertArrayEquals(new int[] {afterFirst[1], afterFirst[2], afterFirst[0]}, pct.ranking());
    }

    @Test
    void drainsAndInterruptsTakeTheirCpusPriorityAndAQuarterOfItsTurns() {
        FakeOptions o = FakeOptions.of(0, "STEP 0, DRAIN 0, INTERRUPT 0, STEP 1, DRAIN 1");
        int notStep = 0;
        int turns = 0;
        for (long seed = 0; seed < 400; seed++) {
            PctDecider pct = new PctDecider(seed, 1, 100);
            for (int i = 0; i < 20; i++) {
                int c = pct.choose(o);
                int top = pct.ranking()[0];
                assertEquals(top, o.cpu(c), "only the top CPU acts");
                turns++;
                if (o.kind(c) != OptionKind.STEP) {
                    notStep++;
                }
            }
        }
        double share = (double) notStep / turns;
        assertTrue(share > 0.22 && share < 0.28, "drain/interrupt share " + share);

        FakeOptions blocked = FakeOptions.of(0, "DRAIN 0, DRAIN 0, STEP 1");
        for (long seed = 0; seed < 100; seed++) {
            PctDecider pct = new PctDecider(seed, 1, 100);
            int c = pct.choose(blocked);
            if (pct.ranking()[0] == 0) {
                assertEquals(OptionKind.DRAIN, blocked.kind(c), "a CPU that cannot step drains");
            } else {
                assertEquals(2, c);
            }
        }
    }

    @Test
    void innerChoicesAndOneCpuDecisionsAreNotSteps() {
        PctDecider pct = new PctDecider(3, 2, 100);
        for (int i = 0; i < 50; i++) {
            int c = pct.choose(FakeOptions.of(i, "READ_VALUE 1, READ_VALUE 1, READ_VALUE 1"));
            assertTrue(c >= 0 && c < 3);
            pct.choose(FakeOptions.of(i, "STEP 0, DRAIN 0"));
            pct.choose(FakeOptions.of(i, "RESCHED 2, RESCHED 2"));
        }
        assertEquals(0, pct.schedulingSteps());
        pct.choose(FakeOptions.of(0, "STEP 0, DRAIN 1"));
        assertEquals(1, pct.schedulingSteps());
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PctDecider(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new PctDecider(1, 2, 0));
    }

    @Test
    void sameSeedSameRunOnRandomPrograms() {
        for (long s = 0; s < 20; s++) {
            RandomProgram p = RandomProgram.generate(0x5eed0000L + s);
            for (int depth = 1; depth <= 3; depth++) {
                RunResult a = run(p, new PctDecider(s, depth, 40));
                RunResult b = run(p, new PctDecider(s, depth, 40));
                assertTrue(a.passed(), () -> p + "\n" + a.describe());
                assertArrayEquals(a.decisions().chosenArray(), b.decisions().chosenArray(), p.toString());
                assertArrayEquals(a.decisions().fingerprintArray(), b.decisions().fingerprintArray(), p.toString());
                assertEquals(a.steps(), b.steps());
            }
        }
    }

    private static RunResult run(RandomProgram p, Decider d) {
        Simulation m = new Simulation(MachineConfig.of(p.cpus, MemoryModel.WEAK), StrandFactory.best(), false);
        p.load(m);
        return m.run(d);
    }

    /** With ticks, preemption, wake-up placement and idle CPUs: PCT finishes, the same way each time. */
    @Test
    void kernelRunsFinishAndRepeat() {
        for (long seed = 0; seed < 4; seed++) {
            RunResult a = pingPong(new PctDecider(seed, 3, 2000));
            RunResult b = pingPong(new PctDecider(seed, 3, 2000));
            assertTrue(a.passed(), a::describe);
            assertArrayEquals(a.decisions().chosenArray(), b.decisions().chosenArray());
        }
    }

    private static RunResult pingPong(Decider d) {
        Simulation m = new Simulation(MachineConfig.of(3, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(500_000), StrandFactory.best(), false);
        long counter = m.kernel().alloc(1);
        Completion ping = new Completion("ping");
        Completion pong = new Completion("pong");
        m.spawnUnbound(0, "pinger", Task.Kind.KTHREAD, k -> {
            for (int i = 0; i < 10; i++) {
                ping.complete(k);
                pong.waitForCompletion(k);
                k.atomicInc(counter);
            }
        });
        m.spawnUnbound(1, "ponger", Task.Kind.KTHREAD, k -> {
            for (int i = 0; i < 10; i++) {
                ping.waitForCompletion(k);
                pong.complete(k);
            }
        });
        return m.run(d);
    }

    /**
     * The point of PCT: a bug that needs one CPU to run entirely inside a one-step window of
     * the other. Runs until the first failure, for several campaigns; PCT (depth 2, k
     * calibrated from sample runs as shuttle does) needs fewer runs than a random walk.
     */
    @Test
    void pctFindsADepthTwoBugInFewerRunsThanRandom() {
        Function<Decider, RunResult> program = Programs.wholeReaderInsideWindow(1, 5);
        long k = 0;
        for (long s = 0; s < 10; s++) {
            PctDecider sample = new PctDecider(s, 1, 1);
            program.apply(sample);
            k = Math.max(k, sample.schedulingSteps());
        }
        long calibrated = k;
        int cap = 4000;
        long pctRuns = 0;
        long randomRuns = 0;
        for (long campaign = 0; campaign < 5; campaign++) {
            long master = campaign;
            pctRuns += runsToFind(program, i -> new PctDecider(RunSeeds.forRun(master, i), 2, calibrated), cap);
            randomRuns += runsToFind(program, i -> new RandomDecider(RunSeeds.forRun(master, i)), cap);
        }
        System.out.printf("depth-2 window bug, k=%d: runs to find over 5 campaigns: pct:2 %d, random %d%n",
                calibrated, pctRuns, randomRuns);
        assertTrue(pctRuns < 5L * cap, "PCT never found the bug in " + cap + " runs");
        assertTrue(pctRuns <= randomRuns, "PCT took " + pctRuns + " runs, random " + randomRuns);
    }

    private static long runsToFind(Function<Decider, RunResult> program, LongFunction<Decider> deciderForRun,
            int cap) {
        for (int i = 0; i < cap; i++) {
            if (!program.apply(deciderForRun.apply(i)).passed()) {
                return i + 1;
            }
        }
        return cap;
    }
}
