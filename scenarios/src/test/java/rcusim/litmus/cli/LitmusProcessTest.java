package rcusim.litmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rcusim.litmus.cli.LitmusHonestyTest.res;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rcusim litmus} as a child process under kills, interrupts and a small heap: what
 * finished is on stdout, an interrupt prints the summary, and the heap never runs out.
 */
class LitmusProcessTest {
    @TempDir
    Path tmp;

    /** Starts rcusim in a JVM of its own with stdout and stderr going to files. */
    private Process start(String heap, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss4m", "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), "rcusim.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile()).start();
    }

    private String out() throws IOException {
        return Files.readString(tmp.resolve("out"));
    }

    private String err() throws IOException {
        return Files.readString(tmp.resolve("err"));
    }

    /** Waits until stdout contains {@code text}; false after 30 s or when the process ended. */
    private boolean awaitOutput(Process p, String text) throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (out().contains(text)) {
                return true;
            }
            if (!p.isAlive()) {
                return out().contains(text);
            }
            Thread.sleep(100);
        }
        return false;
    }

    private Process slowRun(String format) throws IOException {
        // SB finishes at once; nine-threads would run for hours without limits.
        return start("512m", "litmus", "--format", format, "--jobs", "1", "--timeout", "none",
                "--max-states", "1000000000", res("SB.litmus"), res("nine-threads.litmus"));
    }

    @Test
    void eachTestIsPrintedAsItFinishesSoAKillLosesNothingDone() throws Exception {
        Process p = slowRun("tsv");
        try {
            assertTrue(awaitOutput(p, "SB.litmus\tSometimes\t"), "SB's line came out before the run ended: " + out());
            assertTrue(p.isAlive(), "nine-threads still running");
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(out().startsWith("file\tverdict\t"), out());
    }

    @Test
    void ctrlCPrintsTheSummaryOfWhatFinished() throws Exception {
        Process p = slowRun("text");
        try {
            assertTrue(awaitOutput(p, "ok    SB.litmus"), out());
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(130, p.exitValue(), err());
        String o = out();
        assertTrue(o.contains("INCOMPLETE nine-threads.litmus  exists: no verdict, the search stopped (interrupted)"), o);
        assertTrue(o.contains("2 tests of 2 (interrupted): 0 Never, 1 Sometimes, 0 Always, 1 INCOMPLETE (1 interrupted)"), o);
    }

    @Test
    void sigtermWritesAValidJsonSummaryToo() throws Exception {
        Process p = slowRun("json");
        try {
            assertTrue(awaitOutput(p, "\"file\""), out());
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(143, p.exitValue(), err());
        String[] lines = out().split("\n");
        var m = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            m.readTree(line);
        }
        var summary = m.readTree(lines[lines.length - 1]);
        assertEquals("summary", summary.get("type").asText());
        assertTrue(summary.get("interrupted").asBoolean());
    }

    @Test
    void aSmallHeapEndsInIncompleteNotOutOfMemory() throws Exception {
        // The machine's search with default budgets in a 64 MiB heap: the memory budget stops
        // the search, the JVM lives.
        Process p = start("64m", "litmus", "--model", "weak", "--format", "tsv", "--timeout", "none", "--max-states", "1000000000",
                res("nine-threads.litmus"), res("SB.litmus"));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(5, p.exitValue(), err());
        assertTrue(out().contains("nine-threads.litmus\tINCOMPLETE\t"), out());
        assertTrue(out().contains("\tINCOMPLETE\tmemory\t"), out());
        assertTrue(out().contains("SB.litmus\tSometimes\t"), out());
        assertFalse(err().contains("OutOfMemoryError"), err());
    }
}
