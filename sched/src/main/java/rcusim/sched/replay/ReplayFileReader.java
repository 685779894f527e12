package rcusim.sched.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the JSON of {@link ReplayFileWriter} back, checking everything a damaged, truncated,
 * foreign or newer file could get wrong, and naming the file and the field in its message.
 * Whether the scenario still exists and is unchanged is {@link ReplayFile#scenarioIn}'s job.
 */
final class ReplayFileReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path path;

    ReplayFileReader(Path path) {
        this.path = path;
    }

    ReplayFile read() {
        JsonNode root = parse();
        if (root == null || root.isMissingNode()) {
            throw bad("the file is empty; expected a replay file (JSON)");
        }
        if (!root.isObject() || !ReplayFileWriter.FORMAT.equals(root.path("format").asText(null))) {
            throw bad("not an rcusim replay file (no \"format\": \"" + ReplayFileWriter.FORMAT + "\")");
        }
        long version = number(root, "version");
        if (version != ReplayFile.FORMAT_VERSION) {
            throw bad("replay format version " + version + "; this rcusim reads version " + ReplayFile.FORMAT_VERSION
                    + (version > ReplayFile.FORMAT_VERSION ? " (the file comes from a newer rcusim)" : ""));
        }
        JsonNode scenario = object(root, "scenario");
        JsonNode strategy = object(root, "strategy");
        JsonNode failure = field(root, "failure"); // null when the run passed
        Signature signature = failure.isNull() ? null : signature(object(root, "failure"));
        String message = failure.isNull() ? null : text(failure, "failure.message");
        return new ReplayFile((int) version, text(root, "build"), text(scenario, "scenario.name"),
                text(scenario, "scenario.hash"), textOrNull(scenario, "scenario.injection"),
                number(scenario, "scenario.seed"), text(strategy, "strategy.name"),
                number(strategy, "strategy.seed"), signature, message, decisions(object(root, "decisions")),
                scenario.has("options") ? textOrNull(scenario, "scenario.options") : null,
                configuration(scenario), schedule(strategy));
    }

    /** strategy.schedule: the schedule the run followed; absent when it followed none. */
    private ReplayFile.ScheduleText schedule(JsonNode strategy) {
        JsonNode sc = strategy.get("schedule");
        if (sc == null || sc.isNull()) {
            return null;
        }
        if (!sc.isObject()) {
            throw bad("strategy.schedule must be an object with file, firstLine and text");
        }
        return new ReplayFile.ScheduleText(text(sc, "strategy.schedule.file"),
                (int) number(sc, "strategy.schedule.firstLine"), text(sc, "strategy.schedule.text"));
    }

    /** scenario.configuration: an object of strings; absent in older files (null). */
    private java.util.SortedMap<String, String> configuration(JsonNode scenario) {
        JsonNode c = scenario.get("configuration");
        if (c == null) {
            return null;
        }
        if (!c.isObject()) {
            throw bad("scenario.configuration: expected an object, found " + c.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        for (java.util.Map.Entry<String, JsonNode> e : c.properties()) {
            if (!e.getValue().isTextual()) {
                throw bad("scenario.configuration." + e.getKey() + ": expected a string, found "
                        + e.getValue().getNodeType().name().toLowerCase(Locale.ROOT));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private Signature signature(JsonNode failure) {
        try {
            return Signature.parse(text(failure, "failure.signature"));
        } catch (IllegalArgumentException e) {
            throw bad("failure.signature: " + e.getMessage());
        }
    }

    private JsonNode parse() {
        try (InputStream in = Files.newInputStream(path)) {
            return JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String what = e instanceof JsonEOFException
                    ? "the file ends in the middle of its JSON (truncated?): "
                    : "not valid JSON: ";
            throw new BadFileException(path.toString(), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), what + e.getOriginalMessage(), e);
        } catch (NoSuchFileException e) {
            throw bad("no such file");
        } catch (IOException e) {
            throw new BadFileException(path.toString(), 0, 0, "cannot read: " + e, e);
        }
    }

    private RecordedDecisions decisions(JsonNode d) {
        String encoding = text(d, "decisions.encoding");
        if (!encoding.equals(PackedInts.ENCODING)) {
            throw bad("decisions.encoding: " + encoding + " is unknown; this rcusim reads " + PackedInts.ENCODING);
        }
        long count = number(d, "decisions.count");
        if (count < 0 || count > Integer.MAX_VALUE / Integer.BYTES) {
            throw bad("decisions.count: " + count + " is out of range");
        }
        long steps = number(d, "decisions.steps");
        if (steps < -1) {
            throw bad("decisions.steps: " + steps + " is negative");
        }
        int[] offered = ints(d, "offered", (int) count);
        int[] chosen = ints(d, "chosen", (int) count);
        int[] fingerprints = ints(d, "fingerprints", (int) count);
        for (int i = 0; i < count; i++) {
            // the machine asks only when there are two or more options
            if (offered[i] < 2 || chosen[i] < 0 || chosen[i] >= offered[i]) {
                throw bad("decisions: decision " + i + " chose option " + chosen[i] + " of " + offered[i]
                        + ", which no run can do (damaged file?)");
            }
        }
        return new RecordedDecisions(offered, chosen, fingerprints, steps);
    }

    private int[] ints(JsonNode d, String name, int count) {
        try {
            return PackedInts.decode(text(d, "decisions." + name), count);
        } catch (IllegalArgumentException e) {
            throw bad("decisions." + name + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ fields

    private JsonNode field(JsonNode parent, String path) {
        JsonNode n = parent.get(path.substring(path.lastIndexOf('.') + 1));
        if (n == null) {
            throw bad("missing field " + path);
        }
        return n;
    }

    private JsonNode object(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isObject()) {
            throw bad(path + ": expected an object, found " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return n;
    }

    private String text(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isTextual()) {
            throw bad(path + ": expected a string, found " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return n.textValue();
    }

    private String textOrNull(JsonNode parent, String path) {
        return field(parent, path).isNull() ? null : text(parent, path);
    }

    private long number(JsonNode parent, String path) {
        JsonNode n = field(parent, path);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw bad(path + ": expected a whole number, found " + n);
        }
        return n.longValue();
    }

    private BadFileException bad(String message) {
        return new BadFileException(path.toString(), message);
    }
}
