package rcusim.litmus.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import rcusim.litmus.ast.AstPrinter;
import rcusim.litmus.ast.LitmusTest;

/** Every shared litmus test parses, and printing the AST and parsing again gives the same AST. */
class LitmusCorpusTest {

    @TestFactory
    Stream<DynamicTest> everySharedTestParsesAndRoundTrips() {
        return Stream.of("lkmm", "extra")
                .flatMap(folder -> SharedLitmus.files(folder).stream())
                .map(f -> DynamicTest.dynamicTest(f.getParent().getFileName() + "/" + f.getFileName(),
                        () -> parsesAndRoundTrips(f)));
    }

    private static void parsesAndRoundTrips(Path file) throws IOException {
        LitmusTest t = LitmusParser.parse(file);
        assertEquals(file.getFileName().toString(), t.file());
        assertFalse(t.name().isBlank());
        assertFalse(t.processes().isEmpty());
        assertNotNull(t.condition());
        String printed = AstPrinter.print(t);
        LitmusTest again = LitmusParser.parse("printed-" + file.getFileName(), printed);
        assertEquals(printed, AstPrinter.print(again), "printing is not a fixed point");
        assertEquals(t.processes().size(), again.processes().size());
        assertEquals(t.condition().atoms().size(), again.condition().atoms().size());
    }

    @Test
    void corpusIsThere() {
        assertTrue(SharedLitmus.files("lkmm").size() >= 35, "lkmm tests missing");
        assertTrue(SharedLitmus.files("extra").size() >= 44, "extra tests missing");
    }

    /** The header comment's "Result:" agrees with herd7's verdict in EXPECTED.tsv. */
    @Test
    void headerResultMatchesExpectedVerdicts() throws IOException {
        for (String folder : List.of("lkmm", "extra")) {
            Map<String, String> expected = expected(folder);
            assertFalse(expected.isEmpty());
            for (Map.Entry<String, String> e : expected.entrySet()) {
                LitmusTest t = LitmusParser.parse(SharedLitmus.file(folder, e.getKey()));
                t.expectedResult().ifPresent(r -> assertEquals(e.getValue(), r, e.getKey()));
                if (folder.equals("lkmm")) assertTrue(t.expectedResult().isPresent(), e.getKey());
            }
        }
    }

    private static Map<String, String> expected(String folder) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SharedLitmus.file(folder, "EXPECTED.tsv"))) {
            String[] cols = line.split("\t");
            if (cols.length == 2 && !cols[0].equals("file")) out.put(cols[0], cols[1]);
        }
        return out;
    }
}
