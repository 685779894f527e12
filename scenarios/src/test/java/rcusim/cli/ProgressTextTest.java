package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
