package rcusim.litmus.axiom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rcusim.litmus.parse.SharedLitmus;

/** Reads a litmus folder's EXPECTED.tsv: file, herd7's verdict, and herd7's flags when the file has them. */
final class AxiomaticExpectations {
    record Expected(Path file, String verdict, List<String> flags) {
    }

    private AxiomaticExpectations() {
    }

    static List<Expected> of(String folder) {
        Path d = SharedLitmus.root().resolve(folder);
        List<String> lines;
        try {
            lines = Files.readAllLines(d.resolve("EXPECTED.tsv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int flagCol = header.indexOf("herd7_flags");
        List<Expected> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            List<String> flags = flagCol < 0 ? null
                    : c[flagCol].isBlank() ? List.of() : List.of(c[flagCol].trim().split("[ ,]+"));
            out.add(new Expected(d.resolve(c[0]), c[1], flags));
        }
        return out;
    }
}
