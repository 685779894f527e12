package rcusim.litmus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.Verdict;

/**
 * JSON Lines, for scripts: a {@code "type":"run"} object first, one {@code "type":"test"}
 * object per test as it finishes, a {@code "type":"summary"} object last. Each line is a
 * whole JSON document written at once, so output cut short by a kill is still valid up to
 * its last line (and a run without its summary line did not finish).
 */
final class JsonReport implements ReportSink {
    private final PrintWriter out;
    private final ObjectMapper m = new ObjectMapper();

    JsonReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void begin(RunInfo run) {
        ObjectNode o = m.createObjectNode();
        o.put("type", "run");
        o.put("model", run.modelName());
        if (run.also() != null) {
            o.put("also", run.also());
        }
        o.put("jobs", run.jobs());
        o.put("tests", run.tests());
        o.put("maxStates", run.budget().maxStates());
        o.put("memoryBytesPerTest", run.budget().maxBytes());
        if (run.timeoutSeconds() >= 0) {
            o.put("timeoutSeconds", run.timeoutSeconds());
        }
        line(o);
    }

    @Override
    public void test(TestReport t) {
        ObjectNode o = m.createObjectNode();
        o.put("type", "test");
        o.put("file", t.path().toString());
        o.put("status", t.status().word());
        if (t.expected() != null) {
            o.put("expected", t.expected().toString());
        }
        if (t.error() != null) {
            o.put("error", t.error());
            line(o);
            return;
        }
        LitmusResult r = t.result();
        o.put("name", r.name());
        o.put("quantifier", r.quantifier());
        o.put("verdict", r.complete() ? r.verdict().toString() : "INCOMPLETE");
        o.put("complete", r.complete());
        if (!r.complete()) {
            o.put("stopped", r.stopped().word());
        }
        o.put("observed", r.observed());
        o.put("executions", r.executions());
        o.put("deadlocked", r.deadlocked());
        o.put("states", r.states());
        o.put("ms", Math.round(r.millis() * 100) / 100.0);
        o.put("violatesExpectation", t.violatesExpectation());
        ArrayNode flags = o.putArray("flags");
        r.flags().forEach(flags::add);
        if (t.expectedFlags() != null) {
            ArrayNode ef = o.putArray("expectedFlags");
            t.expectedFlags().forEach(ef::add);
            o.put("flagsAgree", !t.flagsDisagree());
        }
        o.put("verdictOnly", r.verdictOnly());
        if (t.machine() != null) {
            ObjectNode mo = o.putObject("machine");
            LitmusResult mr = t.machine();
            mo.put("verdict", mr.complete() ? mr.verdict().toString() : "INCOMPLETE");
            mo.put("unsound", t.machineUnsound());
            mo.put("incomplete", t.machineIncomplete());
            mo.put("ms", Math.round(mr.millis() * 100) / 100.0);
        }
        ArrayNode outs = o.putArray("outcomes");
        for (LitmusResult.Outcome oc : r.outcomes()) {
            ObjectNode x = outs.addObject();
            x.put("outcome", oc.text());
            x.put("count", oc.count());
            x.put("satisfies", oc.satisfies());
        }
        line(o);
    }

    @Override
    public void end(Tally s) {
        ObjectNode o = m.createObjectNode();
        o.put("type", "summary");
        o.put("tests", s.planned);
        o.put("reported", s.reported);
        o.put("interrupted", s.interrupted);
        for (Verdict v : Verdict.values()) {
            o.put(v.toString(), s.count(v));
        }
        for (TestReport.Status st : TestReport.Status.values()) {
            o.put(st.word(), s.count(st));
        }
        o.put("judged", s.judged);
        o.put("agree", s.agree);
        o.put("flagJudged", s.flagJudged);
        o.put("flagAgree", s.flagAgree);
        if (s.machineGraded > 0 || s.machineUngraded > 0) {
            o.put("machineGraded", s.machineGraded);
            o.put("machineExact", s.machineExact);
            o.put("machineUnsound", s.machineUnsound);
            o.put("machineIncomplete", s.machineIncomplete);
            o.put("machineUngraded", s.machineUngraded);
        }
        o.put("wallMs", Math.round(s.wallMs * 100) / 100.0);
        line(o);
    }

    private void line(ObjectNode o) {
        try {
            out.println(m.writeValueAsString(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
