package rcusim.sched.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfettoTimelineTest {
    private static final String FTRACE = """
            # tracer: nop
            #
            # entries-in-buffer/entries-written: 9/9   #P:2
            #
            #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
                 rcu_preempt-1       [000] d..1.     0.000010: rcu_grace_period: rcu_preempt 18446744073709550417 start
                 rcu_preempt-1       [000] .....     0.000012: sched_switch: prev_comm=rcu_preempt prev_pid=1 prev_prio=120 prev_state=S ==> next_comm=rcu_torture_writer next_pid=2 next_prio=120
            rcu_torture_writer-2       [000] d.h..     0.001004: irq_handler_entry: irq=0 name=tick
            rcu_torture_writer-2       [000] d.h..     0.001012: irq_handler_exit: irq=0 ret=handled
            rcu_torture_writer-2       [000] ..s..     0.001012: softirq_entry: vec=9 [action=RCU]
            rcu_torture_writer-2       [000] ..s..     0.001087: softirq_exit: vec=9 [action=RCU]
            rcu_torture_reader/1-5       [001] .....     0.001100: sched_wakeup: comm=rcu_preempt pid=1 prio=120 target_cpu=000
            rcu_torture_reader/1-5       [001] .....     0.001200: sched_switch: prev_comm=rcu_torture_reader/1 prev_pid=5 prev_prio=120 prev_state=S ==> next_comm=swapper/1 next_pid=0 next_prio=120
                 rcu_preempt-1       [000] d..1.     1.000300: rcu_grace_period: rcu_preempt 18446744073709550420 end
            """;

    private static List<JsonNode> events(String ftrace) throws IOException {
        StringWriter out = new StringWriter();
        PerfettoTimeline.write(ftrace, out);
        List<JsonNode> events = new ArrayList<>();
        new ObjectMapper().readTree(out.toString()).get("traceEvents").forEach(events::add);
        return events;
    }

    private static String brief(JsonNode e) {
        String s = e.get("ph").asText() + " " + e.get("name").asText() + " " + e.get("pid") + "/" + e.get("tid");
        if (e.has("ts")) {
            s += " @" + e.get("ts");
        }
        if (e.has("dur")) {
            s += "+" + e.get("dur");
        }
        return s;
    }

    @Test
    void tasksInterruptsGracePeriodsAndInstants() throws IOException {
        List<String> got = events(FTRACE).stream().map(PerfettoTimelineTest::brief).toList();
        assertEquals(List.of(
                "M process_name 1/0",
                "M process_name 2/0",
                "M thread_name 1/0",
                "M thread_sort_index 1/0",
                "M thread_name 1/1",
                "M thread_sort_index 1/1",
                "b rcu_preempt grace period 2/0 @10",
                "X rcu_preempt 1/0 @10+2",
                "X hardirq tick 1/0 @1004+8",
                "X softirq RCU 1/0 @1012+75",
                "i sched_wakeup 1/1 @1100",
                "X rcu_torture_reader/1 1/1 @1100+100",
                "e rcu_preempt grace period 2/0 @1000300",
                "X rcu_torture_writer 1/0 @12+1000288"), got);
    }

    @Test
    void theGracePeriodSlicesPairUp() throws IOException {
        List<JsonNode> gps = events(FTRACE).stream().filter(e -> e.get("pid").asInt() == 2 && !e.get("ph").asText().equals("M"))
                .toList();
        assertEquals(2, gps.size());
        assertEquals(gps.get(0).get("id"), gps.get(1).get("id"));
        assertEquals(gps.get(0).get("cat"), gps.get(1).get("cat"));
        assertEquals("18446744073709550417", gps.get(0).at("/args/gp_seq").asText());
    }

    /** A run that stopped with things open (a failure) ends them at the last timestamp. */
    @Test
    void whatIsOpenAtTheEndIsClosed() throws IOException {
        String cut = FTRACE.lines().limit(8).reduce("", (a, b) -> a + b + "\n");
        List<String> got = events(cut).stream().map(PerfettoTimelineTest::brief).toList();
        assertTrue(got.contains("X hardirq tick 1/0 @1004+0"), got.toString());
        assertTrue(got.contains("e rcu_preempt grace period 2/0 @1004"), got.toString());
        assertTrue(got.contains("X rcu_torture_writer 1/0 @12+992"), got.toString());
    }

    @Test
    void anEmptyTraceIsStillAValidTimeline() throws IOException {
        assertEquals(2, events("").size());
    }

    @Test
    void linesParse() {
        FtraceLine l = FtraceLine.parse("rcu_torture_reader/1-5       [001] d.h..     2.001100: irq_handler_entry: irq=0 name=tick");
        assertEquals(new FtraceLine("rcu_torture_reader/1", 5, 1, "d.h..", 2_001_100, "irq_handler_entry", "irq=0 name=tick"), l);
        assertEquals("tick", l.field("name"));
        assertEquals("0", l.field("irq"));
        assertEquals(null, l.field("ret"));
        assertEquals("a-b", FtraceLine.parse("  a-b-12 [000] ..... 0.000001: x: y").comm());
        assertEquals(null, FtraceLine.parse("# tracer: nop"));
    }
}
