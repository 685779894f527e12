package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/jdk.sh, which ./rcusim, scripts/test and .ci/run source. */
class ScriptsTest {
    private static final Path JDK_SH = Path.of("..", "scripts", "jdk.sh").toAbsolutePath().normalize();

    record Result(int code, String out, String err) {
    }

    private static Result source(Map<String, String> env, String then) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(JDK_SH), "runs in the source tree");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", ". \"$1\"; " + then, "bash", JDK_SH.toString());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    private static Path fakeJdk(Path dir, String name, String version, boolean javac) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Files.writeString(dir.resolve(name).resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        for (String tool : javac ? new String[] {"java", "javac"} : new String[] {"java"}) {
            Path t = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir.resolve(name);
    }

    @Test
    void noSuitableJdkExitsTwoSayingWhatItFound(@TempDir Path dir) throws Exception {
        Path old = fakeJdk(dir, "jdk-17", "17.0.9", true);
        Path jre = fakeJdk(dir, "jre-21", "21.0.2", false);
        Result r = source(Map.of("RCUSIM_JDK_SEARCH", dir + "/*", "PATH", "/nonexistent",
                "JAVA_HOME", old.toString()), "echo sourced");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("rcusim needs a JDK 21 or newer; found only:"), r.err());
        assertTrue(r.err().contains(old + " (Java 17)"), r.err());
        assertTrue(r.err().contains(jre + " (Java 21, no javac)"), r.err());
        assertTrue(r.err().contains("set JAVA_HOME"), r.err());
    }

    @Test
    void picksTheNewestSuitableJdkAndQuietsMavenOnNewJdks(@TempDir Path dir) throws Exception {
        fakeJdk(dir, "jdk-21", "21.0.2", true);
        Path newest = fakeJdk(dir, "jdk-24", "24.0.1", true);
        fakeJdk(dir, "jdk-25-jre", "25", false);
        Result r = source(Map.of("RCUSIM_JDK_SEARCH", dir + "/*", "PATH", "/usr/bin:/bin"),
                "echo \"$JAVA_HOME|$RCUSIM_JAVA_MAJOR|$RCUSIM_JAVA_BUILD|$MAVEN_OPTS|${PATH%%:*}\"");
        assertEquals(0, r.code(), r.err());
        assertEquals(newest + "|24|24.0.1|--sun-misc-unsafe-memory-access=allow|" + newest + "/bin", r.out().strip());
    }

    @Test
    void aSuitableJavaHomeWins(@TempDir Path dir) throws Exception {
        Path home = fakeJdk(dir, "mine", "21", true);
        fakeJdk(dir, "jdk-30", "30", true);
        Result r = source(Map.of("RCUSIM_JDK_SEARCH", dir + "/*", "JAVA_HOME", home + "/"),
                "echo \"$JAVA_HOME|${MAVEN_OPTS:-none}\"");
        assertEquals(0, r.code(), r.err());
        assertEquals(home + "|none", r.out().strip());
    }
}
