package rcusim.sched.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What build this is: version, git commit and build time, from {@code build-info.properties}
 * (filtered by Maven; the git values come from git-commit-id-maven-plugin). Anything the build
 * could not fill in (no {@code .git}, a build outside Maven) reads {@code "unknown"}.
 */
public final class BuildInfo {
    private static final String RESOURCE = "/rcusim/sched/build-info.properties";
    private static final BuildInfo CURRENT = load();

    private final String version;
    private final String commit;
    private final String commitFull;
    private final boolean dirty;
    private final String built;

    private BuildInfo(Properties p) {
        this.version = value(p, "version");
        this.commit = value(p, "commit");
        this.commitFull = value(p, "commit.full");
        this.dirty = "true".equals(value(p, "dirty"));
        this.built = value(p, "built");
    }

    public static BuildInfo current() {
        return CURRENT;
    }

    public String version() {
        return version;
    }

    /** Abbreviated commit id, with {@code -dirty} if the tree had uncommitted changes. */
    public String commit() {
        return dirty && !"unknown".equals(commit) ? commit + "-dirty" : commit;
    }

    /** Full commit id, or {@code "unknown"}. */
    public String commitFull() {
        return commitFull;
    }

    public boolean dirty() {
        return dirty;
    }

    /** Build time, ISO-8601 UTC. */
    public String built() {
        return built;
    }

    /**
     * Identifies this build for recordings: version and full commit (plus {@code -dirty}). Two
     * builds with the same id should replay each other's runs.
     */
    public String buildId() {
        return version + "+" + commitFull + (dirty ? "-dirty" : "");
    }

    /** {@code rcusim <version> (commit <sha>, built <time>)}. */
    public String versionLine() {
        return "rcusim " + version + " (commit " + commit() + ", built " + built + ")";
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        return v.isEmpty() || v.contains("${") ? "unknown" : v;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(p);
    }
}
