package rcusim.kernel.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * The machine's trace buffer: events rendered as lines of ftrace's {@code trace} file.
 *
 * <p>Tracing is free when off: callers write {@code if (tracer.enabled()) tracer.emit(...)}, so
 * nothing is formatted, and the fixed-arity {@code emit} overloads with {@code long} fields
 * avoid boxing when it is on. An event the filter excludes is dropped inside {@code emit}, so
 * the cheap global test is enough at call sites; {@link #enabled(String)} lets a caller skip
 * building an expensive field string too.
 *
 * <p>A bounded tracer keeps the last {@code maxLines} lines, overwriting the oldest as
 * ftrace's ring buffer does; the header's entries-in-buffer/entries-written shows how many
 * were lost.
 */
public final class Tracer {
    private final boolean enabled;
    private final int maxLines;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final StringBuilder scratch = new StringBuilder(160);
    /** Events to keep; null keeps every event. */
    private Set<String> only;
    private long written;
    private int highestCpu = -1;
    private int cpus;

    /** An unbounded tracer. */
    public Tracer(boolean enabled) {
        this(enabled, Integer.MAX_VALUE);
    }

    /** A tracer that keeps only the last {@code maxLines} lines. */
    public Tracer(boolean enabled, int maxLines) {
        if (maxLines <= 0) {
            throw new IllegalArgumentException("maxLines must be positive: " + maxLines);
        }
        this.enabled = enabled;
        this.maxLines = maxLines;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Whether a line for {@code event} would be recorded. */
    public boolean enabled(String event) {
        return enabled && (only == null || only.contains(event));
    }

    /** Records only these events from now on, like writing to set_event. */
    public void enableOnly(Set<String> events) {
        only = new java.util.TreeSet<>(events);
    }

    /** Records every event again. */
    public void enableAll() {
        only = null;
    }

    /** The CPU count the header shows as "#P"; by default one more than the highest CPU traced. */
    public void setCpus(int cpus) {
        this.cpus = cpus;
    }

    /** Appends one line: {@code <comm>-<pid> [cpu] <flags> <ts>: <event>: <fields>}. */
    public void emit(int cpu, String comm, int pid, int flags, long timestampNs, String event, String fields) {
        if (start(cpu, comm, pid, flags, timestampNs, event)) {
            scratch.append(fields);
            finish();
        }
    }

    /** Appends one line with the fields "k1=v1". */
    public void emit(int cpu, String comm, int pid, int flags, long timestampNs, String event, String k1, long v1) {
        if (start(cpu, comm, pid, flags, timestampNs, event)) {
            scratch.append(k1).append('=').append(v1);
            finish();
        }
    }

    /** Appends one line with the fields "k1=v1 k2=v2". */
    public void emit(int cpu, String comm, int pid, int flags, long timestampNs, String event, String k1, long v1,
            String k2, long v2) {
        if (start(cpu, comm, pid, flags, timestampNs, event)) {
            scratch.append(k1).append('=').append(v1).append(' ').append(k2).append('=').append(v2);
            finish();
        }
    }

    /** Appends one line with the fields "k1=v1 k2=v2 k3=v3". */
    public void emit(int cpu, String comm, int pid, int flags, long timestampNs, String event, String k1, long v1,
            String k2, long v2, String k3, long v3) {
        if (start(cpu, comm, pid, flags, timestampNs, event)) {
            scratch.append(k1).append('=').append(v1).append(' ').append(k2).append('=').append(v2)
                    .append(' ').append(k3).append('=').append(v3);
            finish();
        }
    }

    private boolean start(int cpu, String comm, int pid, int flags, long timestampNs, String event) {
        if (!enabled(event)) {
            return false;
        }
        highestCpu = Math.max(highestCpu, cpu);
        scratch.setLength(0);
        FtraceFormat.appendLine(scratch, cpu, comm, pid, flags, timestampNs, event);
        return true;
    }

    private void finish() {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(scratch.toString());
        written++;
    }

    /** Lines held now (at most maxLines). */
    public int lines() {
        return lines.size();
    }

    /** Lines recorded since the start, including those the ring has overwritten. */
    public long written() {
        return written;
    }

    /** Drops every line, as writing to the trace file does. */
    public void clear() {
        lines.clear();
        written = 0;
    }

    /** The whole trace: the ftrace header, then one line per event, each ending in a newline. */
    public String text() {
        StringBuilder sb = new StringBuilder(1024 + lines.size() * 96);
        try {
            writeTo(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }

    public void writeTo(Appendable out) throws IOException {
        int shownCpus = cpus > 0 ? cpus : Math.max(1, highestCpu + 1);
        FtraceFormat.appendHeader(out, lines.size(), written, shownCpus);
        for (String line : lines) {
            out.append(line).append('\n');
        }
    }
}
