package rcusim.scenarios.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rcusim.sched.scenario.Scenario;

/**
 * Scenario files: those shipped in the catalog ({@code catalog/} in the repository, resources
 * {@code /rcusim/catalog/} in the build, listed in its {@code INDEX}), found by their stem, and
 * any file on disk, found by its path.
 */
public final class FileCatalog {
    private static final String DIR = "/rcusim/catalog/";
    private static final List<FileScenario> SHIPPED = loadShipped();

    private FileCatalog() {
    }

    /** The catalog's scenarios, in INDEX order. */
    public static List<FileScenario> shipped() {
        return SHIPPED;
    }

    /** The stems of the catalog's files, in INDEX order. */
    public static List<String> index() {
        try (InputStream in = FileCatalog.class.getResourceAsStream(DIR + "INDEX")) {
            if (in == null) {
                throw new IllegalStateException("the catalog's INDEX is missing from the build");
            }
            List<String> stems = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    stems.add(s);
                }
            }
            return stems;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the catalog's INDEX", e);
        }
    }

    private static List<FileScenario> loadShipped() {
        return index().stream().map(s -> ScenarioFiles.loadResource(s, DIR + s + ".scn")).toList();
    }

    /**
     * A file on disk named by path: empty when there is no such regular file.
     *
     * @throws ScenarioFileException when the file exists but is not a valid scenario file
     */
    public static Optional<Scenario> onDisk(String path) {
        Path p;
        try {
            p = Path.of(path);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        return Optional.of(ScenarioFiles.load(p));
    }
}
