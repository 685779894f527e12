package rcusim.scenarios.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rcusim.scenarios.file.FileCatalog;
import rcusim.scenarios.file.FileScenario;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;
import rcusim.sched.schedule.ScheduleFile;

/**
 * The scripted regression scenarios of catalog/regress: each fails on its first run with its
 * fault injected, following the file's schedule, and passes without the fault, under the
 * schedule and under random decisions (1,000 runs in the slow test).
 */
class RegressionScenariosTest {
    /** Each regression scenario (catalog stem) and the fault it catches. */
    static final Map<String, String> REGRESSIONS = Map.of(
            "regress/dying-cpu-qs", "hotplug-clear-before-report",
            "regress/exp-blocked-reader", "exp-ignores-blocked-tasks",
            "regress/gp-init-qsmask", "init-qsmask-zero",
            "regress/tick-qs-in-reader", "qs-in-reader",
            "regress/poll-cookie-gp-started", "poll-done-on-start");

    private static FileScenario scenario(String stem) {
        return FileCatalog.shipped().stream().filter(s -> s.name().equals(stem)).findFirst().orElseThrow();
    }

    private static ScenarioRun scheduled(Scenario s, FileScenario file, long seed) {
        return ScheduleFile.of(file.schedule().orElseThrow()).run(s, seed, false);
    }

    @Test
    void eachFailsOnItsFirstScheduledRunWithItsFault() {
        REGRESSIONS.forEach((stem, fault) -> {
            FileScenario f = scenario(stem);
            ScenarioRun r = scheduled(f.withInjection(f.injectable(fault).orElseThrow()), f, 1);
            assertFalse(r.passed(), stem + " with " + fault + " passed its scheduled run");
        });
    }

    @Test
    void theDyingCpuFailsAsTheIncomingCpuThatStillBlocksTheGracePeriod() {
        FileScenario f = scenario("regress/dying-cpu-qs");
        ScenarioRun r = scheduled(f.withInjection(f.injectable("hotplug-clear-before-report").orElseThrow()), f, 1);
        assertTrue(r.result().describe().contains("WARN_ON(incoming CPU 2 blocks a grace period)"), r.result().describe());
    }

    @Test
    void theExpeditedGracePeriodEndsUnderThePreemptedReader() {
        FileScenario f = scenario("regress/exp-blocked-reader");
        ScenarioRun r = scheduled(f.withInjection(f.injectable("exp-ignores-blocked-tasks").orElseThrow()), f, 1);
        assertTrue(r.result().describe().contains("USE_AFTER_FREE"), r.result().describe());
    }

    @Test
    void theTickInAReaderLetsTheUpdaterFreeWhatTheReaderStillReads() {
        FileScenario f = scenario("regress/tick-qs-in-reader");
        ScenarioRun r = scheduled(f.withInjection(f.injectable("qs-in-reader").orElseThrow()), f, 1);
        assertTrue(r.result().describe().contains("USE_AFTER_FREE"), r.result().describe());
    }

    @Test
    void theGracePeriodThatOwesNothingEndsUnderTheReader() {
        FileScenario f = scenario("regress/gp-init-qsmask");
        ScenarioRun r = scheduled(f.withInjection(f.injectable("init-qsmask-zero").orElseThrow()), f, 1);
        assertTrue(r.result().describe().contains("USE_AFTER_FREE"), r.result().describe());
    }

    @Test
    void theStartedGracePeriodPollsDoneAndTheUpdaterFreesUnderTheReader() {
        FileScenario f = scenario("regress/poll-cookie-gp-started");
        ScenarioRun r = scheduled(f.withInjection(f.injectable("poll-done-on-start").orElseThrow()), f, 1);
        assertTrue(r.result().describe().contains("USE_AFTER_FREE"), r.result().describe());
    }

    @Test
    void eachPassesWithoutItsFaultScheduledAndAtRandom() {
        REGRESSIONS.keySet().forEach(stem -> {
            FileScenario f = scenario(stem);
            for (long seed = 1; seed <= 3; seed++) {
                ScenarioRun r = scheduled(f, f, seed);
                assertTrue(r.passed(), stem + " scheduled, seed " + seed + ": " + r.result().describe());
            }
            assertEquals(0, failures(f, 100), stem);
        });
    }

    /** The bar: 1,000 random runs without the fault (a few seconds per scenario). */
    @Test
    @Tag("slow")
    void eachPassesAThousandRandomRunsWithoutItsFault() {
        REGRESSIONS.keySet().forEach(stem -> assertEquals(0, failures(scenario(stem), 1000), stem));
    }

    private static int failures(Scenario s, int runs) {
        int failed = 0;
        for (long seed = 1; seed <= runs; seed++) {
            failed += ScenarioRun.run(s, seed, false).passed() ? 0 : 1;
        }
        return failed;
    }
}
