package rcusim.sched.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import rcusim.sched.replay.AtomicFile;
import rcusim.sched.replay.BadFileException;
import rcusim.sched.replay.TextInput;
import rcusim.sched.replay.Signature;

/**
 * summary.json: a campaign's (or a shard's) result, for `rcusim merge` and `explore --resume`.
 * Failures carry every failing run index; interleavings are kept as hashes so that shards merge
 * exactly. Written while the campaign runs (state "running", at intervals) and at its end
 * ("finished", "interrupted" or "stopped"), always whole (an {@link AtomicFile}): after any kill
 * the file is valid and says how far the campaign got ({@code runs}, and in {@code done} the
 * ranges of shard positions that finished). 64-bit values (seeds, interleaving hashes) are
 * decimal strings, exact in jq and JavaScript; the reader takes numbers too (older files).
 */
public final class CampaignSummaryFile {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CampaignSummaryFile() {
    }

    /** What state a written summary describes. */
    public enum State {
        RUNNING, FINISHED, INTERRUPTED, STOPPED;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The summary of an ended campaign whose finished runs are not tracked (no --resume from it). */
    public static void write(Path file, CampaignConfig c, CampaignResult r) throws IOException {
        write(file, c, r, new CompletedRuns(), r.interrupted ? State.INTERRUPTED : State.FINISHED);
    }

    public static void write(Path file, CampaignConfig c, CampaignResult r, CompletedRuns done, State state)
            throws IOException {
        ObjectNode root = toJson(c, r, done, state);
        AtomicFile.write(file, out -> {
            JSON.writeValue(out, root);
            out.write('\n');
        });
    }

    /** The summary as a JSON tree (built on the thread that owns r, written anywhere). */
    public static ObjectNode toJson(CampaignConfig c, CampaignResult r, CompletedRuns done, State state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("scenario", c.scenario().name());
        root.put("injection", c.scenario().injection() == null ? null : c.scenario().injection().name());
        if (!c.scenario().optionsText().isEmpty()) {
            root.put("options", c.scenario().optionsText());
        }
        root.put("strategy", c.strategy());
        root.put("masterSeed", Long.toString(c.masterSeed()));
        root.put("campaignRuns", c.runs());
        root.put("shard", c.shard().toString());
        root.put("runs", r.runs);
        root.put("passed", r.passed);
        root.put("steps", r.steps);
        root.put("decisions", r.decisions);
        root.put("wallSeconds", r.wallSeconds);
        root.put("interrupted", r.interrupted);
        root.put("state", state.text());
        ArrayNode doneRanges = root.putArray("done");
        for (long[] range : done.ranges()) {
            doneRanges.addArray().add(range[0]).add(range[1]);
        }
        ObjectNode cnt = root.putObject("counters");
        r.counters.forEach(cnt::put);
        ObjectNode cov = root.putObject("coverage");
        r.coverage.forEach(cov::put);
        ArrayNode il = root.putArray("interleavings");
        r.interleavings.forEach(h -> il.add(Long.toString(h)));
        ArrayNode fails = root.putArray("failures");
        for (CampaignResult.Failure f : r.failures.values()) {
            ObjectNode o = fails.addObject();
            o.put("signature", f.signature.toString());
            o.put("firstRunIndex", f.firstRunIndex);
            o.put("firstSeed", Long.toString(f.firstSeed));
            o.put("firstStrategy", f.firstStrategy);
            o.put("firstStrategySeed", Long.toString(f.firstStrategySeed));
            o.put("report", f.report);
            o.put("replayFile", f.replayFile);
            ArrayNode runs = o.putArray("runIndices");
            f.runIndices.stream().sorted().forEach(runs::add);
        }
        return root;
    }

    /** What a summary file says, with the campaign identity to check before merging. */
    public record Read(String scenario, String injection, String strategy, long masterSeed, String shard,
            CampaignResult result, String options, long campaignRuns, String state, CompletedRuns done) {
        public CampaignIdentity identity() {
            return new CampaignIdentity(scenario, injection, options, strategy, masterSeed);
        }
    }

