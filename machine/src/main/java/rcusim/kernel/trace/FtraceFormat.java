package rcusim.kernel.trace;

import java.io.IOException;

/**
 * The layout of the kernel's {@code trace} file with irq-info on (kernel 5.18 and later): the
 * header, and each line as {@code trace_print_context} prints it,
 * {@code "%16s-%-7d [%03d] <flags> %5lu.%06lu: <event>: <fields>"}.
 */
final class FtraceFormat {
    private static final String FLAGS_HELP = """
            #                                _-----=> irqs-off/BH-disabled
            #                               / _----=> need-resched
            #                              | / _---=> hardirq/softirq
            #                              || / _--=> preempt-depth
            #                              ||| / _-=> migrate-disable
            #                              |||| /     delay
            #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
            #              | |         |   |||||     |         |
            """;

    private FtraceFormat() {
    }

    /** The header of the nop tracer's output; entries held, entries written, CPUs ("#P"). */
    static void appendHeader(Appendable out, long entries, long written, int cpus) throws IOException {
        out.append("# tracer: nop\n#\n")
                .append("# entries-in-buffer/entries-written: ").append(Long.toString(entries)).append('/')
                .append(Long.toString(written)).append("   #P:").append(Integer.toString(cpus)).append("\n#\n")
                .append(FLAGS_HELP);
    }

    /** One line, without its newline. */
    static void appendLine(StringBuilder sb, int cpu, String comm, int pid, int flags, long timestampNs,
            String event) {
        padLeft(sb, comm, 16);
        sb.append('-');
        int start = sb.length();
        sb.append(pid);
        pad(sb, 7 - (sb.length() - start));
        sb.append(" [");
        if (cpu >= 0 && cpu < 100) {
            sb.append(cpu < 10 ? "00" : "0");
        }
        sb.append(cpu).append("] ");
        TraceFlags.appendColumns(sb, flags);
        sb.append(' ');
        appendTimestamp(sb, timestampNs);
        sb.append(": ").append(event).append(": ");
    }

    /**
     * Seconds and microseconds, "%5lu.%06lu". The kernel rounds nanoseconds to the nearest
     * microsecond (ns2usecs adds 500 before dividing).
     */
    static void appendTimestamp(StringBuilder sb, long timestampNs) {
        if (timestampNs < 0) {
            throw new IllegalArgumentException("negative timestamp " + timestampNs);
        }
        long usecs = timestampNs / 1000 + (timestampNs % 1000 >= 500 ? 1 : 0);
        long secs = usecs / 1_000_000;
        long rem = usecs % 1_000_000;
        int start = sb.length();
        sb.append(secs);
        int digits = sb.length() - start;
        if (digits < 5) {
            sb.insert(start, "     ", 0, 5 - digits);
        }
        sb.append('.');
        String micros = Long.toString(rem);
        pad(sb, '0', 6 - micros.length());
        sb.append(micros);
    }

    private static void padLeft(StringBuilder sb, String s, int width) {
        pad(sb, width - s.length());
        sb.append(s);
    }

    private static void pad(StringBuilder sb, int n) {
        pad(sb, ' ', n);
    }

    private static void pad(StringBuilder sb, char c, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
    }
}
