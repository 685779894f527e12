package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rcusim explore gp-2cpu --strategy exhaustive:...}: the grace-period guarantee of Tree
 * RCU on 2 CPUs, explored exhaustively within a bound. The default suite runs the smallest bound
 * (4,608 executions, a few seconds); the proofs at the largest bounds that complete are tagged
 * slow (minutes).
 */
class ExhaustiveExploreTest {
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) executions, (complete|incomplete)[^;]*; (\\d+) failed;");

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
        long executions() {
            return Long.parseLong(summary().group(1));
        }

        boolean complete() {
            return summary().group(2).equals("complete");
        }

        long failed() {
            return Long.parseLong(summary().group(3));
        }

        private Matcher summary() {
            Matcher m = SUMMARY.matcher(out);
            assertTrue(m.find(), out + err);
            return m;
        }
    }

    private static Outcome rcusim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Bound 0 preemptions, 0 deviations: every execution explored (4,608), none too short. */
    @Test
    void smallBoundIsCompleteAndFindsNothing() {
        Outcome o = rcusim("explore", "gp-2cpu", "--strategy", "exhaustive:0:0");
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.complete(), o.out());
        assertEquals(0, o.failed());
        assertTrue(o.executions() > 100, o.out());
        assertTrue(o.out().contains("at most 0 preemptions and 0 deviations"), o.out());
    }

    /**
     * Not vacuous: when synchronize_rcu() returns at once, the same search finds the forbidden
     * outcome (one preemption into the reader's critical section and one stale read), writes a
     * replay file, and the file reproduces it.
     */
    @Test
    void findsTheMutationAndItsReplayReproducesIt() {
        Path out = dir.resolve("found");
        Outcome o = rcusim("explore", "gp-2cpu", "--strategy", "exhaustive:1", "--inject", "sync-returns-at-once",
                "--stop-on-first", "--out", out.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("too-short grace period: !!! the reader saw y == 1 but x == 0"), o.out());
        assertTrue(o.out().contains("stopped at the first failure"), o.out());
        Path file = rcusim.sched.explore.FailureArchive.fileFor(out, rcusim.sched.replay.Signature.parse(
                "RCU: too-short grace period: !!! the reader saw y == N but x == N, its critical section overlapped"
                        + " synchronize_rcu()"));
        assertTrue(Files.exists(file), o.out());
        Outcome replay = rcusim("replay", file.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, replay.code(), replay.out() + replay.err());
        assertTrue(replay.out().contains("reproduced: the same failure"), replay.out());
    }

    @Test
    void aBudgetThatRunsOutSaysIncomplete() {
        Outcome o = rcusim("explore", "gp-2cpu", "--strategy", "exhaustive:2", "--runs", "20");
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertEquals(20, o.executions());
        assertTrue(!o.complete() && o.out().contains("the budget ran out"), o.out());
    }

    @Test
    void badBoundsAndShardsAreUsageErrors() {
        Outcome bad = rcusim("explore", "gp-2cpu", "--strategy", "exhaustive:x");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("bad bound 'x' in strategy 'exhaustive:x'"), bad.err());
        Outcome none = rcusim("explore", "gp-2cpu", "--strategy", "exhaustive");
        assertEquals(ExitCodes.USAGE, none.code());
        assertTrue(none.err().contains("exhaustive needs a bound"), none.err());
        Outcome shard = rcusim("explore", "gp-2cpu", "--strategy", "exhaustive:1", "--shard", "0/2");
        assertEquals(ExitCodes.USAGE, shard.code());
        assertTrue(shard.err().contains("--shard: an exhaustive search runs whole"), shard.err());
    }

    /**
     * The proofs: Tree RCU's grace-period guarantee holds in every execution of gp-2cpu with no
     * preemption and at most 1 deviation (537,600 executions), and with at most 1 preemption and
     * no deviation (462,336), about a minute each on a quiet host. Run with
     * {@code -Drcusim.excludedGroups=none -Dgroups=slow}.
     */
    @Test
    @Tag("slow")
    void provesTheGracePeriodGuaranteeWithinTheLargestBoundsThatComplete() {
        for (String bound : new String[] {"exhaustive:0", "exhaustive:1:0"}) {
            Outcome o = rcusim("explore", "gp-2cpu", "--strategy", bound);
            assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
            assertTrue(o.complete(), o.out());
            assertEquals(0, o.failed());
            System.out.println(o.out());
        }
    }
}
