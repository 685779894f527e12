package rcusim.scenarios.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/** Every scenario file of the catalog runs and meets its expectation; the teaching ones catch their faults. */
class CatalogFilesTest {
    static List<String> stems() {
        return FileCatalog.index();
    }

    @Test
    void theIndexListsEveryFileOfTheCatalogDirectory() throws IOException {
        Path dir = Path.of("src/main/resources/rcusim/catalog");
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> onDisk = files.map(p -> dir.relativize(p).toString()).filter(n -> n.endsWith(".scn"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            assertEquals(onDisk, stems().stream().sorted().toList());
        }
    }

    @ParameterizedTest
    @MethodSource("stems")
    void runsAndMeetsItsExpectation(String stem) {
        Scenario s = FileCatalog.shipped().stream().filter(f -> f.name().equals(stem)).findFirst().orElseThrow();
        assertNull(((FileScenario) s).mustFailWith(), "catalog files so far must pass");
        for (long seed = 1; seed <= 2; seed++) {
            ScenarioRun r = ScenarioRun.run(s, seed, false);
            assertTrue(r.passed(), () -> stem + ": " + r.result().describe());
        }
    }

    /** The teaching scenarios are tests too: each catches a fault that breaks what it teaches, within 10 seeds. */
    @ParameterizedTest
    @MethodSource("faultsCaught")
    void catchesTheFaultItTeaches(String stem, String fault) {
        Scenario s = FileCatalog.shipped().stream().filter(f -> f.name().equals(stem)).findFirst().orElseThrow();
        Scenario injected = s.withInjection(s.injectable(fault).orElseThrow());
        boolean failed = false;
        for (long seed = 1; seed <= 10 && !failed; seed++) {
            failed = !ScenarioRun.run(injected, seed, false).passed();
        }
        assertTrue(failed, stem + " with " + fault + " passed 10 runs");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> faultsCaught() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("publish-subscribe", "sync-returns-at-once"),
                org.junit.jupiter.params.provider.Arguments.of("preempted-reader", "sync-returns-at-once"),
                org.junit.jupiter.params.provider.Arguments.of("preempted-reader", "qs-in-reader"),
                org.junit.jupiter.params.provider.Arguments.of("preempted-reader-tree", "sync-returns-at-once"),
                org.junit.jupiter.params.provider.Arguments.of("call-rcu-hotplug", "barrier-ipi-no-wait"),
                org.junit.jupiter.params.provider.Arguments.of("call-rcu-hotplug", "hotplug-clear-before-report"));
    }
}
