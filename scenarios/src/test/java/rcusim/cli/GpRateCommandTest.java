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
        assertEquals(ExitCodes.PASS, run("gp-rate", "--cpus", "4,16", "--gps", "3", "--updates", "3"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        assertEquals(5, lines.length, out.toString());
        assertTrue(lines[1].matches("\\s+4 idle\\s+\\d+\\s.*passed"), lines[1]);
        assertTrue(lines[2].matches("\\s+4 torture\\s.*passed"), lines[2]);
        assertTrue(lines[3].matches("\\s+16 idle\\s.*passed"), lines[3]);
    }

    @Test
    void aCpuCountOutOfRangeIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("gp-rate", "--cpus", "5000"));
        assertTrue(err.toString().contains("5000 is not between 1 and 4096"), err.toString());
    }
}
