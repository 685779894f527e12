package rcusim.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

class StrategiesTest {
    @Test
    void parsesTheSpecs() {
        assertEquals("random", Strategies.parse("random").name());
        assertEquals("pct:3:20000", Strategies.parse("pct:3").name());
        assertEquals("pct:2:500", Strategies.parse(" pct:2:500 ").name());
        assertEquals("pct:4:77", Strategies.parse("pct:4", 77).name());
        assertInstanceOf(RandomDecider.class, Strategies.create("random", 1));
        assertInstanceOf(FairnessBound.class, Strategies.create("pct:2", 1));
        assertEquals("pct:2:20000 (fairness bound 8)", Strategies.create("pct:2", 1).toString());
    }

    @Test
    void unknownOrMalformedSpecsNameTheValidOnes() {
        for (String bad : new String[] {"pct", "pct:", "pct:0", "pct:x", "pct:2:0", "pct:1:2:3", "dfs", "Random", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.parse(bad), bad);
            assertTrue(e.getMessage().contains("valid: random, pct:D"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.create("portfolio", 1));
        assertTrue(e.getMessage().contains("forRun"), e.getMessage());
    }

    @Test
    void portfolioCyclesByRunIndex() {
        String[] expected = {"random", "pct:1:20000", "pct:2:20000", "pct:3:20000"};
        for (long i = 0; i < 12; i++) {
            Strategy.Choice c = Strategies.forRun("portfolio", 99, i);
            assertEquals(expected[(int) (i % 4)], c.name(), "run " + i);
            assertEquals(RunSeeds.forRun(99, i), c.seed());
        }
    }

    @Test
    void runSeedsAreDistinctAndDependOnMasterAndIndex() {
        TreeSet<Long> seen = new TreeSet<>();
        for (long master = 0; master < 4; master++) {
            for (long i = 0; i < 1000; i++) {
                assertTrue(seen.add(RunSeeds.forRun(master, i)), "seed repeated at master " + master + " run " + i);
            }
        }
        assertNotEquals(RunSeeds.forRun(1, 0), RunSeeds.forRun(0, 1));
        assertThrows(IllegalArgumentException.class, () -> RunSeeds.forRun(1, -1));
    }

    /**
     * Runs 0..39 of a portfolio campaign done by one worker in order, and by three workers
     * taking runs round-robin in reverse, give each run the same strategy and decisions.
     */
    @Test
    void aRunDoesNotDependOnHowRunsAreSplitBetweenWorkers() {
        RandomProgram p = RandomProgram.generate(0x5eed0003L);
        long master = 0xC0FFEEL;
        int runs = 40;
        TreeMap<Long, String> alone = new TreeMap<>();
        for (long i = 0; i < runs; i++) {
            alone.put(i, outcome(p, Strategies.forRun("portfolio", master, i)));
        }
        TreeMap<Long, String> split = new TreeMap<>();
        for (int worker = 2; worker >= 0; worker--) {
            List<Long> mine = new ArrayList<>();
            for (long i = worker; i < runs; i += 3) {
                mine.add(0, i);
            }
            for (long i : mine) {
                split.put(i, outcome(p, Strategies.forRun("portfolio", master, i)));
            }
        }
        assertEquals(alone, split);
        assertTrue(new TreeSet<>(alone.values()).size() > runs / 2, "runs should differ: " + alone.values());
    }

    @Test
    void aChoiceCanBeRebuiltFromItsNameAndSeed() {
        RandomProgram p = RandomProgram.generate(0x5eed0007L);
        for (long i = 0; i < 8; i++) {
            Strategy.Choice c = Strategies.forRun("portfolio", 5, i);
            Decider again = Strategies.create(c.name(), c.seed());
            assertArrayEquals(run(p, c.decider()), run(p, again), c.toString());
        }
    }

    private static String outcome(RandomProgram p, Strategy.Choice c) {
        return c.name() + " " + java.util.Arrays.toString(run(p, c.decider()));
    }

    private static int[] run(RandomProgram p, Decider d) {
        Simulation m = new Simulation(MachineConfig.of(p.cpus, MemoryModel.WEAK), StrandFactory.best(), false);
        p.load(m);
        return m.run(d).decisions().chosenArray();
    }
}
