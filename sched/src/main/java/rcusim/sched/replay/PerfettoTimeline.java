package rcusim.sched.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * A timeline for ui.perfetto.dev and chrome://tracing (the Trace Event Format's JSON object
 * with a {@code traceEvents} array), built from a run's ftrace text. Process 1 has one thread
 * track per CPU (tid = CPU): the task running (from {@code sched_switch}) as slices, hard and
 * soft interrupts as slices nested in them, every other event as an instant. Process 2,
 * "grace periods", shows each RCU grace period from its {@code rcu_grace_period ... start} to
 * its {@code end} as an async slice. Times are the ftrace timestamps, in microseconds.
 */
public final class PerfettoTimeline {
    static final int CPUS_PID = 1;
    static final int GRACE_PERIODS_PID = 2;

    private final JsonGenerator out;
    private final Map<Integer, CpuTrack> cpus = new TreeMap<>();
    /** Open grace periods: flavor (rcu_preempt, rcu_sched) to async id. */
    private final Map<String, Integer> openGps = new TreeMap<>();
    private int gps;
    private long lastUs;

    private PerfettoTimeline(JsonGenerator out) {
        this.out = out;
    }

    /** Writes the timeline of the ftrace text to out (which stays open). */
    public static void write(String ftrace, Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // One event per line: readable, and diffs of two timelines stay small.
        g.setPrettyPrinter(new DefaultPrettyPrinter().withoutSpacesInObjectEntries()
                .withArrayIndenter(new DefaultIndenter("", "\n"))
                .withObjectIndenter(new DefaultPrettyPrinter.NopIndenter()));
        PerfettoTimeline t = new PerfettoTimeline(g);
        g.writeStartObject();
        g.writeArrayFieldStart("traceEvents");
        t.metadata(FtraceLine.cpusOf(ftrace));
        for (String line : (Iterable<String>) ftrace.lines()::iterator) {
            FtraceLine e = FtraceLine.parse(line);
            if (e != null) {
                t.event(e);
            }
        }
        t.closeAll();
        g.writeEndArray();
        g.writeStringField("displayTimeUnit", "ms");
        g.writeEndObject();
        g.flush();
    }

    private void metadata(int cpuCount) throws IOException {
        meta(CPUS_PID, 0, "process_name", "CPUs");
        meta(GRACE_PERIODS_PID, 0, "process_name", "grace periods");
        for (int cpu = 0; cpu < cpuCount; cpu++) {
            track(cpu);
        }
    }

    private CpuTrack track(int cpu) throws IOException {
        CpuTrack t = cpus.get(cpu);
        if (t == null) {
            t = new CpuTrack();
            cpus.put(cpu, t);
            meta(CPUS_PID, cpu, "thread_name", "CPU " + cpu);
            out.writeStartObject();
            out.writeStringField("ph", "M");
            out.writeStringField("name", "thread_sort_index");
            out.writeNumberField("pid", CPUS_PID);
            out.writeNumberField("tid", cpu);
            out.writeObjectFieldStart("args");
            out.writeNumberField("sort_index", cpu);
            out.writeEndObject();
            out.writeEndObject();
        }
        return t;
    }

    private void event(FtraceLine e) throws IOException {
        lastUs = Math.max(lastUs, e.timestampUs());
        CpuTrack cpu = track(e.cpu());
        if (cpu.task == null && !isIdle(e.comm())) {
            // the first line of a CPU shows what was running before any switch was traced
            cpu.task = new Open(e.comm(), e.pid(), e.timestampUs());
        }
        switch (e.event()) {
            case "sched_switch" -> schedSwitch(cpu, e);
            case "irq_handler_entry" -> cpu.interrupts.push(new Open("hardirq " + e.field("name"), 0, e.timestampUs()));
            case "softirq_entry" -> cpu.interrupts.push(new Open("softirq " + action(e), 0, e.timestampUs()));
            case "irq_handler_exit" -> interruptExit(cpu, e, "hardirq ");
            case "softirq_exit" -> interruptExit(cpu, e, "softirq ");
            case "rcu_grace_period" -> gracePeriod(e);
            default -> instant(e);
        }
    }

    private void schedSwitch(CpuTrack cpu, FtraceLine e) throws IOException {
        if (cpu.task != null) {
            slice(e.cpu(), cpu.task, e.timestampUs());
            cpu.task = null;
        }
        String next = e.fields().replaceFirst("^.* ==> next_comm=(.*) next_pid=\\d+ .*$", "$1");
        String nextPid = e.field("next_pid");
        if (!isIdle(next) && nextPid != null) {
            cpu.task = new Open(next, Integer.parseInt(nextPid), e.timestampUs());
        }
    }

