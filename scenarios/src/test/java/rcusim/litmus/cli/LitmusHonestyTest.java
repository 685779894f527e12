package rcusim.litmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.cli.Main;

/** Issue 13: an incomplete search is never "ok", and no input takes the run down. */
class LitmusHonestyTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    static String res(String name) {
        try {
            return Path.of(LitmusHonestyTest.class.getResource("/litmus-cli/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStateCapHitBeforeAReachableForbiddenOutcomeIsIncompleteNotOk() {
        // SB's "Never" expectation is wrong (SB is Sometimes), so only the cap hides the outcome.
        int code = run("litmus", "--model", "weak", "--max-states", "5", "--expect", res("wrong-expectation.tsv"), res("SB.litmus"));
        assertEquals(5, code, out.toString());
        assertTrue(out.toString().contains("INCOMPLETE SB.litmus  exists: no verdict, the search stopped (state cap)"),
                out.toString());
        assertFalse(out.toString().contains("ok    SB.litmus"), out.toString());
    }

    @Test
    void maxStatesZeroGivesNoVerdictRatherThanNever() {
        assertEquals(5, run("litmus", "--format", "tsv", "--max-states", "0", res("SB.litmus")));
        String[] cols = out.toString().split("\n")[1].split("\t");
        assertEquals(List.of("SB.litmus", "INCOMPLETE", "0", "0", "no"), List.of(cols).subList(0, 5), out.toString());
        assertEquals("INCOMPLETE", cols[6]);
        assertEquals("max-states", cols[7]);
    }

    @Test
    void allowIncompleteExitsZeroButStillReportsIncomplete() {
        assertEquals(0, run("litmus", "--format", "tsv", "--max-states", "3", "--allow-incomplete", res("SB.litmus")));
        assertTrue(out.toString().contains("SB.litmus\tINCOMPLETE\t"), out.toString());
    }

    @Test
    void aPartialSearchThatReachesAForbiddenOutcomeStillFails() {
        // The outcome was reached by a real execution: that is a failure even without a verdict.
        int code = run("litmus", "--model", "weak", "--max-states", "20", "--expect", res("wrong-expectation.tsv"), res("SB.litmus"));
        assertEquals(1, code, out.toString());
        assertTrue(out.toString().contains("FAIL  SB.litmus  exists: no verdict, the search stopped"
                + " (state cap) (expected Never): a forbidden outcome was reached all the same"), out.toString());
        assertTrue(out.toString().contains("FORBIDDEN"), out.toString());
    }

    @Test
    void aNineThreadTestStopsAtItsTimeoutAsIncomplete() {
        long t0 = System.nanoTime();
        int code = run("litmus", "--format", "tsv", "--timeout", "300ms", "--max-states", "1000000000",
                res("nine-threads.litmus"));
        assertEquals(5, code, out.toString() + err);
        assertTrue(out.toString().contains("\tINCOMPLETE\ttimeout\t"), out.toString());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "the timeout stopped it");
    }

    @Test
    void aDirectoryWithNoTestsIsBadInput() {
        assertEquals(3, run("litmus", tmp.toString()));
        assertTrue(err.toString().contains(tmp + ": no *.litmus file in this directory"), err.toString());
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        assertEquals(2, run("litmus", "--timeout", "-5s", res("SB.litmus")));
        assertEquals(2, run("litmus", "--timeout", "soon", res("SB.litmus")));
        assertEquals(2, run("litmus", "--max-states", "-1", res("SB.litmus")));
    }

    @Test
    void aThreadOf50000StatementsRunsWithoutStackOverflow() throws IOException {
        Path f = tmp.resolve("long-thread.litmus");
        StringBuilder b = new StringBuilder("C long-thread\n\n{}\n\nP0(int *x)\n{\n");
        for (int i = 0; i < 50_000; i++) {
            b.append("\tWRITE_ONCE(*x, ").append(i % 7).append(");\n");
        }
        b.append("}\n\nP1(int *x)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n}\n\nexists (1:r0=1)\n");
        Files.writeString(f, b);
        int code = run("litmus", "--format", "tsv", "--max-states", "60000", f.toString());
        assertEquals(5, code, err.toString());
        assertTrue(out.toString().contains("long-thread.litmus\tINCOMPLETE\t"), out.toString());
        assertFalse(err.toString().contains("StackOverflowError"), err.toString());
    }

    @Test
    void deeplyNestedInputIsRefusedWithItsPosition() throws IOException {
        Path f = tmp.resolve("deep.litmus");
        Files.writeString(f, "C deep\n\n{}\n\nP0(int *x)\n{\n\tint r0;\n\tr0 = " + "(".repeat(20_000) + "1"
                + ")".repeat(20_000) + ";\n}\n\nexists (0:r0=1)\n");
        Path g = tmp.resolve("deep-if.litmus");
        Files.writeString(g, "C deepif\n\n{}\n\nP0(int *x)\n{\n\tint r0;\n" + "if (r0 == 0) {\n".repeat(5_000)
                + "WRITE_ONCE(*x, 1);\n" + "}\n".repeat(5_000) + "}\n\nexists (0:r0=1)\n");
        assertEquals(3, run("litmus", f.toString(), g.toString()));
        assertTrue(err.toString().contains("deep.litmus:8:"), err.toString());
        assertTrue(err.toString().contains(": nesting deeper than 256 levels"), err.toString());
        assertTrue(err.toString().contains("deep-if.litmus:"), err.toString());
        assertFalse(err.toString().contains("StackOverflowError"), err.toString());
    }

    @Test
    void jsonIsOneValidDocumentPerLineEndingWithTheSummary() throws IOException {
        assertEquals(5, run("litmus", "--format", "json", "--jobs", "1", res("SB.litmus"), "--max-states", "2"));
        String[] lines = out.toString().split("\n");
        ObjectMapper m = new ObjectMapper();
        assertEquals("run", m.readTree(lines[0]).get("type").asText());
        JsonNode test = m.readTree(lines[1]);
        assertEquals("INCOMPLETE", test.get("verdict").asText());
        assertEquals("max-states", test.get("stopped").asText());
        JsonNode summary = m.readTree(lines[lines.length - 1]);
        assertEquals("summary", summary.get("type").asText());
        assertEquals(1, summary.get("INCOMPLETE").asInt());
        assertFalse(summary.get("interrupted").asBoolean());
    }

    @Test
    void anExpectedTsvWithMoreColumnsIsReadByItsHeader() throws IOException {
        Files.copy(Path.of(res("SB.litmus")), tmp.resolve("SB.litmus"));
        Files.writeString(tmp.resolve("EXPECTED.tsv"),
                "file\texpected\tsource\therd7_flags\nSB.litmus\tNever\tauto/SB.litmus\t\n");
        assertEquals(1, run("litmus", tmp.toString()));
        assertTrue(out.toString().contains("FAIL  SB.litmus  exists: Sometimes (expected Never)"), out.toString());
    }
}
