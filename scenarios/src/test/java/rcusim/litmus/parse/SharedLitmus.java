package rcusim.litmus.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the LKMM litmus corpus with herd7's verdicts: the repository's copy in {@code litmus/}
 * (folders {@code lkmm} and {@code extra}, byte-exact copies of the upstream tests listed in
 * {@code litmus/SOURCES.md}, so the tests run from any clone). The system property
 * {@code rcusim.shared} may name another corpus: a shared directory or its {@code litmus}
 * subdirectory.
 */
public final class SharedLitmus {

    private SharedLitmus() {}

    public static Path root() {
        String prop = System.getProperty("rcusim.shared");
        if (prop != null) {
            Path p = Path.of(prop).toAbsolutePath();
            if (Files.isDirectory(p.resolve("litmus"))) return p.resolve("litmus");
            if (Files.isDirectory(p.resolve("lkmm"))) return p;
            throw new IllegalStateException("-Drcusim.shared=" + prop + " holds neither litmus/ nor lkmm/");
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path candidate = d.resolve("litmus");
            if (Files.isRegularFile(candidate.resolve("lkmm").resolve("EXPECTED.tsv"))) return candidate;
        }
        throw new IllegalStateException("litmus/lkmm not found in " + start + " or any parent;"
                + " pass -Drcusim.shared=/path/to/shared");
    }

    /** The {@code .litmus} files of one folder (lkmm, extra), sorted by name. */
    public static List<Path> files(String folder) {
        Path dir = root().resolve(folder);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".litmus")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path file(String folder, String name) {
        return root().resolve(folder).resolve(name);
    }
}