    /** Closes the innermost open interrupt of that kind; an exit whose entry the ring buffer lost is dropped. */
    private void interruptExit(CpuTrack cpu, FtraceLine e, String kind) throws IOException {
        if (cpu.interrupts.stream().noneMatch(o -> o.name.startsWith(kind))) {
            return;
        }
        while (true) {
            Open o = cpu.interrupts.pop();
            slice(e.cpu(), o, e.timestampUs());
            if (o.name.startsWith(kind)) {
                return;
            }
        }
    }

    /** {@code rcu_grace_period: <flavor> <gp_seq> <what>}: start and end bound an async slice. */
    private void gracePeriod(FtraceLine e) throws IOException {
        String[] f = e.fields().split(" ");
        String what = f.length == 3 ? f[2] : "";
        String flavor = f[0];
        if (what.equals("start")) {
            Integer unfinished = openGps.put(flavor, ++gps);
            if (unfinished != null) {
                async("e", flavor, unfinished, e.timestampUs(), null, null, 0);
            }
            async("b", flavor, gps, e.timestampUs(), "gp_seq", f[1], e.cpu());
        } else if (what.equals("end")) {
            Integer id = openGps.remove(flavor);
            if (id != null) { // else the ring buffer lost its start
                async("e", flavor, id, e.timestampUs(), "gp_seq_end", f[1], e.cpu());
            }
        } else {
            instant(e); // cpuqs, fqs and the like happen on a CPU
        }
    }

    /** A "b" or "e" event of the async slice id; Chrome pairs them by category, name and id. */
    private void async(String ph, String flavor, int id, long ts, String seqKey, String seq, int cpu)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("ph", ph);
        out.writeStringField("cat", "rcu");
        out.writeStringField("name", flavor + " grace period");
        out.writeNumberField("id", id);
        out.writeNumberField("pid", GRACE_PERIODS_PID);
        out.writeNumberField("tid", 0);
        out.writeNumberField("ts", ts);
        if (seqKey != null) {
            out.writeObjectFieldStart("args");
            out.writeStringField(seqKey, seq);
            out.writeNumberField("cpu", cpu);
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private void instant(FtraceLine e) throws IOException {
        out.writeStartObject();
        out.writeStringField("ph", "i");
        out.writeStringField("s", "t");
        out.writeStringField("name", e.event());
        out.writeNumberField("pid", CPUS_PID);
        out.writeNumberField("tid", e.cpu());
        out.writeNumberField("ts", e.timestampUs());
        out.writeObjectFieldStart("args");
        out.writeStringField("task", e.comm() + "-" + e.pid());
        out.writeStringField("fields", e.fields());
        out.writeEndObject();
        out.writeEndObject();
    }

    private void slice(int cpu, Open o, long endUs) throws IOException {
        out.writeStartObject();
        out.writeStringField("ph", "X");
        out.writeStringField("name", o.name);
        out.writeNumberField("pid", CPUS_PID);
        out.writeNumberField("tid", cpu);
        out.writeNumberField("ts", o.startUs);
        out.writeNumberField("dur", endUs - o.startUs);
        if (o.pid != 0) {
            out.writeObjectFieldStart("args");
            out.writeNumberField("pid", o.pid);
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    /** Ends what is still open at the last timestamp: the run stopped (a failure) with it open. */
    private void closeAll() throws IOException {
        for (Map.Entry<Integer, CpuTrack> c : cpus.entrySet()) {
            while (!c.getValue().interrupts.isEmpty()) {
                slice(c.getKey(), c.getValue().interrupts.pop(), lastUs);
            }
            if (c.getValue().task != null) {
                slice(c.getKey(), c.getValue().task, lastUs);
            }
        }
        for (Map.Entry<String, Integer> gp : openGps.entrySet()) {
            async("e", gp.getKey(), gp.getValue(), lastUs, null, null, 0);
        }
        openGps.clear();
    }

    private void meta(int pid, int tid, String what, String name) throws IOException {
        out.writeStartObject();
        out.writeStringField("ph", "M");
        out.writeStringField("name", what);
        out.writeNumberField("pid", pid);
        out.writeNumberField("tid", tid);
        out.writeObjectFieldStart("args");
        out.writeStringField("name", name);
        out.writeEndObject();
        out.writeEndObject();
    }

    /** The softirq's name from {@code vec=9 [action=RCU]}. */
    private static String action(FtraceLine e) {
        String f = e.fields();
        int from = f.indexOf("[action=");
        int to = from < 0 ? -1 : f.indexOf(']', from);
        return to < 0 ? f : f.substring(from + "[action=".length(), to);
    }

    private static boolean isIdle(String comm) {
        return comm.equals("<idle>") || comm.startsWith("swapper");
    }

    /** A slice that has begun: a task's run or an interrupt's handler. */
    private record Open(String name, int pid, long startUs) {
    }

    private static final class CpuTrack {
        Open task;
        final Deque<Open> interrupts = new ArrayDeque<>();
    }
}
