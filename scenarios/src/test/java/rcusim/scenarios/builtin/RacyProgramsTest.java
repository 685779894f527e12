package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rcusim.machine.SimFailure;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * Detection power of the data-race detector: every racy program is reported (KCSAN's title,
 * as a DATA_RACE failure) within a few seeds, and its fixed version is clean on a thousand.
 */
class RacyProgramsTest {
    private static final int SEEDS = 12;
    /**
     * Fixed versions run on many more seeds: a missing happens-before edge shows in a few runs in
     * a hundred (completion's count seen before its release once failed 6 of 200).
     */
    private static final int CLEAN_SEEDS = 1000;

    static Stream<Arguments> programs() {
        return RacyPrograms.ALL.stream().map(p -> Arguments.of(p.name()));
    }

    private static Scenario scenario(String name) {
        return Catalog.builtin().find(name).orElseThrow(() -> new AssertionError("no scenario " + name));
    }

    @ParameterizedTest(name = "race-{0} --inject {0} is reported")
    @MethodSource("programs")
    void racyVersionIsReported(String name) {
        Scenario clean = scenario("race-" + name);
        Scenario s = clean.withInjection(clean.injectable(name).orElseThrow());
        for (long seed = 1; seed <= SEEDS; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            if (!r.passed()) {
                SimFailure f = r.result().failure();
                assertEquals(SimFailure.Kind.DATA_RACE, f.kind(), () -> r.result().describe());
                String first = f.getMessage().lines().findFirst().orElseThrow();
                assertTrue(first.matches("BUG: KCSAN: (data-race|assert: race) in \\S+ / \\S+"), first);
                assertTrue(f.getMessage().contains(" bytes by "), f.getMessage());
                return;
            }
        }
        fail("race-" + name + ": no race reported in " + SEEDS + " seeds");
    }

    @ParameterizedTest(name = "race-{0} is clean")
    @MethodSource("programs")
    void fixedVersionIsClean(String name) {
        Scenario s = scenario("race-" + name);
        for (long seed = 1; seed <= CLEAN_SEEDS; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            long currentSeed = seed;
            assertTrue(r.passed(), () -> "seed " + currentSeed + ": " + r.result().describe());
        }
    }
}
