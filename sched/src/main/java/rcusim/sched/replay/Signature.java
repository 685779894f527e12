package rcusim.sched.replay;

import java.util.regex.Pattern;
import rcusim.machine.SimFailure;

/**
 * What identifies a bug across runs: the failure's kind and the first line of its message with
 * every number replaced by {@code N} and the task that happened to be running left out (the
 * {@code Comm: name (in hardirq ...)} of a WARN or BUG line). Two seeds that hit the same
 * WARN_ON on different CPUs, in different tasks, with different PIDs or at different times,
 * give the same signature.
 *
 * @param kind the {@link SimFailure.Kind} name (a string, so a file from a build with other kinds still reads)
 * @param summary the normalised first line of the message
 */
public record Signature(String kind, String summary) {
    /** Decimal and hex numbers: CPUs, PIDs, gp_seq values, addresses, node indexes. */
    private static final Pattern NUMBER = Pattern.compile("0[xX][0-9a-fA-F]+|\\d+");
    /** The running task and context in a WARNING or BUG line (Kernel.whereAmI). */
    private static final Pattern COMM = Pattern.compile(" Comm: [^\\s:]+( \\(in hardirq [^)]*\\))?");

    public Signature {
        if (kind == null || kind.isEmpty() || kind.contains(": ") || summary == null) {
            throw new IllegalArgumentException("bad signature: kind '" + kind + "', summary '" + summary + "'");
        }
    }

    public static Signature of(SimFailure failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String first = message.lines().findFirst().orElse("").strip();
        return new Signature(failure.kind().name(), COMM.matcher(NUMBER.matcher(first).replaceAll("N")).replaceAll(""));
    }

    /** Reads {@link #toString()}'s form back: {@code KIND: summary}. */
    public static Signature parse(String text) {
        int colon = text.indexOf(": ");
        if (colon <= 0) {
            throw new IllegalArgumentException("not a failure signature (KIND: summary): '" + text + "'");
        }
        return new Signature(text.substring(0, colon), text.substring(colon + 2));
    }

    /** {@code KIND: summary}, as stored in replay files and printed. */
    @Override
    public String toString() {
        return kind + ": " + summary;
    }
}
