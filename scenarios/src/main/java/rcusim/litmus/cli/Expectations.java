package rcusim.litmus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rcusim.cli.BadInputException;
import rcusim.litmus.exec.Verdict;

/**
 * Expected verdicts read from EXPECTED.tsv files: columns {@code file} and {@code expected}, found by
 * name when the first line is a header, the only two otherwise; a header's {@code herd7_flags}
 * column gives herd7's flags (space- or comma-separated; other columns are ignored).
 */
final class Expectations {
    private final Map<Path, Verdict> byPath = new TreeMap<>();
    private final Map<Path, List<String>> flagsByPath = new TreeMap<>();

    static Expectations read(List<Path> files) {
        Expectations e = new Expectations();
        for (Path f : files) {
            e.load(f);
        }
        return e;
    }

    private void load(Path tsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(tsv);
        } catch (IOException ex) {
            throw new BadInputException(tsv.toString(), "cannot read expectations: " + ex.getMessage());
        }
        Path dir = tsv.toAbsolutePath().normalize().getParent();
        // Columns file and expected, found by the header when there is one (a corpus's
        // EXPECTED.tsv adds source and flags columns after them); the first two otherwise.
        int fileCol = 0;
        int expCol = 1;
        int first = 0;
        int flagCol = -1;
        if (!lines.isEmpty() && lines.get(0).startsWith("file\t")) {
            List<String> header = List.of(lines.get(0).split("\t", -1));
            expCol = header.indexOf("expected");
            flagCol = header.indexOf("herd7_flags");
            if (expCol < 0) {
                throw new BadInputException(tsv.toString(), 1, 1, "expected a column named 'expected' in the header");
            }
            first = 1;
        }
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length <= Math.max(fileCol, expCol) || (first == 0 && cols.length != 2)) {
                throw new BadInputException(tsv.toString(), i + 1, 1,
                        "expected tab-separated columns file and expected, found " + cols.length + " column(s)");
            }
            String word = cols[expCol].trim();
            Verdict verdict = Verdict.parse(word);
            if (verdict == null) {
                int col = 1;
                for (int c = 0; c < expCol; c++) {
                    col += cols[c].length() + 1;
                }
                throw new BadInputException(tsv.toString(), i + 1, col,
                        "expected Never, Sometimes or Always, found '" + word + "'");
            }
            Path test = dir.resolve(cols[fileCol].trim()).normalize();
            byPath.put(test, verdict);
            if (flagCol >= 0) {
                String f = flagCol < cols.length ? cols[flagCol].trim() : "";
                flagsByPath.put(test, f.isEmpty() ? List.of() : List.of(f.split("[ ,]+")));
            }
        }
    }

    /** The expected verdict for a test file, or null when none was given. */
    Verdict expected(Path testFile) {
        return byPath.get(testFile.toAbsolutePath().normalize());
    }

    /** herd7's flags for a test file (empty for none), or null when its EXPECTED.tsv has no herd7_flags column. */
    List<String> flags(Path testFile) {
        return flagsByPath.get(testFile.toAbsolutePath().normalize());
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }
}
