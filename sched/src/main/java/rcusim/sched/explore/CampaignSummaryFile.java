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
import rcusim.sched.replay.BadFileException;
import rcusim.sched.replay.Signature;

/**
 * summary.json: a campaign's (or a shard's) result, for `rcusim merge`. Failures carry every
 * failing run index; interleavings are kept as hashes so that shards merge exactly.
 */
public final class CampaignSummaryFile {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CampaignSummaryFile() {
    }

    public static void write(Path file, CampaignConfig c, CampaignResult r) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("scenario", c.scenario().name());
        root.put("injection", c.scenario().injection() == null ? null : c.scenario().injection().name());
        if (!c.scenario().overrides().isEmpty()) {
            root.put("options", c.scenario().overrides().commandLine());
        }
        root.put("strategy", c.strategy());
        root.put("masterSeed", c.masterSeed());
        root.put("campaignRuns", c.runs());
        root.put("shard", c.shard().toString());
        root.put("runs", r.runs);
        root.put("passed", r.passed);
        root.put("steps", r.steps);
        root.put("decisions", r.decisions);
        root.put("wallSeconds", r.wallSeconds);
        root.put("interrupted", r.interrupted);
        ObjectNode cnt = root.putObject("counters");
        r.counters.forEach(cnt::put);
        ObjectNode cov = root.putObject("coverage");
        r.coverage.forEach(cov::put);
        ArrayNode il = root.putArray("interleavings");
        r.interleavings.forEach(il::add);
        ArrayNode fails = root.putArray("failures");
        for (CampaignResult.Failure f : r.failures.values()) {
            ObjectNode o = fails.addObject();
            o.put("signature", f.signature.toString());
            o.put("firstRunIndex", f.firstRunIndex);
            o.put("firstSeed", f.firstSeed);
            o.put("firstStrategy", f.firstStrategy);
            o.put("firstStrategySeed", f.firstStrategySeed);
            o.put("report", f.report);
            o.put("replayFile", f.replayFile);
            ArrayNode runs = o.putArray("runIndices");
            f.runIndices.stream().sorted().forEach(runs::add);
        }
        JSON.writeValue(file.toFile(), root);
    }

    /** What a summary file says, with the campaign identity to check before merging. */
    public record Read(String scenario, String injection, String strategy, long masterSeed, String shard,
            CampaignResult result, String options) {
    }

    /** Reads a summary; {@link BadFileException} (with the file and what is wrong) when it is not one. */
    public static Read read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadFileException(file.toString(), file + ": not a readable summary.json (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) {
            throw new BadFileException(file.toString(), file + ": not a summary.json of format " + FORMAT);
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
        root.path("interleavings").forEach(n -> r.interleavings.add(n.asLong()));
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("counters").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            r.counters.put(e.getKey(), e.getValue().asLong());
        }
        for (JsonNode o : root.path("failures")) {
            CampaignResult.Failure f;
            try {
                f = new CampaignResult.Failure(Signature.parse(o.path("signature").asText()));
            } catch (IllegalArgumentException e) {
                throw new BadFileException(file.toString(), file + ": failures: " + e.getMessage());
            }
            f.firstRunIndex = o.path("firstRunIndex").asLong();
            f.firstSeed = o.path("firstSeed").asLong();
            f.firstStrategy = o.path("firstStrategy").asText();
            f.firstStrategySeed = o.path("firstStrategySeed").asLong();
            f.report = o.path("report").asText();
            f.replayFile = o.path("replayFile").isNull() ? null : o.path("replayFile").asText(null);
            o.path("runIndices").forEach(n -> f.runIndices.add(n.asLong()));
            r.failures.put(f.signature, f);
        }
        return new Read(root.path("scenario").asText(), root.path("injection").isNull() ? null
                : root.path("injection").asText(null), root.path("strategy").asText(), root.path("masterSeed").asLong(),
                root.path("shard").asText(), r, root.path("options").asText(""));
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