    /** Reads a summary; {@link BadFileException} (with the file and what is wrong) when it is not one. */
    public static Read read(Path file) {
        JsonNode root;
        String text = TextInput.read(file, "a campaign's summary.json");
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new BadFileException(file.toString(), at == null ? 0 : at.getLineNr(), at == null ? 0
                    : at.getColumnNr(), "not valid JSON (a summary.json written whole never is): "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) {
            throw new BadFileException(file.toString(), "not an rcusim summary.json (no \"format\": " + FORMAT + ")");
        }
        CampaignResult r = new CampaignResult();
        r.runs = root.path("runs").asLong();
        r.passed = root.path("passed").asLong();
        r.steps = root.path("steps").asLong();
        r.decisions = root.path("decisions").asLong();
        r.wallSeconds = root.path("wallSeconds").asDouble();
        r.interrupted = root.path("interrupted").asBoolean();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("coverage").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            r.coverage.put(e.getKey(), e.getValue().asLong());
        }
        for (JsonNode n : root.path("interleavings")) {
            r.interleavings.add(long64(file, "interleavings", n));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("counters").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            r.counters.put(e.getKey(), e.getValue().asLong());
        }
        for (JsonNode o : root.path("failures")) {
            CampaignResult.Failure f;
            try {
                f = new CampaignResult.Failure(Signature.parse(o.path("signature").asText()));
            } catch (IllegalArgumentException e) {
                throw new BadFileException(file.toString(), "failures: " + e.getMessage());
            }
            f.firstRunIndex = o.path("firstRunIndex").asLong();
            f.firstSeed = long64(file, "failures.firstSeed", o.path("firstSeed"));
            f.firstStrategy = o.path("firstStrategy").asText();
            f.firstStrategySeed = long64(file, "failures.firstStrategySeed", o.path("firstStrategySeed"));
            f.report = o.path("report").asText();
            f.replayFile = o.path("replayFile").isNull() ? null : o.path("replayFile").asText(null);
            o.path("runIndices").forEach(n -> f.runIndices.add(n.asLong()));
            r.failures.put(f.signature, f);
        }
        CompletedRuns done = new CompletedRuns();
        for (JsonNode range : root.path("done")) {
            try {
                done.addRange(range.path(0).asLong(-1), range.path(1).asLong(-1));
            } catch (IllegalArgumentException e) {
                throw new BadFileException(file.toString(), "done: " + e.getMessage());
            }
        }
        return new Read(root.path("scenario").asText(), root.path("injection").isNull() ? null
                : root.path("injection").asText(null), root.path("strategy").asText(),
                long64(file, "masterSeed", root.path("masterSeed")), root.path("shard").asText(), r,
                root.path("options").asText(""), root.path("campaignRuns").asLong(-1),
                root.path("state").asText(r.interrupted ? "interrupted" : "finished"), done);
    }

    /** A 64-bit value: a decimal string (this format) or a JSON number (older files). */
    private static long long64(Path file, String field, JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.textValue().trim());
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new BadFileException(file.toString(), field + ": expected a 64-bit whole number, found " + n);
    }

    /** Folds b into a: the union of runs, failures by signature (lowest run index first), coverage, interleavings. */
    public static void merge(CampaignResult a, CampaignResult b) {
        a.runs += b.runs;
        a.passed += b.passed;
        a.steps += b.steps;
        a.decisions += b.decisions;
        a.wallSeconds = Math.max(a.wallSeconds, b.wallSeconds);
        a.interrupted |= b.interrupted;
        b.coverage.forEach((k, v) -> a.coverage.merge(k, v, Long::sum));
        b.counters.forEach((k, v) -> a.counters.merge(k, v, Long::sum));
        a.interleavings.addAll(b.interleavings);
        for (CampaignResult.Failure f : b.failures.values()) {
            CampaignResult.Failure g = a.failures.computeIfAbsent(f.signature, CampaignResult.Failure::new);
            g.runIndices.addAll(f.runIndices);
            g.runIndices.sort(null);
            if (f.firstRunIndex < g.firstRunIndex) {
                g.firstRunIndex = f.firstRunIndex;
                g.firstSeed = f.firstSeed;
                g.firstStrategy = f.firstStrategy;
                g.firstStrategySeed = f.firstStrategySeed;
                g.report = f.report;
                g.replayFile = f.replayFile;
            }
        }
    }
}
