package rcusim.litmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import rcusim.cli.Main;

class LitmusCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static String res(String name) {
        try {
            return Path.of(LitmusCommandTest.class.getResource("/litmus-cli/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tsvHasExactlyTheDocumentedColumns() {
        assertEquals(0, run("litmus", "--format", "tsv", "--jobs", "1", res("SB.litmus")));
        String[] lines = out.toString().split("\n");
        assertEquals("file\tverdict\tobserved\texecutions\tcomplete\tms\tstatus\tstopped\tstates\tflags", lines[0]);
        String[] cols = lines[1].split("\t");
        assertEquals("SB.litmus", cols[0]);
        assertEquals("Sometimes", cols[1]);
        assertTrue(Long.parseLong(cols[2]) > 0 && Long.parseLong(cols[3]) > Long.parseLong(cols[2]));
        assertEquals("yes", cols[4]);
        assertEquals("ok", cols[6]);
        assertEquals("-", cols[7]);
        assertTrue(Long.parseLong(cols[8]) > 0);
    }

    @Test
    void scReachesNoStoreBuffering() {
        assertEquals(0, run("litmus", "--format", "tsv", "--model", "sc", res("SB.litmus")));
        assertTrue(out.toString().contains("SB.litmus\tNever\t0\t"), out.toString());
    }

    @Test
    void anObservedNeverFailsTheRun() {
        assertEquals(1, run("litmus", "--expect", res("wrong-expectation.tsv"), res("SB.litmus")));
        assertTrue(out.toString().contains("FAIL  SB.litmus  exists: Sometimes (expected Never)"), out.toString());
        assertTrue(out.toString().contains("FORBIDDEN"));
    }

    @Test
    void badFilesAreReportedWithPositionAndTheRestStillRuns() {
        int code = run("litmus", "--format", "tsv", res("syntax-error.litmus"), res("unknown-primitive.litmus"),
                res("unknown-register.litmus"), res("undeclared-location.litmus"), res("SB.litmus"));
        assertEquals(3, code);
        String e = err.toString();
        assertTrue(e.contains("syntax-error.litmus:8:2: expected ';'"), e);
        assertTrue(e.contains("unknown-primitive.litmus:7:2: unknown primitive 'smp_memb'"), e);
        assertTrue(e.contains("unknown-register.litmus:12:9: the condition names register 0:r9"), e);
        assertTrue(e.contains("undeclared-location.litmus:7:14: 'z' is not a register, parameter or shared location"), e);
        assertTrue(out.toString().contains("SB.litmus\tSometimes\t"), out.toString());
    }

    @Test
    void aMissingPathIsBadInput() {
        assertEquals(3, run("litmus", "no-such-dir"));
        assertTrue(err.toString().contains("no-such-dir: no such file or directory"));
    }

    @Test
    void unknownModelIsAUsageError() {
        assertEquals(2, run("litmus", "--model", "arm", res("SB.litmus")));
    }

    @Test
    void jsonListsOutcomes() {
        assertEquals(0, run("litmus", "--format", "json", res("SB.litmus")));
        String j = out.toString();
        assertTrue(j.contains("\"verdict\":\"Sometimes\"") && j.contains("\"outcome\":\"0:r0=0; 1:r0=0;\""), j);
    }
}
