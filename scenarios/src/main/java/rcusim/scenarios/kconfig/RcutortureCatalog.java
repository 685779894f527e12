package rcusim.scenarios.kconfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rcusim.sched.replay.BadFileException;
import rcusim.sched.scenario.Scenario;

/**
 * rcutorture configurations by name: {@code rcutorture/TREE04} from the catalog shipped in the
 * jar (the repository's catalog/rcutorture, indexed by its CFLIST), or a path to a Kconfig
 * fragment on disk ({@code ../linux/tools/testing/selftests/rcutorture/configs/rcu/TREE10}),
 * with NAME.boot and CFcommon beside it.
 */
public final class RcutortureCatalog {
    /** The catalog names' prefix. */
    public static final String PREFIX = "rcutorture/";
    /** How messages name the catalog's files: as the repository's catalog/ link shows them. */
    private static final String DIR = "catalog/rcutorture/";
    /** Where they are on the class path. */
    private static final String RESOURCES = "rcusim/catalog/rcutorture/";

    private RcutortureCatalog() {
    }

    /** The catalog's names, in CFLIST order: {@code rcutorture/TREE01}, ... */
    public static List<String> names() {
        String list = resource("CFLIST");
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String line : list.split("\n")) {
                String n = line.strip();
                if (!n.isEmpty() && !n.startsWith("#")) {
                    out.add(PREFIX + n);
                }
            }
        }
        return out;
    }

    /**
     * The configuration of that name (a catalog name or a path to a config file), or empty when
     * it is neither.
     *
     * @throws BadFileException (exit 3) for a file that is there but cannot be run as given
     */
    public static Optional<RcutortureConfig> config(String name) {
        if (name.startsWith(PREFIX)) {
            String base = name.substring(PREFIX.length());
            String fragment = base.contains("/") || base.contains("..") ? null : resource(base);
            if (fragment != null) {
                return Optional.of(RcutortureConfig.fromTexts(name, DIR + base, fragment, resource("CFcommon"),
                        DIR + "CFcommon", resource(base + ".boot"), DIR + base + ".boot"));
            }
        }
        Path p;
        try {
            p = Paths.get(name);
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (isConfigFile(p)) {
            return Optional.of(RcutortureConfig.read(name, p));
        }
        return Optional.empty();
    }

    /** The scenario of that name, as {@link #config}. */
    public static Optional<Scenario> find(String name) {
        return config(name).map(RcutortureConfig::scenario);
    }

    /**
     * Is p an rcutorture configuration rather than a file of another front end (a scenario file,
     * a litmus test, a replay)? Not by those names, and either CFcommon or p.boot beside it, or
     * its first line that is not a comment a Kconfig setting.
     */
    public static boolean isConfigFile(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        String f = p.getFileName().toString();
        if (f.endsWith(".litmus") || f.endsWith(".scn") || f.endsWith(".json") || f.endsWith(".boot")
                || f.endsWith(".sched") || f.endsWith(".md")) {
            return false;
        }
        if (Files.isRegularFile(p.resolveSibling("CFcommon")) || Files.isRegularFile(p.resolveSibling(f + ".boot"))) {
            return true;
        }
        try (java.io.BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (t.startsWith("#CHECK#") || t.matches("#\\s*CONFIG_\\w+ is not set")) {
                    return true;
                }
                if (!t.isEmpty() && !t.startsWith("#")) {
                    return t.startsWith("CONFIG_");
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // not text: let the other front ends say what it is
        }
        return false;
    }

    private static String resource(String file) {
        try (InputStream in = RcutortureCatalog.class.getClassLoader().getResourceAsStream(RESOURCES + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadFileException(DIR + file, "cannot read from the jar: " + e.getMessage());
        }
    }
}
