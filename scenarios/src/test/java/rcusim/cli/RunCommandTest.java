package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.builtin.RealLockdep;

class RunCommandTest {
    private static final Pattern REPRODUCE = Pattern.compile("(?m)^reproduce: \\./rcusim (run .*)$");

    @TempDir
    Path dir;



    /** {@code rcusim run ...} over the test catalog (args start after "run"). */
    private static Outcome runTestCatalog(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        CommandLine run = new CommandLine(new RunCommand(TestScenarios.CATALOG));
        run.setOut(cl.getOut());
        run.setErr(cl.getErr());
        run.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
        int code = Main.execute(run, args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The report of the failing run with this seed: describe()'s text, as printed. */
    private static String failureOf(String out, long seed) {
        String head = "--- seed " + seed + "\n";
        int from = out.indexOf(head);
        assertTrue(from >= 0, "no failure report for seed " + seed + " in\n" + out);
        int to = out.indexOf("\nreproduce: ", from);
        return out.substring(from + head.length(), to);
    }

    @Test
    void hotplugStormPasses() {
        Outcome o = Outcome.rcusim("run", "hotplug-storm");
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith("rcusim run hotplug-storm: "), o.out());
        assertTrue(o.out().contains("4 CPUs, memory model weak, HZ 1000, preemption full"), o.out());
        assertTrue(o.out().contains("runs     1, seeds 1 to 1"), o.out());
        assertTrue(o.out().matches("(?s).*\nhotplug-storm: 1 runs, 1 passed, 0 failed; \\d+ steps; \\d+\\.\\d\\d s wall\n"),
                o.out());
        assertFalse(o.out().contains("reproduce:"), o.out());
        assertEquals("", o.err());
    }

    /** ASSUMES the real lockdep (being merged): with the stub in this tree it is skipped. */
    @Test
    void lockdepAbbaFailsWithTheCircularDependencyReport() {
        assumeTrue(RealLockdep.merged(), RealLockdep.STUB);
        Outcome o = Outcome.rcusim("run", "lockdep-abba");
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("LOCKDEP: WARNING: possible circular locking dependency detected"), o.out());
        assertTrue(o.out().contains("\nreproduce: ./rcusim run lockdep-abba --seed 1\n"), o.out());
        assertTrue(o.out().contains("lockdep-abba: 1 runs, 0 passed, 1 failed (LOCKDEP 1);"), o.out());
    }

    /** ASSUMES the real lockdep (being merged): with the stub in this tree it is skipped. */
    @Test
    void lockdepAbbaReproduceCommandGivesTheSameReport() {
        assumeTrue(RealLockdep.merged(), RealLockdep.STUB);
        Outcome many = Outcome.rcusim("run", "lockdep-abba", "--seed", "40", "--runs", "3");
        assertEquals(ExitCodes.FAILURE_FOUND, many.code(), many.out());
        Matcher m = REPRODUCE.matcher(many.out());
        for (long seed = 40; seed < 43; seed++) {
            assertTrue(m.find(), many.out());
            assertEquals("run lockdep-abba --seed " + seed, m.group(1));
            Outcome again = Outcome.rcusim(m.group(1).split(" "));
            assertEquals(ExitCodes.FAILURE_FOUND, again.code(), again.out());
            assertEquals(failureOf(many.out(), seed), failureOf(again.out(), seed));
        }
    }

    @Test
    void theReproduceCommandOfAFailureReproducesIt() {
        Outcome many = runTestCatalog("lost-update", "--seed", "1", "--runs", "40");
        assertEquals(ExitCodes.FAILURE_FOUND, many.code(), many.out());
        Matcher m = REPRODUCE.matcher(many.out());
        int checked = 0;
        while (m.find()) {
            String[] args = m.group(1).split(" ");
            assertEquals("run", args[0]);
            long seed = Long.parseLong(args[args.length - 1]);
            Outcome again = runTestCatalog(Arrays.copyOfRange(args, 1, args.length));
            assertEquals(ExitCodes.FAILURE_FOUND, again.code(), again.out());
            String report = failureOf(many.out(), seed);
            assertTrue(report.startsWith("FAILED at decision ") && report.contains("BUG: kernel BUG at counter "), report);
            assertEquals(report, failureOf(again.out(), seed));
            checked++;
        }
        assertTrue(checked > 0 && checked < 40, "want some but not all seeds to lose an update: " + checked);
        assertTrue(many.out().contains("lost-update: 40 runs, " + (40 - checked) + " passed, " + checked
                + " failed (BUG " + checked + ");"), many.out());
    }

