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
 * <p>Signatures order by their text ({@link #toString()}), which is the order a campaign numbers
 * its failures in and names their replay files by.
 *
 * @param kind the failure's kind
 * @param summary the normalised first line of the message
 */
public record Signature(SimFailure.Kind kind, String summary) implements Comparable<Signature> {
    /** Decimal and hex numbers: CPUs, PIDs, gp_seq values, addresses, node indexes. */
    private static final Pattern NUMBER = Pattern.compile("0[xX][0-9a-fA-F]+|\\d+");
    /** The running task and context in a WARNING or BUG line (Kernel.whereAmI). */
    private static final Pattern COMM = Pattern.compile(" Comm: [^\\s:]+( \\(in hardirq [^)]*\\))?");

    public Signature {
        if (kind == null || summary == null) {
            throw new IllegalArgumentException("bad signature: kind '" + kind + "', summary '" + summary + "'");
        }
    }

    public static Signature of(SimFailure failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String first = message.lines().findFirst().orElse("").strip();
        return new Signature(failure.kind(), COMM.matcher(NUMBER.matcher(first).replaceAll("N")).replaceAll(""));
    }

    /**
     * Reads {@link #toString()}'s form back: {@code KIND: summary}.
     *
     * @throws IllegalArgumentException when the text is not of that form or names no kind of failure
     */
    public static Signature parse(String text) {
        int colon = text.indexOf(": ");
        if (colon <= 0) {
            throw new IllegalArgumentException("not a failure signature (KIND: summary): '" + text + "'");
        }
        String kind = text.substring(0, colon);
        for (SimFailure.Kind k : SimFailure.Kind.values()) {
            if (k.name().equals(kind)) {
                return new Signature(k, text.substring(colon + 2));
            }
        }
        throw new IllegalArgumentException("'" + kind + "' is not a kind of failure this rcusim knows ("
                + java.util.Arrays.toString(SimFailure.Kind.values()) + ")");
    }

    /** The kind as a replay file's name says it: {@code warn}, {@code use-after-free}, ... */
    public String kindInFileName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public int compareTo(Signature o) {
        return toString().compareTo(o.toString());
    }

    /** {@code KIND: summary}, as stored in replay files and printed. */
    @Override
    public String toString() {
        return kind + ": " + summary;
    }
}
