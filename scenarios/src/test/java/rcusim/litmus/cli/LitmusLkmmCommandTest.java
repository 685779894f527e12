package rcusim.litmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.cli.Main;
import rcusim.litmus.parse.SharedLitmus;

/** {@code rcusim litmus} with its default model, the axiomatic LKMM engine: flags and --also. */
class LitmusLkmmCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void lkmmIsTheDefaultAndReachesLoadBuffering() {
        assertEquals(0, run("litmus", "--expect", SharedLitmus.file("lkmm", "EXPECTED.tsv").toString(),
                SharedLitmus.file("lkmm", "LB+poonceonces.litmus").toString()));
        assertTrue(out.toString().startsWith("rcusim litmus: model=lkmm "), out.toString());
        assertTrue(out.toString().contains("ok    LB+poonceonces.litmus  exists: Sometimes (expected Sometimes)"),
                out.toString());
        assertTrue(out.toString().contains("figures: 1 tests, complete 100.0%, Sometimes reached 1/1, unsound 0"),
                out.toString());
    }

    @Test
    void aDataRaceIsFlaggedAndGradedAgainstHerdsFlags() throws Exception {
        Path test = tmp.resolve("tearstore.litmus");
        Files.copy(SharedLitmus.file("corpus", "manual__plain__C-tearstore.litmus"), test);
        // herd7 flags it data-race; an EXPECTED.tsv that says otherwise is a flag mismatch
        Files.writeString(tmp.resolve("EXPECTED.tsv"), "file\texpected\therd7_flags\ntearstore.litmus\tNever\t\n");
        assertEquals(0, run("litmus", "--format", "tsv", tmp.toString()));
        String line = out.toString().split("\n")[1];
        assertTrue(line.startsWith("tearstore.litmus\tNever\t"), line);
        assertTrue(line.endsWith("\tFLAGS\t-\t" + line.split("\t")[8] + "\tdata-race"), line);

        Files.writeString(tmp.resolve("EXPECTED.tsv"),
                "file\texpected\therd7_flags\ntearstore.litmus\tNever\tdata-race\n");
        out.getBuffer().setLength(0);
        assertEquals(0, run("litmus", tmp.toString()));
        assertTrue(out.toString().contains("ok    tearstore.litmus  exists: Never (expected Never) [flags: data-race]"),
                out.toString());
        assertTrue(out.toString().contains("flags: of 1 complete tests with herd7's flags, 1 agree"), out.toString());
    }

    @Test
    void alsoGradesTheMachineAgainstLkmm() throws Exception {
        String lb = SharedLitmus.file("lkmm", "LB+poonceonces.litmus").toString();
        String sb = SharedLitmus.file("lkmm", "SB+fencembonceonces.litmus").toString();
        assertEquals(0, run("litmus", "--also", "weak", "--format", "json", lb, sb));
        ObjectMapper m = new ObjectMapper();
        String[] lines = out.toString().split("\n");
        assertEquals("weak", m.readTree(lines[0]).get("also").asText());
        JsonNode lbLine = m.readTree(lines[1]);
        assertEquals("Sometimes", lbLine.get("verdict").asText());
        assertEquals("Never", lbLine.at("/machine/verdict").asText());
        assertTrue(lbLine.at("/machine/incomplete").asBoolean(), lines[1]);
        assertTrue(!lbLine.at("/machine/unsound").asBoolean(), lines[1]);
        JsonNode sbLine = m.readTree(lines[2]);
        assertTrue(!sbLine.at("/machine/incomplete").asBoolean() && !sbLine.at("/machine/unsound").asBoolean(),
                lines[2]);
        JsonNode summary = m.readTree(lines[3]);
        assertEquals(2, summary.get("machineGraded").asInt());
        assertEquals(1, summary.get("machineIncomplete").asInt());
        assertEquals(0, summary.get("machineUnsound").asInt());
    }

    @Test
    void alsoNeedsLkmmAndAMachineModel() {
        String lb = SharedLitmus.file("lkmm", "LB+poonceonces.litmus").toString();
        assertEquals(2, run("litmus", "--model", "weak", "--also", "sc", lb));
        assertTrue(err.toString().contains("--also grades a machine model against lkmm"), err.toString());
        assertEquals(2, run("litmus", "--also", "lkmm", lb));
    }

    @Test
    void aCandidateCapGivesNoVerdict() {
        String sb = SharedLitmus.file("lkmm", "SB+poonceonces.litmus").toString();
        assertEquals(5, run("litmus", "--format", "tsv", "--max-states", "1", sb));
        assertTrue(out.toString().contains("SB+poonceonces.litmus\tINCOMPLETE\t"), out.toString());
    }
}
