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
        List<String> all = out.toString().lines().toList();
        List<String> lines = all.subList(0, all.indexOf("")); // the built-ins; the rcutorture catalog follows
        // the seventeen built-ins, the 13 race-* programs and the shipped scenario files, in name order
        assertEquals(17 + 13 + rcusim.scenarios.file.FileCatalog.shipped().size(), lines.size(), out.toString());
        assertTrue(line(lines, "race-plain-rw").matches("  race-plain-rw +2 CPUs  data-race detector: .*--inject plain-rw: .*\\(BUG: KCSAN, exit 1\\)"),
                out.toString());
        assertEquals("rcutorture configurations (catalog/rcutorture; also any such file by path):", all.get(lines.size() + 1));
        assertEquals(all.size(), lines.size() + 2 + rcusim.scenarios.kconfig.RcutortureCatalog.names().size(), out.toString());
        assertTrue(line(lines, "gp-2cpu").matches("  gp-2cpu +2 CPUs  non-preemptible Tree RCU, 2 CPUs: a reader reads y then x.*"),
                out.toString());
        assertTrue(line(lines, "gp-2cpu-span").matches("  gp-2cpu-span +2 CPUs  non-preemptible Tree RCU, 2 CPUs: a reader reads x then y.*"),
                out.toString());
        assertTrue(line(lines, "gp-3cpu").matches("  gp-3cpu +3 CPUs  non-preemptible Tree RCU, 3 CPUs on a two-level rcu_node.*"),
                out.toString());
        assertTrue(line(lines, "hotplug-storm").matches("  hotplug-storm +4 CPUs  takes random CPUs offline .*\\(exit 0\\)"));
        assertTrue(line(lines, "lockdep-abba").matches("  lockdep-abba +2 CPUs  CPU 0 takes lock_A then lock_B.*\\(exit 1\\)"));
        assertTrue(line(lines, "lifo-stack").matches("  lifo-stack +2 CPUs  lock-free LIFO stack .*"), out.toString());
        assertTrue(line(lines, "rcu-list-early-free").matches("  rcu-list-early-free +2 CPUs  RCU-protected list .*"), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  publish-subscribe +2 CPUs  teaching: .*")), out.toString());
        // the built-ins among them, in name order
        java.util.Set<String> files = new java.util.HashSet<>();
        rcusim.scenarios.file.FileCatalog.shipped().forEach(f -> files.add(f.name()));
        lines = lines.stream().filter(l -> !files.contains(l.trim().split(" +")[0]))
                .filter(l -> !l.startsWith("  race-")).toList();
        assertEquals(17, lines.size(), out.toString());
        assertTrue(lines.get(6).matches("  nocb +8 CPUs  non-preemptible Tree RCU, 8 CPUs, fanout 3/3, rcu_nocbs=0,2-5.*"), lines.get(6));
        assertTrue(lines.get(8).matches("  seqcount +3 CPUs  seqcount_t: .*"), lines.get(8));
        assertTrue(lines.get(12).matches("  torture +4 CPUs  preemptible Tree RCU, 4 CPUs, fanout 2/2 .*"), lines.get(12));
        assertTrue(lines.get(16).matches("  tree07 +16 CPUs  non-preemptible Tree RCU, 16 CPUs.*"), lines.get(16));
        assertEquals(all.subList(0, all.indexOf("")).stream().sorted().toList(), all.subList(0, all.indexOf("")),
                "sorted by name");
        assertTrue(line(all, "torture-file").matches("  torture-file\\s+4 CPUs  rcutorture's workload as a scenario file.*"));
        assertTrue(line(all, "preempted-reader").matches("  preempted-reader\\s+2 CPUs  teaching: .*"));
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
        // Tree RCU's faults, the seqlock scenarios', the zombie-pointer scenarios' (lifo-stack,
        // rcu-list-early-free), then the racy programs' (race-*)
        assertEquals(rcusim.rcu.RcuFault.values().length + rcusim.kernel.seqlock.SeqFault.values().length + 2 + 13,
                lines.size(), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("mp-no-release ")), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("seqcount-retry-no-rmb ")), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("pop-frees-without-grace-period ")), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("updater-frees-early ")), out.toString());
        assertTrue(lines.get(0).startsWith("no-mb-after-unlock-lock "), lines.get(0));
        assertEquals(ExitCodes.USAGE, Main.run(new PrintWriter(out), new PrintWriter(err), "list", "bogus"));
    }
}
