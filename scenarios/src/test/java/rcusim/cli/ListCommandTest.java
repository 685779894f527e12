package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListCommandTest {
    @Test
    void listsEveryBuiltinScenarioWithItsDescription() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.PASS, Main.run(new PrintWriter(out), new PrintWriter(err), "list"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        assertTrue(lines.get(0).matches("  hotplug-storm   4 CPUs  takes random CPUs offline .*\\(exit 0\\)"), lines.get(0));
        assertTrue(lines.get(1).matches("  lockdep-abba    2 CPUs  CPU 0 takes lock_A then lock_B.*\\(exit 1\\)"), lines.get(1));
        assertEquals("", err.toString());
    }
}
