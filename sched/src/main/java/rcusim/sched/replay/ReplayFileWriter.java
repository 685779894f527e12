package rcusim.sched.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link ReplayFile} as JSON, small things first so that {@code head} shows them:
 *
 * <pre>{@code
 * {
 *   "format" : "rcusim replay",
 *   "version" : 1,
 *   "build" : "0.1.0-SNAPSHOT+<commit>",
 *   "scenario" : { "name" : "torture", "hash" : "<16 hex>", "injection" : "init-qsmask-zero", "seed" : 1,
 *                  "options" : "--cpus 8 --nocb 1-3",                   (options only when given)
 *                  "configuration" : { "machine.cpus" : "4", ..., "rcu.fanout" : "2", ... } },
 *   "strategy" : { "name" : "random", "seed" : 1,
 *                  "schedule" : { "file" : "x.sched", "firstLine" : 1, "text" : "..." } },   (only under --schedule)
 *   "failure" : { "signature" : "WARN: ...", "message" : "..." },        (null when the run passed)
 *   "decisions" : { "count" : 3254, "steps" : 3236, "encoding" : "int32be-zlib-base64",
 *                   "offered" : "<base64>", "chosen" : "<base64>", "fingerprints" : "<base64>" }
 * }
 * }</pre>
 */
final class ReplayFileWriter {
    static final String FORMAT = "rcusim replay";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private ReplayFileWriter() {
    }

    static void write(ReplayFile f, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            JSON.writeValue(out, toJson(f));
            out.write('\n');
        }
    }

    static ObjectNode toJson(ReplayFile f) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", f.version());
        root.put("build", f.build());
        ObjectNode scenario = root.putObject("scenario");
        scenario.put("name", f.scenario());
        scenario.put("hash", f.scenarioHash());
        scenario.put("injection", f.injection());
        if (f.options() != null) {
            scenario.put("options", f.options());
        }
        scenario.put("seed", f.seed());
        if (f.configuration() != null) {
            ObjectNode config = scenario.putObject("configuration");
            f.configuration().forEach(config::put);
        }
        ObjectNode strategy = root.putObject("strategy");
        strategy.put("name", f.strategy());
        strategy.put("seed", f.strategySeed());
        if (f.schedule() != null) {
            ObjectNode sc = strategy.putObject("schedule");
            sc.put("file", f.schedule().file());
            sc.put("firstLine", f.schedule().firstLine());
            sc.put("text", f.schedule().text());
        }
        if (f.failed()) {
            ObjectNode failure = root.putObject("failure");
            failure.put("signature", f.signature().toString());
            failure.put("message", f.failure());
        } else {
            root.putNull("failure");
        }
        RecordedDecisions d = f.decisions();
        ObjectNode decisions = root.putObject("decisions");
        decisions.put("count", d.count());
        decisions.put("steps", d.steps());
        decisions.put("encoding", PackedInts.ENCODING);
        decisions.put("offered", PackedInts.encode(d.offered()));
        decisions.put("chosen", PackedInts.encode(d.chosen()));
        decisions.put("fingerprints", PackedInts.encode(d.fingerprints()));
        return root;
    }
}
