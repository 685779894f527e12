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
    void refusesBadOptions() {
        assertEquals(ExitCodes.USAGE, Outcome.rcusim("throughput", "--runs", "5").code());
        Outcome o = Outcome.rcusim("throughput", "--scenario", "nope");
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.err().contains("unknown scenario 'nope'"), o.err());
    }
}