    @Test
    void unknownScenarioIsAUsageErrorListingTheKnownOnes() {
        Outcome o = Outcome.rcusim("run", "no-such-scenario");
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.err().startsWith("rcusim run: no scenario named 'no-such-scenario' and no such file; the scenarios are:"), o.err());
        for (String name : Catalog.builtin().names()) {
            assertTrue(o.err().contains("  " + name + "  "), o.err());
        }
        assertEquals("", o.out());
    }

    @Test
    void runsBelowOneIsAUsageError() {
        Outcome o = Outcome.rcusim("run", "lockdep-abba", "--runs", "0");
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.err().contains("--runs must be at least 1, got 0"), o.err());
    }

    @Test
    void aNameIsRequired() {
        Outcome o = Outcome.rcusim("run");
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.err().contains("Missing required parameter: 'NAME'"), o.err());
    }

    @Test
    void helpNamesTheScenarios() {
        Outcome o = Outcome.rcusim("run", "--help");
        assertEquals(ExitCodes.PASS, o.code());
        String help = o.out().replaceAll("\\s+", " "); // picocli wraps the long list
        StringBuilder races = new StringBuilder();
        for (String n : rcusim.scenarios.builtin.Catalog.builtin().names()) {
            if (n.startsWith("race-")) {
                races.append(' ').append(n).append(',');
            }
        }
        assertTrue(help.contains("the scenario: a name (call-rcu-hotplug, gp-2cpu, gp-2cpu-span, gp-3cpu, hotplug-storm, kfree-rcu, lifo-stack, lockdep-abba,"
                + " nocb, preempted-reader, preempted-reader-tree, publish-subscribe," + races + " rcu-list-early-free, regress/dying-cpu-qs,"
                + " regress/exp-blocked-reader, regress/gp-init-qsmask, regress/poll-cookie-gp-started,"
                + " regress/tick-qs-in-reader, seqcount, seqcount-latch, seqlock, seqlock-preempt, torture, torture-file, tree02, tree04, tree05, tree07), a scenario file's"
                + " path, or an rcutorture configuration"), o.out());
    }

    @Test
    void traceFileHoldsTheFirstFailingRun() throws IOException {
        Path file = dir.resolve("lost.trace");
        Outcome o = runTestCatalog("lost-update", "--runs", "40", "--trace", file.toString());
        Matcher m = REPRODUCE.matcher(o.out());
        assertTrue(m.find(), o.out());
        String trace = Files.readString(file);
        assertTrue(trace.startsWith("# ./rcusim " + m.group(1) + "\n# FAILED at decision "), trace);
        assertTrue(trace.contains(" WRITE_ONCE "), trace);
    }

    @Test
    void traceFileHoldsTheLastRunWhenAllPass() throws IOException {
        Path file = dir.resolve("quiet.trace");
        Outcome o = runTestCatalog("quiet", "--seed", "5", "--runs", "3", "--trace", file.toString());
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        String trace = Files.readString(file);
        assertTrue(trace.startsWith("# ./rcusim run quiet --seed 7\n# passed after "), trace);
    }

    @Test
    void anUnwritableTraceFileIsAUsageErrorBeforeAnyRun() {
        Outcome o = Outcome.rcusim("run", "lockdep-abba", "--trace", dir.resolve("no/such/dir/t.trace").toString());
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.err().contains("--trace: cannot write "), o.err());
        assertEquals("", o.out());
    }
}
