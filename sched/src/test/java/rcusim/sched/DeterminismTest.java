package rcusim.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.machine.strand.ThreadStrands;

/**
 * "Determinism is the product": a run is a pure function of program, configuration
 * and decisions. Random programs (from {@link RandomProgram}) run twice under the same seeded
 * {@link RandomDecider} must take byte-for-byte the same decisions and produce the same trace;
 * replaying the recorded decisions must reproduce that trace; and replaying them against a
 * changed program must stop with a {@link ReplayDivergedException}.
 */
class DeterminismTest {
    private static final int SEEDS = 50;

    static Stream<Arguments> cases() {
        return Stream.of(MemoryModel.values())
                .flatMap(model -> LongStream.range(0, SEEDS).mapToObj(s -> Arguments.of(model, 0x5eed0000L + s)));
    }

    /** What one run leaves behind. */
    private record Run(RunResult result, String trace) {
    }

    private static Run run(RandomProgram p, MemoryModel model, Decider decider) {
        return run(p, model, decider, StrandFactory.best());
    }

    private static Run run(RandomProgram p, MemoryModel model, Decider decider, StrandFactory strands) {
        Simulation m = new Simulation(MachineConfig.of(p.cpus, model), strands, true);
        p.load(m);
        RunResult r = m.run(decider);
        return new Run(r, m.trace());
    }

    @Test
    void generatorIsAFunctionOfTheSeed() {
        for (long s = 0; s < SEEDS; s++) {
            assertEquals(RandomProgram.generate(s).toString(), RandomProgram.generate(s).toString());
        }
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void sameSeedSameRun(MemoryModel model, long seed) {
        RandomProgram p = RandomProgram.generate(seed);
        Run a = run(p, model, new RandomDecider(seed));
        Run b = run(p, model, new RandomDecider(seed));
        String where = model + " " + p;

        assertTrue(a.result().passed(), () -> where + "\nfailed: " + a.result().failure());
        assertTrue(a.result().decisions().size() > 0, () -> where + "\nno decisions were taken");
        assertTrue(a.trace().lines().count() > p.cpus, () -> where + "\ntrivial trace:\n" + a.trace());
        assertArrayEquals(a.result().decisions().offeredArray(), b.result().decisions().offeredArray(), where);
        assertArrayEquals(a.result().decisions().chosenArray(), b.result().decisions().chosenArray(), where);
        assertEquals(a.result().steps(), b.result().steps(), where);
        assertEquals(a.trace(), b.trace(), where);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void replayReproducesTheTrace(MemoryModel model, long seed) {
        RandomProgram p = RandomProgram.generate(seed);
        Run recorded = run(p, model, new RandomDecider(seed));
        ReplayDecider replay = new ReplayDecider(recorded.result().decisions());
        Run replayed = run(p, model, replay);
        replay.checkConsumed(replayed.result());
        String where = model + " " + p;

        assertTrue(replayed.result().passed(), () -> where + "\nreplay failed: " + replayed.result().failure());
        assertArrayEquals(recorded.result().decisions().offeredArray(), replayed.result().decisions().offeredArray(), where);
        assertArrayEquals(recorded.result().decisions().chosenArray(), replayed.result().decisions().chosenArray(), where);
        assertArrayEquals(recorded.result().decisions().fingerprintArray(),
                replayed.result().decisions().fingerprintArray(), where);
        assertEquals(recorded.trace(), replayed.trace(), where);
    }

    /** The strand substrate is invisible: threads give the run continuations give. */
    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void sameRunOnEitherSubstrate(MemoryModel model) {
        for (long seed = 0x5eed0000L; seed < 0x5eed0000L + 10; seed++) {
            RandomProgram p = RandomProgram.generate(seed);
            Run a = run(p, model, new RandomDecider(seed), StrandFactory.best());
            Run b = run(p, model, new RandomDecider(seed), new ThreadStrands());
            String where = model + " " + p + "\n" + StrandFactory.best().name() + " vs thread";
            assertArrayEquals(a.result().decisions().offeredArray(), b.result().decisions().offeredArray(), where);
            assertArrayEquals(a.result().decisions().chosenArray(), b.result().decisions().chosenArray(), where);
            assertEquals(a.trace(), b.trace(), where);
        }
    }

    /**
     * Replaying a recording against a changed program (one extra WRITE_ONCE at the start of
     * P0) must stop with a ReplayDivergedException every time: at the first decision whose
     * options or step differ, or at the end when the decisions run out, are left over or the
     * step count differs.
     */
    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void replayOfAChangedProgramDiverges(MemoryModel model) {
        for (long s = 0; s < SEEDS; s++) {
            long seed = 0x5eed0000L + s;
            RandomProgram p = RandomProgram.generate(seed);
            Run recorded = run(p, model, new RandomDecider(seed));
            ReplayDecider replay = new ReplayDecider(recorded.result().decisions());
            String where = model + " " + p + "\nwith an extra WRITE_ONCE at the start of P0";
            ReplayDivergedException e = assertThrows(ReplayDivergedException.class, () -> {
                Run r = run(p.withExtraWriteOnCpu0(), model, replay);
                replay.checkConsumed(r.result());
            }, where);
            assertTrue(e.getMessage().startsWith("replay diverged at decision " + e.decisionIndex() + ": "),
                    e::getMessage);
            assertTrue(e.decisionIndex() >= 0 && e.decisionIndex() <= recorded.result().decisions().size(),
                    e::getMessage);
        }
    }
}
