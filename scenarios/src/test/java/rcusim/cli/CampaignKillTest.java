package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign with failures, run as a child process (the CLI's main class on the test classpath,
 * with the launcher's JVM options) and killed: SIGKILL at random moments leaves only whole JSON
 * files, every replay file there replays its failure, and summary.json says how far the campaign
 * got; SIGINT and SIGTERM always print and write the summary, marked interrupted. The short
 * variants run in the default suite, the 20-kill ones are tagged slow.
 */
class CampaignKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sigkillLeavesOnlyValidFilesShort() throws Exception {
        kills(4, 11);
    }

    @Test
    void sigintAndSigtermAlwaysWriteTheSummaryShort() throws Exception {
        assertEquals(2, signals("INT", 2, 12));
        assertEquals(2, signals("TERM", 2, 13));
    }

    @Tag("slow")
    @Test
    void sigkillAtTwentyRandomMomentsLeavesOnlyValidFiles() throws Exception {
        kills(20, 21);
    }

    @Tag("slow")
    @Test
    void sigintAndSigtermTwentyTimesEach() throws Exception {
        assertEquals(20, signals("INT", 20, 22));
        assertEquals(20, signals("TERM", 20, 23));
    }

    /** SIGKILL n campaigns at random moments (from start-up to a few seconds in); checks what each left. */
    private void kills(int n, long seed) throws Exception {
        Random random = new Random(seed);
        int withSummary = 0;
        int replayFiles = 0;
        for (int i = 0; i < n; i++) {
            Path out = dir.resolve("kill-" + i);
            Child c = start(out);
            if (i % 4 == 0) {
                Thread.sleep(random.nextInt(1500)); // at start-up, maybe before the campaign began
            } else if (i % 4 == 3) {
                awaitReplayFile(out); // then while the next files and summaries are being written
                Thread.sleep(random.nextInt(2000));
            } else {
                c.awaitBanner();
                Thread.sleep(random.nextInt(3000));
            }
            c.process.destroyForcibly();
            assertTrue(c.process.waitFor(60, TimeUnit.SECONDS));
            int[] found = checkLeftovers(out, false);
            withSummary += found[0];
            replayFiles += found[1];
        }
        System.out.printf("CampaignKillTest: %d SIGKILLs: %d left a summary.json, %d replay files, all valid and"
                + " replaying%n", n, withSummary, replayFiles);
    }

    private static void awaitReplayFile(Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.list(out)) {
                    if (s.anyMatch(p -> p.getFileName().toString().startsWith("failure-"))) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no replay file in " + out + " after 120 s");
    }

    /** Sends sig to n campaigns once they run; returns how many printed and wrote an interrupted summary. */
    private int signals(String sig, int n, long seed) throws Exception {
        Random random = new Random(seed);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            Path out = dir.resolve(sig + "-" + i);
            Child c = start(out);
            c.awaitBanner();
            Thread.sleep(random.nextInt(1500));
            Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(c.process.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(c.process.waitFor(120, TimeUnit.SECONDS), "the campaign ended after SIG" + sig);
            String stdout = c.stdout.get(60, TimeUnit.SECONDS);
            assertEquals(sig.equals("INT") ? 130 : 143, c.process.exitValue(), stdout);
            JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
            assertEquals("interrupted", summary.path("state").asText(), summary.toString());
            long runs = summary.path("runs").asLong();
            assertTrue(stdout.contains("\n" + runs + " runs (interrupted): "), "printed " + stdout + "\nwritten: " + runs);
            checkLeftovers(out, true);
            ok++;
        }
        System.out.printf("CampaignKillTest: SIG%s %d of %d times: summary printed and written%n", sig, ok, n);
        return ok;
    }

    /** {summary.json present (0/1), replay files}; every file whole JSON, every replay file replays. */
    private int[] checkLeftovers(Path out, boolean ended) throws IOException {
        if (!Files.exists(out)) {
            return new int[] {0, 0}; // killed before the campaign began
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.sorted().toList();
        }
        int replays = 0;
        boolean summary = false;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.startsWith(".") && name.endsWith(".tmp")) {
                assertTrue(!ended, "a finished campaign leaves no temporary file: " + name);
                continue; // a write the kill cut short; never under a result's name
            }
            JsonNode json = JSON.readTree(f.toFile()); // throws on a half-written file
            if (name.equals("summary.json")) {
                summary = true;
                long done = 0;
                for (JsonNode range : json.path("done")) {
                    done += range.path(1).asLong() - range.path(0).asLong() + 1;
                }
                assertEquals(json.path("runs").asLong(), done, "runs and finished ranges agree in " + f);
                assertTrue(List.of("running", "interrupted").contains(json.path("state").asText()), json.toString());
            } else {
                assertTrue(name.matches("failure-[a-z-]+-[0-9a-f]{8}\\.json"), name);
                Outcome replay = Outcome.rcusim("replay", f.toString());
                assertEquals(ExitCodes.FAILURE_FOUND, replay.code(), replay.out() + replay.err());
                assertTrue(replay.out().contains("reproduced: the same failure"), replay.out());
                replays++;
            }
        }
        return new int[] {summary ? 1 : 0, replays};
    }

    private record Child(Process process, CompletableFuture<String> stdout, CompletableFuture<Void> banner) {
        void awaitBanner() throws Exception {
            banner.get(120, TimeUnit.SECONDS);
        }
    }

    /** rcusim explore as a child JVM, its SIGINT and SIGTERM at their defaults (env --default-signal). */
    private static Child start(Path out) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/env")), "needs env");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "--default-signal=INT,TERM", java,
                "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "-Xss4m", "-cp",
                System.getProperty("java.class.path"), "rcusim.cli.Main", "explore", "torture", "--inject",
                "sync-returns-at-once", "--runs", "100000000", "--jobs", "2", "--out", out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<Void> banner = new CompletableFuture<>();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
            StringBuilder sb = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    sb.append(line).append('\n');
                    if (line.startsWith("  build ")) {
                        banner.complete(null);
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
            banner.complete(null);
            return sb.toString();
        });
        return new Child(p, stdout, banner);
    }
}
