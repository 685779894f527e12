package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import rcusim.sched.ReplayDivergedException;
import rcusim.sched.replay.BuildInfo;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** Runs with one extra subcommand, "boom", that throws what it is given. */
    private int runThrowing(Throwable t) {
        CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        cl.addSubcommand(new Boom(t));
        return Main.execute(cl, "boom");
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Throwable t;

        Boom(Throwable t) {
            this.t = t;
        }

        @Override
        public Integer call() throws Exception {
            if (t instanceof Exception e) {
                throw e;
            }
            throw (Error) t;
        }
    }

    @Test
    void helpExitsZeroAndShowsUsage() {
        assertEquals(ExitCodes.PASS, run("--help"));
        String help = out.toString();
        assertTrue(help.contains("Usage: rcusim"), help);
        assertTrue(help.contains("--version"), help);
        assertTrue(help.contains("Exit codes:"), help);
        assertFalse(help.contains("\u001b["), "no ANSI when not on a terminal");
        assertEquals("", err.toString());
    }

    @Test
    void helpSubcommandWorks() {
        assertEquals(ExitCodes.PASS, run("help"));
        assertTrue(out.toString().contains("Usage: rcusim"), out.toString());
    }

    @Test
    void versionShowsTheCommitLine() {
        assertEquals(ExitCodes.PASS, run("--version"));
        String first = out.toString().lines().findFirst().orElse("");
        assertTrue(first.matches("rcusim \\S+ \\(commit ([0-9a-f]{7,}(-dirty)?|unknown), built \\S+\\)"), first);
        assertTrue(out.toString().contains("strands: "), out.toString());
        assertEquals(BuildInfo.current().versionLine(), first);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("--no-such-option"));
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
        assertTrue(err.toString().contains("Usage: rcusim"), err.toString());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("frobnicate"));
        assertTrue(err.toString().contains("frobnicate"), err.toString());
    }

    @Test
    void noArgumentsShowsUsageAsAUsageError() {
        assertEquals(ExitCodes.USAGE, run());
        assertTrue(err.toString().contains("Usage: rcusim"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void badInputExitsThreeWithFileLineCol() {
        int code = runThrowing(new BadInputException("tests/MP.litmus", 12, 5, "unexpected token '}'"));
        assertEquals(ExitCodes.BAD_INPUT, code);
        assertEquals("tests/MP.litmus:12:5: unexpected token '}'", err.toString().strip());
    }

    @Test
    void badInputWrappedInAnotherExceptionStillExitsThree() {
        RuntimeException wrapped = new RuntimeException(new BadInputException("a.yaml", 3, 0, "no cpus"));
        assertEquals(ExitCodes.BAD_INPUT, runThrowing(wrapped));
        assertEquals("a.yaml:3: no cpus", err.toString().strip());
    }

    @Test
    void badInputLocationIsOptional() {
        assertEquals("f.yaml: empty", new BadInputException("f.yaml", "empty").getMessage());
        assertEquals("f.yaml:3: x", new BadInputException("f.yaml", 3, "x").getMessage());
        assertEquals("f.yaml:3:4: x", new BadInputException("f.yaml", 3, 4, "x").getMessage());
        assertEquals("x", new BadInputException(null, 3, 4, "x").getMessage());
    }

    @Test
    void replayDivergenceExitsFour() {
        assertEquals(ExitCodes.REPLAY_DIVERGED, runThrowing(new ReplayDivergedException(7, "offered 3, recorded 2")));
        assertTrue(err.toString().contains("replay diverged at decision 7"), err.toString());
    }

    @Test
    void internalExceptionExitsSeventyWithMessageAndStackTrace() {
        assertEquals(ExitCodes.INTERNAL, runThrowing(new IllegalStateException("queue corrupted")));
        String e = err.toString();
        assertTrue(e.startsWith("rcusim: internal error: java.lang.IllegalStateException: queue corrupted"), e);
        assertTrue(e.contains("please report"), e);
        assertTrue(e.contains("\tat rcusim.cli.MainTest"), e);
    }

    @Test
    void internalErrorExitsSeventyToo() {
        assertEquals(ExitCodes.INTERNAL, runThrowing(new StackOverflowError()));
        assertTrue(err.toString().startsWith("rcusim: internal error: java.lang.StackOverflowError"), err.toString());
    }

    @Test
    void buildIdNamesVersionAndCommit() {
        BuildInfo b = BuildInfo.current();
        assertTrue(b.buildId().startsWith(b.version() + "+"), b.buildId());
        assertFalse(b.version().contains("${"));
    }
}
