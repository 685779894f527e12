package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class ProgressTextTest {
    private static final long S = 1_000_000_000L;

    @Test
    void showsDoneOfTotalRateAndTimeLeft() {
        assertEquals("litmus [============>           ] 500/1000 tests  50.0/s  ETA 10s",
                ProgressText.of("litmus", 500, 1000, "tests", 0, 10 * S));
        assertEquals("explore [======>                 ] 25/100 runs  0.1/s  ETA 12m30s",
                ProgressText.of("explore", 25, 100, "runs", 0, 250 * S));
        assertEquals("x [>                       ] 0/5 runs  0.0/s  ETA --", ProgressText.of("x", 0, 5, "runs", 0, S));
    }

    @Test
    void aTimeBudgetShowsTimeLeft() {
        assertEquals("explore [======>                 ] 300 runs  20.0/s  45s left",
                ProgressText.ofTime("explore", 300, "runs", 0, 15 * S, 60_000));
        assertEquals("2h05m", ProgressText.duration(7500));
    }

    @Test
    void aLiveLineDrawsTheBarAndAQuietOneNothing() {
        StringWriter w = new StringWriter();
        Progress live = new Progress(new PrintWriter(w), true, 0);
        live.progress("torture", 25, 100, -1, "runs", () -> "0 failed, 0 unique");
        assertTrue(w.toString().matches("\\r\\033\\[Ktorture \\[=+> *\\] 25/100 runs  [0-9.]+/s  ETA \\S+  0 failed, 0 unique"),
                w.toString());
        live.progress("torture", 25, -1, 60_000, "runs", () -> "x");
        assertTrue(w.toString().contains(" left  x"), w.toString());
        live.close();
        assertTrue(w.toString().endsWith("\r\033[K"));

        StringWriter q = new StringWriter();
        Progress quiet = new Progress(new PrintWriter(q), false, 0);
        quiet.progress("torture", 25, 100, -1, "runs", () -> "x");
        quiet.close();
        assertEquals("", q.toString());
    }
}
