package rcusim.scenarios.builtin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rcusim.rcu.RcuFault;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/** Every Tree RCU scenario of the catalog passes a fixed-seed exploration. */
class RcuScenariosTest {
    static Stream<String> rcuScenarios() {
        return Stream.of("torture", "tree02", "tree04", "tree05", "tree07", "nocb");
    }

    @ParameterizedTest
    @MethodSource("rcuScenarios")
    void passesFixedSeeds(String name) {
        Scenario s = Catalog.builtin().find(name).orElseThrow();
        for (long seed = 1; seed <= 3; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            long sd = seed;
            assertTrue(r.passed(), () -> name + " seed " + sd + ": " + r.result().describe());
        }
    }

    /** --inject reaches the scenario: an injected fault fails a run within a few seeds. */
    @ParameterizedTest
    @MethodSource("rcuScenarios")
    void injectionIsApplied(String name) {
        Scenario s = Catalog.builtin().find(name).orElseThrow().withInjection(RcuFaults.of(RcuFault.INIT_QSMASK_ZERO));
        for (long seed = 1; seed <= 10; seed++) {
            if (!ScenarioRun.run(s, seed, false).passed()) {
                return;
            }
        }
        throw new AssertionError(name + " passed 10 runs with init-qsmask-zero injected");
    }
}
