package rcusim.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The layering and determinism rules on the real code: every production class of rcusim (machine, rcu, sched, scenarios). */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("rcusim");

    @TestFactory
    Stream<DynamicTest> rulesHold() {
        return SimulationRules.all("rcusim").stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(CLASSES)));
    }

    /** Guards against vacuous rules: the import must see the modules the rules are about. */
    @Test
    void importSeesTheSimulationModules() {
        assertTrue(CLASSES.contain("rcusim.machine.strand.ThreadStrands"), "machine classes on the classpath");
        assertTrue(CLASSES.contain("rcusim.cli.Main"), "scenarios classes on the classpath");
        assertTrue(CLASSES.stream().noneMatch(c -> c.getPackageName().startsWith("rcusim.arch")),
                "test fixtures must not be imported");
        for (ArchRule rule : SimulationRules.all("rcusim")) {
            assertTrue(rule.getDescription().contains("because"), rule.getDescription());
        }
    }
}
