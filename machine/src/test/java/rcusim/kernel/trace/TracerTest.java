package rcusim.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TracerTest {
    private static final String HEADER_HELP = """
            #                                _-----=> irqs-off/BH-disabled
            #                               / _----=> need-resched
            #                              | / _---=> hardirq/softirq
            #                              || / _--=> preempt-depth
            #                              ||| / _-=> migrate-disable
            #                              |||| /     delay
            #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
            #              | |         |   |||||     |         |
            """;

    private static String header(long entries, long written, int cpus) {
        return "# tracer: nop\n#\n# entries-in-buffer/entries-written: " + entries + "/" + written + "   #P:" + cpus
                + "\n#\n" + HEADER_HELP;
    }

    /** The body of the trace: the text after the header. */
    private static String body(Tracer t) {
        String text = t.text();
        return text.substring(text.indexOf("|||||     |         |\n") + "|||||     |         |\n".length());
    }

    /** Lines from real trace files (their quoting indentation removed): comm is %16s. */
    @Test
    void linesCopiedFromRealKernelTracesRenderIdentically() {
        Tracer t = new Tracer(true);
        t.emit(23, "kworker/23:1", 333, TraceFlags.of(true, false, false, false, false, 1), 428_789_473_000L,
                "ata_qc_issue", "ata_port=2 ata_dev=0 tag=6");
        t.emit(4, "sh", 113, TraceFlags.NONE, 6_467_444_000L, "truncate",
                "(do_truncate+0x4/0x120) dentry=0xffff8880044f0fd8");
        t.emit(1, "kworker/u10:0", 378, TraceFlags.NONE, 3903_181_095_000L, "myprobe", "used=1");
        assertEquals(""
                + "    kworker/23:1-333     [023] d..1.   428.789473: ata_qc_issue: ata_port=2 ata_dev=0 tag=6\n"
                + "              sh-113     [004] .....     6.467444: truncate: (do_truncate+0x4/0x120) dentry=0xffff8880044f0fd8\n"
                + "   kworker/u10:0-378     [001] .....  3903.181095: myprobe: used=1\n",
                body(t));
    }

    @Test
    void idleTaskInHardirq() {
        Tracer t = new Tracer(true);
        t.emit(1, "<idle>", 0, TraceFlags.of(true, false, true, false, false, 1), 12_345_678_000L,
                "irq_handler_entry", "irq=0 name=timer");
        assertEquals("          <idle>-0       [001] d.h1.    12.345678: irq_handler_entry: irq=0 name=timer\n", body(t));
    }

    @Test
    void longFieldOverloadsRenderKeyValuePairs() {
        Tracer t = new Tracer(true);
        int flags = TraceFlags.of(true, true, false, false, false, 2);
        t.emit(0, "rcu_preempt", 16, flags, 1_000_000_000L, "rcu_fqs", "gp_seq", 8);
        t.emit(0, "rcu_preempt", 16, flags, 1_000_000_000L, "rcu_fqs", "gp_seq", 8, "cpu", 3);
        t.emit(0, "rcu_preempt", 16, flags, 1_000_000_000L, "rcu_fqs", "gp_seq", -300, "cpu", 3, "qsmask", 0xf);
        assertEquals(""
                + "     rcu_preempt-16      [000] dN.2.     1.000000: rcu_fqs: gp_seq=8\n"
                + "     rcu_preempt-16      [000] dN.2.     1.000000: rcu_fqs: gp_seq=8 cpu=3\n"
                + "     rcu_preempt-16      [000] dN.2.     1.000000: rcu_fqs: gp_seq=-300 cpu=3 qsmask=15\n",
                body(t));
    }

    @Test
    void wideValuesPushTheColumnsRightAsPrintfDoes() {
        Tracer t = new Tracer(true);
        t.emit(1234, "a_very_long_task_name", 12345678, TraceFlags.NONE, 123_456_000_000_000L, "e", "");
        assertEquals("a_very_long_task_name-12345678 [1234] ..... 123456.000000: e: \n", body(t));
    }

    @Test
    void timestampsRoundToTheNearestMicrosecondLikeNs2usecs() {
        String[][] cases = {
            {"0", "    0.000000"},
            {"499", "    0.000000"},
            {"500", "    0.000001"},
            {"999999499", "    0.999999"},
            {"999999500", "    1.000000"},
            {"4000000", "    0.004000"},
            {"99999999999000", "99999.999999"},
        };
        for (String[] c : cases) {
            StringBuilder sb = new StringBuilder();
            FtraceFormat.appendTimestamp(sb, Long.parseLong(c[0]));
            assertEquals(c[1], sb.toString(), c[0] + " ns");
        }
        assertThrows(IllegalArgumentException.class, () -> FtraceFormat.appendTimestamp(new StringBuilder(), -1));
    }

    @Test
    void textIsTheKernelHeaderThenTheLines() {
        Tracer t = new Tracer(true);
        assertEquals(header(0, 0, 1), t.text());
        t.emit(3, "rcu_preempt", 16, TraceFlags.NONE, 0, "rcu_grace_period", "rcu_preempt 4 start");
        assertEquals(header(1, 1, 4)
                + "     rcu_preempt-16      [003] .....     0.000000: rcu_grace_period: rcu_preempt 4 start\n", t.text());
        t.setCpus(8);
        assertTrue(t.text().contains("   #P:8\n"));
    }

    @Test
    void writeToWritesTheSameText() throws IOException {
        Tracer t = new Tracer(true);
        t.emit(0, "a", 1, TraceFlags.NONE, 5, "e", "x");
        StringBuilder sb = new StringBuilder();
        t.writeTo(sb);
        assertEquals(t.text(), sb.toString());
    }

    @Test
    void boundedTracerKeepsTheLastLinesLikeTheRingBuffer() {
        Tracer t = new Tracer(true, 3);
        for (int i = 0; i < 5; i++) {
            t.emit(0, "a", 1, TraceFlags.NONE, i * 1000L, "e", "i", i);
        }
        assertEquals(3, t.lines());
        assertEquals(5, t.written());
        String text = t.text();
        assertTrue(text.startsWith(header(3, 5, 1)), text);
        assertEquals(""
                + "               a-1       [000] .....     0.000002: e: i=2\n"
                + "               a-1       [000] .....     0.000003: e: i=3\n"
                + "               a-1       [000] .....     0.000004: e: i=4\n", body(t));
        assertThrows(IllegalArgumentException.class, () -> new Tracer(true, 0));
    }

    @Test
    void perEventFilter() {
        Tracer t = new Tracer(true);
        assertTrue(t.enabled("rcu_fqs"), "all events by default");
        t.enableOnly(java.util.Set.of("rcu_grace_period", "rcu_callback"));
        assertTrue(t.enabled());
        assertTrue(t.enabled("rcu_callback"));
        assertFalse(t.enabled("rcu_fqs"));
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "rcu_fqs", "dropped");
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "rcu_fqs", "k", 1);
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "rcu_fqs", "k", 1, "l", 2);
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "rcu_fqs", "k", 1, "l", 2, "m", 3);
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "rcu_callback", "kept");
        assertEquals(1, t.lines());
        assertTrue(body(t).endsWith("rcu_callback: kept\n"));
        t.enableAll();
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "rcu_fqs", "now kept");
        assertEquals(2, t.lines());
    }

    @Test
    void disabledTracerRecordsNothing() {
        Tracer t = new Tracer(false);
        assertFalse(t.enabled());
        assertFalse(t.enabled("rcu_fqs"));
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "e", "x");
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "e", "k", 1);
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "e", "k", 1, "l", 2);
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "e", "k", 1, "l", 2, "m", 3);
        assertEquals(0, t.lines());
        assertEquals(0, t.written());
        assertEquals(header(0, 0, 1), t.text());
    }

    @Test
    void clearDropsEverything() {
        Tracer t = new Tracer(true);
        t.emit(0, "a", 1, TraceFlags.NONE, 0, "e", "x");
        t.clear();
        assertEquals(0, t.lines());
        assertEquals(0, t.written());
    }

    @Test
    void sameEventsGiveTheSameTraceByteForByte() {
        assertEquals(script(new Tracer(true)), script(new Tracer(true)));
        assertEquals(script(new Tracer(true, 1000)), script(new Tracer(true)));
    }

    private static String script(Tracer t) {
        for (int i = 0; i < 200; i++) {
            int cpu = i % 4;
            int flags = TraceFlags.of(i % 2 == 0, i % 3 == 0, i % 5 == 0, i % 7 == 0, false, i % 17);
            t.emit(cpu, "rcu_preempt", 16, flags, i * 1_234_567L, "rcu_quiescent_state_report", "gp_seq", i,
                    "mask", 1L << cpu, "qsmask", i & 0xf);
        }
        return t.text();
    }
}
