package rcusim.sched.replay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One event line of ftrace's {@code trace} file, as the machine's tracer writes it:
 * {@code <comm>-<pid> [cpu] <flags> <secs>.<usecs>: <event>: <fields>}.
 *
 * @param comm the task running on the CPU (in an interrupt, the task interrupted)
 * @param timestampUs the timestamp in microseconds, ftrace's resolution
 */
record FtraceLine(String comm, int pid, int cpu, String flags, long timestampUs, String event, String fields) {
    // The comm is padded on the left and may hold '-' itself: the pid is the last "-digits"
    // before the CPU column, which the greedy first group finds.
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.*)-(\\d+)\\s+\\[(\\d+)]\\s+(\\S+)\\s+(\\d+)\\.(\\d{6}): ([^:\\s]+):\\s?(.*)$");
    private static final Pattern CPUS = Pattern.compile("#P:(\\d+)");

    /** The event on this line, or null for a header, comment or any line not in that form. */
    static FtraceLine parse(String line) {
        if (line.startsWith("#")) {
            return null;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return new FtraceLine(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4),
                Long.parseLong(m.group(5)) * 1_000_000 + Long.parseLong(m.group(6)), m.group(7), m.group(8));
    }

    /** The CPU count of the header's {@code #P:n}, or 0 when the text has none. */
    static int cpusOf(String ftrace) {
        Matcher m = CPUS.matcher(ftrace);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The value of {@code key=value} in the fields, up to the next space; null when absent. */
    String field(String key) {
        int at = fields.startsWith(key + "=") ? 0 : fields.indexOf(" " + key + "=");
        if (at < 0) {
            return null;
        }
        int from = fields.indexOf('=', at) + 1;
        int to = fields.indexOf(' ', from);
        return fields.substring(from, to < 0 ? fields.length() : to);
    }
}
