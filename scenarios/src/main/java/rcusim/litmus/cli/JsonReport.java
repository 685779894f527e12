package rcusim.litmus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import rcusim.litmus.exec.LitmusResult;
import rcusim.machine.memory.MemoryModel;

/** The whole run as one JSON document, for scripts. */
final class JsonReport {
    private JsonReport() {
    }

    static void print(PrintWriter out, MemoryModel model, List<TestReport> reports, double wallMs) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("model", model.name().toLowerCase());
        root.put("wallMs", Math.round(wallMs * 100) / 100.0);
        ArrayNode tests = root.putArray("tests");
        for (TestReport t : reports) {
            ObjectNode o = tests.addObject();
            o.put("file", t.path().toString());
            if (t.expected() != null) {
                o.put("expected", t.expected().toString());
            }
            if (t.error() != null) {
                o.put("error", t.error());
                continue;
            }
            LitmusResult r = t.result();
            o.put("name", r.name());
            o.put("quantifier", r.quantifier());
            o.put("verdict", r.verdict().toString());
            o.put("observed", r.observed());
            o.put("executions", r.executions());
            o.put("deadlocked", r.deadlocked());
            o.put("states", r.states());
            o.put("complete", r.complete());
            o.put("ms", Math.round(r.millis() * 100) / 100.0);
            o.put("violatesExpectation", t.violatesExpectation());
            ArrayNode outs = o.putArray("outcomes");
            for (LitmusResult.Outcome oc : r.outcomes()) {
                ObjectNode x = outs.addObject();
                x.put("outcome", oc.text());
                x.put("count", oc.count());
                x.put("satisfies", oc.satisfies());
            }
        }
        try {
            out.println(m.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
