package rcusim.litmus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.litmus.parse.SharedLitmus;

/**
 * {@code rcusim litmus} (the lkmm engine) on a slice of the corpus, killed with SIGKILL at ten
 * seeded moments: whatever it printed before the kill is whole lines, each a complete test
 * (TSV: every column; JSON Lines: a whole document).
 */
@Tag("slow")
class LitmusKillTest {
    @TempDir
    Path tmp;

    /** Every 10th corpus test: about 100 files, more than any of the kill moments lets finish. */
    private static List<String> slice() throws Exception {
        List<String> files = new ArrayList<>();
        try (var s = Files.list(SharedLitmus.root().resolve("corpus"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".litmus")).sorted().toList();
            for (int i = 0; i < all.size(); i += 10) {
                files.add(all.get(i).toString());
            }
        }
        return files;
    }

    @Test
    void aKillAtAnyMomentLeavesOnlyCompleteTestLines() throws Exception {
        List<String> files = slice();
        Random rnd = new Random(1207);
        ObjectMapper m = new ObjectMapper();
        for (int k = 0; k < 10; k++) {
            String format = k % 2 == 0 ? "tsv" : "json";
            long delay = 300 + rnd.nextInt(2500);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), "rcusim.cli.Main", "litmus",
                    "--format", format, "--allow-incomplete"));
            cmd.addAll(files);
            Path out = tmp.resolve("out" + k);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(tmp.resolve("err" + k).toFile()).start();
            try {
                p.waitFor(delay, TimeUnit.MILLISECONDS);
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            } finally {
                p.destroyForcibly();
            }
            String text = Files.readString(out);
            assertTrue(text.isEmpty() || text.endsWith("\n"), "a cut line after a kill at " + delay + " ms: " + text);
            String[] lines = text.isEmpty() ? new String[0] : text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (format.equals("tsv")) {
                    int columns = lines[i].split("\t", -1).length;
                    assertEquals(10, columns, "line " + i + " after a kill at " + delay + " ms: " + lines[i]);
                } else {
                    String type = m.readTree(lines[i]).get("type").asText();
                    assertTrue(i == 0 ? type.equals("run") : type.equals("test") || type.equals("summary"), lines[i]);
                }
            }
        }
    }
}
