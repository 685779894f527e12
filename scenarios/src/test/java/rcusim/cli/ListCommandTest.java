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
        // the built-in scenarios and the shipped scenario files, in one name-sorted list
        List<String> lines = out.toString().lines().toList();
        assertEquals(9 + rcusim.scenarios.file.FileCatalog.index().size(), lines.size(), out.toString());
        assertEquals(lines.stream().sorted().toList(), lines, "sorted by name");
        assertTrue(line(lines, "gp-2cpu").matches("  gp-2cpu\\s+2 CPUs  non-preemptible Tree RCU, 2 CPUs: a reader reads y then x.*"),
                out.toString());
        assertTrue(line(lines, "hotplug-storm").matches("  hotplug-storm\\s+4 CPUs  takes random CPUs offline .*\\(exit 0\\)"));
        assertTrue(line(lines, "lockdep-abba").matches("  lockdep-abba\\s+2 CPUs  CPU 0 takes lock_A then lock_B.*\\(exit 1\\)"));
        assertTrue(line(lines, "nocb").matches("  nocb\\s+8 CPUs  non-preemptible Tree RCU, 8 CPUs, fanout 3/3, rcu_nocbs=0,2-5.*"));
        assertTrue(line(lines, "torture").matches("  torture\\s+4 CPUs  preemptible Tree RCU, 4 CPUs, fanout 2/2 .*"));
        assertTrue(line(lines, "tree07").matches("  tree07\\s+16 CPUs  non-preemptible Tree RCU, 16 CPUs.*"));
        assertTrue(line(lines, "publish-subscribe").matches("  publish-subscribe\\s+2 CPUs  teaching: publish/subscribe .*"));
        assertTrue(line(lines, "torture-file").matches("  torture-file\\s+4 CPUs  rcutorture's workload as a scenario file.*"));
        assertEquals("", err.toString());
    }

    private static String line(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("  " + name + " ")).findFirst().orElse("(no line for " + name + ")");
    }

    @Test
    void listsMutationsOnePerLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.PASS, Main.run(new PrintWriter(out), new PrintWriter(err), "list", "mutations"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(rcusim.rcu.RcuFault.values().length, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("no-mb-after-unlock-lock "), lines.get(0));
        assertEquals(ExitCodes.USAGE, Main.run(new PrintWriter(out), new PrintWriter(err), "list", "bogus"));
    }
}
