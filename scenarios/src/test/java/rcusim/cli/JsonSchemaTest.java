package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rcusim.cli.Outcome.rcusim;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/schema describes what rcusim writes: real outputs (a campaign's summary.json while it runs
 * and at its end, its replay files, a shrunk file) validate against the schemas, and a damaged
 * file does not (so the check can fail).
 */
class JsonSchemaTest {
    private static final Path SCHEMAS = Path.of("..", "docs", "schema").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static Schema schema(String name) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMAS.resolve(name)), InputFormat.JSON);
    }

    private static void assertValid(Schema schema, Path file) throws IOException {
        List<Error> errors = schema.validate(Files.readString(file), InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), file.toString());
    }

    @Test
    void summaryAndReplayFilesMatchTheirSchemas() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = rcusim("explore", "torture", "--inject", "sync-returns-at-once", "--runs", "3", "--jobs", "2",
                "--out", out.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.err());
        assertValid(schema("summary.schema.json"), out.resolve("summary.json"));
        List<Path> replays;
        try (Stream<Path> s = Files.list(out)) {
            replays = s.filter(p -> p.getFileName().toString().startsWith("failure-")).toList();
        }
        assertFalse(replays.isEmpty());
        Schema replay = schema("replay.schema.json");
        for (Path p : replays) {
            assertValid(replay, p);
        }
        Path shrunk = dir.resolve("shrunk.json");
        Outcome s = rcusim("shrink", replays.get(0).toString(), "--out", shrunk.toString(), "--max-runs", "4");
        assertEquals(ExitCodes.PASS, s.code(), s.err());
        assertValid(replay, shrunk);
    }

    @Test
    void aDamagedSummaryFailsTheSchema() throws IOException {
        Path out = dir.resolve("out");
        rcusim("explore", "gp-2cpu", "--runs", "5", "--out", out.toString());
        String text = Files.readString(out.resolve("summary.json")).replace("\"masterSeed\" : \"1\"", "\"masterSeed\" : 1.5");
        List<Error> errors = schema("summary.schema.json").validate(text, InputFormat.JSON);
        assertTrue(errors.stream().anyMatch(e -> e.toString().contains("masterSeed")), errors.toString());
    }
}
