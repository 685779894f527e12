package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rcusim.cli.Outcome.rcusim;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --failures-exit 0}: a campaign's failures are results for a batch scheduler, not a failed task. */
class FailuresExitTest {
    @TempDir
    Path dir;

    @Test
    void failuresExitZeroKeepsTheFailuresButExitsZero() {
        Path s0 = dir.resolve("s0");
        Outcome o = rcusim("explore", "torture", "--runs", "3", "--shard", "0/1", "--inject", "sync-returns-at-once",
                "--out", s0.toString(), "--failures-exit", "0");
        assertEquals(ExitCodes.PASS, o.code(), o.err());
        assertTrue(o.out().contains("passed, 3 failed"), o.out());
        assertTrue(Files.exists(s0.resolve("summary.json")));
        assertEquals(ExitCodes.FAILURE_FOUND, rcusim("merge", s0.toString()).code());
        Outcome merged = rcusim("merge", "--failures-exit", "0", s0.toString());
        assertEquals(ExitCodes.PASS, merged.code(), merged.err());
        assertTrue(merged.out().contains("FAILURE"), merged.out());
    }

    @Test
    void failuresExitOtherThanZeroOrOneIsAUsageError() {
        Outcome o = rcusim("explore", "gp-2cpu", "--runs", "1", "--failures-exit", "7");
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("--failures-exit must be 0 or 1, not 7"), o.err());
    }
}
