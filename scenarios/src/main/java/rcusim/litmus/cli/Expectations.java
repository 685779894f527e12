package rcusim.litmus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rcusim.cli.BadInputException;
import rcusim.litmus.exec.Verdict;

/** Expected verdicts read from EXPECTED.tsv files (columns {@code file}, {@code expected}). */
final class Expectations {
    private final Map<Path, Verdict> byPath = new TreeMap<>();

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
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("file\t"))) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 2) {
                throw new BadInputException(tsv.toString(), i + 1, 1,
                        "expected two tab-separated columns (file, expected), found " + cols.length);
            }
            Verdict verdict = Verdict.parse(cols[1].trim());
            if (verdict == null) {
                throw new BadInputException(tsv.toString(), i + 1, cols[0].length() + 2,
                        "expected Never, Sometimes or Always, found '" + cols[1].trim() + "'");
            }
            byPath.put(dir.resolve(cols[0].trim()).normalize(), verdict);
        }
    }

    /** The expected verdict for a test file, or null when none was given. */
    Verdict expected(Path testFile) {
        return byPath.get(testFile.toAbsolutePath().normalize());
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }
}
