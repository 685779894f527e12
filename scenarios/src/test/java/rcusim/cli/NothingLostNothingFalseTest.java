package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rcusim.cli.Outcome.rcusim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 13, one test per defect found by trying rcusim as a hostile user: bad budgets, paths and
 * shards; results overwritten or mixed; merge double counting; 64-bit numbers in JSON; an
 * edited replay file accepted. Each failed on the build before the fix.
 */
class NothingLostNothingFalseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fails at once (run 0), about 20 runs a second per core. */
    private static final String[] FAILING = {"explore", "torture", "--inject", "sync-returns-at-once", "--jobs", "2"};

    @TempDir
    Path dir;

    private static String[] failing(String... more) {
        return Stream.concat(Stream.of(FAILING), Stream.of(more)).toArray(String[]::new);
    }

    private static void assertOneLineUsageError(Outcome o, String message) {
        assertEquals(ExitCodes.USAGE, o.code(), o.out() + o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains(message), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertEquals("", o.out());
    }

    @Test
    void exploreRunsMinusOneIsRefused() {
        assertOneLineUsageError(rcusim("explore", "gp-2cpu", "--runs", "-1"), "--runs must be at least 1, not -1");
    }

    @Test
    void exploreTimeNegativeIsRefused() {
        assertOneLineUsageError(rcusim("explore", "gp-2cpu", "--time", "-5s"), "--time must be a positive duration");
    }

    @Test
    void exploreTimeZeroDoesNotPassWithNoRuns() {
        assertOneLineUsageError(rcusim("explore", "gp-2cpu", "--time", "0"), "--time must be a positive duration");
    }

    @Test
    void shardZeroOfZeroSaysTheCountMustBePositive() {
        assertOneLineUsageError(rcusim("explore", "gp-2cpu", "--shard", "0/0"), "the number of shards must be at least 1");
    }

    @Test
    void outNamingAFileIsRefusedBeforeTheWork() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Outcome o = rcusim("explore", "gp-2cpu", "--runs", "5", "--out", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertEquals(file + ": --out: not a directory (a file of that name exists)\n", o.err());
        assertEquals("", o.out());
    }

    @Test
    void outUnderProcIsRefusedBeforeTheWork() {
        Outcome o = rcusim("explore", "gp-2cpu", "--runs", "5", "--out", "/proc/rcusim-out");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().startsWith("/proc/rcusim-out: --out: cannot create the directory"), o.err());
        assertEquals("", o.out());
    }

    @Test
    void outHoldingAnotherCampaignIsRefusedUnlessForce() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(ExitCodes.FAILURE_FOUND, rcusim(failing("--runs", "3", "--out", out.toString())).code());
        Path shrunk = Files.writeString(out.resolve("failure-rcu-00000000.shrunk.json"), "{}");
        Outcome again = rcusim("explore", "gp-2cpu", "--runs", "5", "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, again.code(), again.err());
        assertTrue(again.err().contains("holds the results of an earlier campaign"), again.err());
        assertTrue(Files.exists(shrunk));
        Outcome forced = rcusim("explore", "gp-2cpu", "--runs", "5", "--out", out.toString(), "--force");
        assertEquals(ExitCodes.PASS, forced.code(), forced.err());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("summary.json"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("gp-2cpu", JSON.readTree(out.resolve("summary.json").toFile()).path("scenario").asText());
        assertEquals(5, JSON.readTree(out.resolve("summary.json").toFile()).path("runs").asLong());
    }

    @Test
    void resumeSkipsFinishedRunsAndTotalsMatchOneGo() throws Exception {
        Path once = dir.resolve("once");
        Path twice = dir.resolve("twice");
        rcusim(failing("--runs", "8", "--out", once.toString()));
        rcusim(failing("--runs", "3", "--out", twice.toString()));
        Outcome resumed = rcusim(failing("--runs", "8", "--out", twice.toString(), "--resume"));
        assertEquals(ExitCodes.FAILURE_FOUND, resumed.code(), resumed.err());
        JsonNode a = JSON.readTree(once.resolve("summary.json").toFile());
        JsonNode b = JSON.readTree(twice.resolve("summary.json").toFile());
        for (String field : List.of("runs", "passed", "steps", "decisions", "interleavings", "coverage", "counters",
                "done", "state")) {
            assertEquals(a.get(field), b.get(field), field);
        }
        assertEquals(a.get("failures").size(), b.get("failures").size());
        for (int i = 0; i < a.get("failures").size(); i++) {
            ObjectNode fa = (ObjectNode) a.get("failures").get(i);
            ObjectNode fb = (ObjectNode) b.get("failures").get(i);
            fa.remove("replayFile");
            fb.remove("replayFile");
            assertEquals(fa, fb);
        }
    }

    @Test
    void resumeOfAnotherCampaignNamesTheField() {
        Path out = dir.resolve("out");
        rcusim("explore", "gp-2cpu", "--runs", "5", "--out", out.toString());
        Outcome o = rcusim("explore", "gp-2cpu", "--runs", "10", "--seed", "2", "--out", out.toString(), "--resume");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains("masterSeed 1 in summary.json, 2 in this command"), o.err());
    }

    @Test
    void mergeRefusesDuplicateShards() {
        Path s0 = dir.resolve("s0");
        rcusim("explore", "gp-2cpu", "--runs", "20", "--shard", "0/2", "--out", s0.toString());
        Outcome o = rcusim("merge", s0.toString(), s0.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("shard 0/2 is already merged"), o.err());
    }

    @Test
    void mergeReportsMissingShardsUnlessPartial() {
        Path s0 = dir.resolve("s0");
        rcusim("explore", "gp-2cpu", "--runs", "20", "--shard", "0/2", "--out", s0.toString());
        Outcome o = rcusim("merge", s0.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("shard 1/2 missing (of 2); --partial merges what is here"), o.err());
        Outcome partial = rcusim("merge", "--partial", s0.toString());
        assertEquals(ExitCodes.PASS, partial.code(), partial.err());
        assertTrue(partial.out().contains("PARTIAL: missing shard 1/2"), partial.out());
    }

    @Test
    void mergeNamesTheFieldThatDiffers() {
        Path s0 = dir.resolve("s0");
        Path s1 = dir.resolve("s1");
        rcusim("explore", "gp-2cpu", "--runs", "20", "--shard", "0/2", "--out", s0.toString());
        rcusim("explore", "gp-2cpu", "--runs", "20", "--shard", "1/2", "--inject", "sync-returns-at-once",
                "--out", s1.toString());
        Outcome o = rcusim("merge", s0.toString(), s1.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("injection 'sync-returns-at-once' in this summary, none in "), o.err());
    }

    @Test
    void shrinkOutEqualToTheInputIsRefused() throws Exception {
        Path out = dir.resolve("out");
        rcusim(failing("--runs", "3", "--out", out.toString()));
        Path replay;
        try (Stream<Path> s = Files.list(out)) {
            replay = s.filter(p -> p.getFileName().toString().startsWith("failure-")).findFirst().orElseThrow();
        }
        byte[] before = Files.readAllBytes(replay);
        Outcome o = rcusim("shrink", replay.toString(), "--out", replay.toString());
        assertOneLineUsageError(o, "is the recording being shrunk");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(replay)));
    }

    @Test
    void seedsAndHashesAreStringsInSummaryAndReplayFiles() throws Exception {
        Path out = dir.resolve("out");
        rcusim(failing("--runs", "3", "--out", out.toString()));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("masterSeed").isTextual(), summary.toString());
        summary.get("interleavings").forEach(h -> assertTrue(h.isTextual(), h.toString()));
        JsonNode f = summary.get("failures").get(0);
        assertTrue(f.get("firstSeed").isTextual() && f.get("firstStrategySeed").isTextual(), f.toString());
        JsonNode replay = JSON.readTree(Path.of(f.get("replayFile").asText()).toFile());
        assertTrue(replay.at("/scenario/seed").isTextual(), replay.toString());
        assertTrue(replay.at("/strategy/seed").isTextual(), replay.toString());
        assertEquals(f.get("firstSeed").asText(), replay.at("/scenario/seed").asText());
    }

    @Test
    void oldNumericSeedsStillReplayAndMerge() throws Exception {
        Path out = dir.resolve("out");
        rcusim(failing("--runs", "3", "--out", out.toString()));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        Path file = Path.of(summary.get("failures").get(0).get("replayFile").asText());
        ObjectNode replay = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) replay.get("scenario")).put("seed", Long.parseLong(replay.at("/scenario/seed").asText()));
        ((ObjectNode) replay.get("strategy")).put("seed", Long.parseLong(replay.at("/strategy/seed").asText()));
        Path old = dir.resolve("old.json");
        JSON.writeValue(old.toFile(), replay);
        Outcome o = rcusim("replay", old.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        ObjectNode s = (ObjectNode) summary;
        s.put("masterSeed", 1L);
        Path oldSummary = dir.resolve("old-summary.json");
        JSON.writeValue(oldSummary.toFile(), s);
        Outcome merged = rcusim("merge", oldSummary.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, merged.code(), merged.err());
    }

    @Test
    void replayFileWithAnEditedConfigurationKeyIsRefused() throws Exception {
        Path out = dir.resolve("out");
        rcusim(failing("--runs", "3", "--out", out.toString()));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        Path file = Path.of(summary.get("failures").get(0).get("replayFile").asText());
        ObjectNode replay = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode config = (ObjectNode) replay.at("/scenario/configuration");
        String key = config.fieldNames().next();
        config.put(key, config.get(key).asText() + "7");
        Path edited = dir.resolve("edited.json");
        JSON.writeValue(edited.toFile(), replay);
        Outcome o = rcusim("replay", edited.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("scenario.configuration does not match") && o.err().contains(key), o.err());
    }

    @Test
    void binaryInputSaysItIsNotATextFile() throws Exception {
        Path bin = Files.write(dir.resolve("bin.json"), new byte[] {0, 1, 2});
        Outcome o = rcusim("replay", bin.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertEquals(bin + ": not a text file (a NUL byte at offset 0); expected a replay file (JSON)\n", o.err());
        Path latin = Files.write(dir.resolve("latin.json"), new byte[] {(byte) 0xff, (byte) 0xfe, '{'});
        Outcome m = rcusim("merge", latin.toString());
        assertEquals(ExitCodes.BAD_INPUT, m.code(), m.err());
        assertTrue(m.err().contains("not a text file (not UTF-8)"), m.err());
        assertFalse(m.err().contains("Input length"), m.err());
    }

    @Test
    void devNullIsAnEmptyFileNotAMissingOne() {
        Outcome o = rcusim("replay", "/dev/null");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.err());
        assertEquals("/dev/null: the file is empty; expected a replay file (JSON)\n", o.err());
        Outcome m = rcusim("merge", "/dev/null");
        assertEquals(ExitCodes.BAD_INPUT, m.code(), m.err());
        assertTrue(m.err().contains("the file is empty"), m.err());
    }

    @Test
    void helpSummariesAreWholeSentencesWithinEightyColumns() {
        Outcome o = rcusim("--help");
        String commands = o.out().substring(o.out().indexOf("Commands:"), o.out().indexOf("Exit codes:"));
        List<String> entries = new java.util.ArrayList<>();
        for (String line : commands.lines().skip(1).toList()) {
            assertTrue(line.length() <= 80, "within 80 columns: " + line);
            if (line.startsWith("    ")) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.trim());
            } else if (!line.isBlank()) {
                entries.add(line.trim());
            }
        }
        assertTrue(entries.size() >= 10, entries.toString());
        for (String e : entries) {
            assertTrue(e.matches("[a-z-]+ +[A-Z].*\\."), "a whole sentence: " + e);
        }
    }

    @Test
    void exploreHelpShowsTheDefaultRunCount() {
        Outcome o = rcusim("explore", "--help");
        assertTrue(o.out().contains("(default: 1000)"), o.out());
    }
}
