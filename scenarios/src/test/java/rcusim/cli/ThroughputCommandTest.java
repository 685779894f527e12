package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThroughputCommandTest {
    @Test
    void printsBothWorkerCountsTheSpeedUpAndTheMachinesBaselines() {
        // lockdep-abba: every run fails, which a throughput campaign counts like a pass
        Outcome o = Outcome.rcusim("throughput", "--scenario", "lockdep-abba", "--runs", "10", "--rounds", "1",
                "--baseline", "20");
        assertEquals(ExitCodes.PASS, o.code(), o.err());
        assertTrue(Pattern.compile("(?m)^ +1 +1 +[0-9.]+ +[0-9.]+$").matcher(o.out()).find(), o.out());
        assertTrue(Pattern.compile("(?m)^ +1 +2 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$").matcher(o.out()).find(), o.out());
        assertTrue(o.out().contains("speed-up with 2 workers: median"), o.out());
        assertTrue(o.out().contains("compute-bound loop"), o.out());
        assertTrue(o.out().contains("memory-bound loop"), o.out());
    }

    @Test
    void comparesAScenarioFileWithAScenarioRoundByRound() {
        Outcome o = Outcome.rcusim("throughput", "--scenario", "gp-2cpu", "--compare", "publish-subscribe", "--runs", "10",
                "--rounds", "2");
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        String[] lines = o.out().split("\n");
        assertEquals("publish-subscribe against gp-2cpu, 10 runs per campaign, 1 worker each, master seed 1", lines[0]);
        assertTrue(lines[2].matches(" +1 +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+ +[0-9.]+"), lines[2]);
        assertTrue(lines[4].matches("publish-subscribe takes [0-9.]+x the time per run of gp-2cpu \\(median of 2 rounds;"
                + " min [0-9.]+, max [0-9.]+\\); per step [0-9.]+x"), lines[4]);
        Outcome bad = Outcome.rcusim("throughput", "--compare", "no-such-scenario");
        assertEquals(ExitCodes.USAGE, bad.code());
    }

    @Test
    void refusesBadOptions() {
        assertEquals(ExitCodes.USAGE, Outcome.rcusim("throughput", "--runs", "5").code());
        Outcome o = Outcome.rcusim("throughput", "--scenario", "nope");
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.err().contains("unknown scenario 'nope'"), o.err());
    }
}
