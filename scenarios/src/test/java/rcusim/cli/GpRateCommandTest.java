package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GpRateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void measuresIdleAndTortureRowsForEachCpuCount() {
        assertEquals(ExitCodes.PASS, run("gp-rate", "--cpus", "4,16", "--gps", "3", "--updates", "3", "--warmup", "0",
                "--repeat", "1"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals(6, lines.length, out.toString());
        assertTrue(lines[0].contains("0 untimed runs, then the median [min-max] of 1 timed run"), lines[0]);
        assertTrue(lines[2].matches("\\s+4 idle\\s+\\d+\\s.*passed"), lines[2]);
        assertTrue(lines[3].matches("\\s+4 torture\\s.*passed"), lines[3]);
        assertTrue(lines[4].matches("\\s+16 idle\\s.*passed"), lines[4]);
    }

    @Test
    void repeatsEachRowAsTheSameRunAndShowsMedianAndRange() {
        assertEquals(ExitCodes.PASS, run("gp-rate", "--cpus", "4", "--gps", "2", "--updates", "3", "--warmup", "1",
                "--repeat", "3"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals(4, lines.length, out.toString());
        // CPUs load GPs steps steps/GP, then "median [min-max]" by wall and by CPU time
        String num = "(\\d+)";
        String rate = num + " \\[" + num + "-" + num + "\\]";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s+4 torture\\s+" + num + "\\s+" + num + "\\s+" + num
                + "\\s+" + rate + "\\s+" + rate + "\\s+\\d+ MiB  passed").matcher(lines[3]);
        assertTrue(m.matches(), lines[3]);
        long gps = Long.parseLong(m.group(1));
        long steps = Long.parseLong(m.group(2));
        assertTrue(gps > 0 && steps > 0, lines[3]);
        assertEquals(Math.round(steps / (double) gps), Long.parseLong(m.group(3)), lines[3]);
        for (int g = 4; g <= 9; g += 3) {
            long median = Long.parseLong(m.group(g));
            assertTrue(Long.parseLong(m.group(g + 1)) <= median && median <= Long.parseLong(m.group(g + 2)), lines[3]);
        }
    }

    @Test
    void aRepetitionThatDiffersIsReported() {
        long[] steps = {100};
        rcusim.bench.GpRate.Series s = rcusim.bench.GpRate.repeat(1, 2,
                () -> new rcusim.bench.GpRate.Row(8, "idle", 10, 0.1, 0.1, steps[0]++, 0, "passed"));
        assertTrue(s.outcome().startsWith("not deterministic: 10 GPs in 101 steps, against 10 in 100"), s.outcome());
        assertEquals(100, s.steps());
        assertEquals(2, s.wallRates().length);
    }

    @Test
    void aRepeatOfZeroIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("gp-rate", "--cpus", "4", "--repeat", "0"));
        assertTrue(err.toString().contains("--repeat 1 or more"), err.toString());
    }

    @Test
    void aCpuCountOutOfRangeIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("gp-rate", "--cpus", "5000"));
        assertTrue(err.toString().contains("5000 is not between 1 and 4096"), err.toString());
    }
}
