package rcusim.kernel.kcsan;

import java.util.ArrayList;
import java.util.List;

/**
 * KCSAN's configuration choices the detector offers. The defaults follow LKMM's definition
 * of a data race (every conflicting plain access counts), not the kernel's Kconfig defaults
 * (which turn both of these on).
 *
 * @param valueChangeOnly CONFIG_KCSAN_REPORT_VALUE_CHANGE_ONLY: a race whose write did not
 *     change the value (it stored what was there) is not reported
 * @param plainWritesAtomic CONFIG_KCSAN_ASSUME_PLAIN_WRITES_ATOMIC: a plain aligned word-sized
 *     write (every simulated location is one) counts as marked, so it races only with plain
 *     reads
 */
public record KcsanOptions(boolean valueChangeOnly, boolean plainWritesAtomic) {
    public static final KcsanOptions STRICT = new KcsanOptions(false, false);

    /** The option names, as {@code --kcsan=NAME,NAME} spells them. */
    public static final String VALUE_CHANGE_ONLY = "value-change-only";
    public static final String PLAIN_WRITES_ATOMIC = "plain-writes-atomic";

    /**
     * Reads a comma-separated list of option names ("" for the defaults).
     *
     * @throws IllegalArgumentException naming the unknown word and the known ones
     */
    public static KcsanOptions parse(String text) {
        boolean vco = false;
        boolean pwa = false;
        for (String w : text.split(",")) {
            switch (w.strip()) {
                case "" -> { }
                case VALUE_CHANGE_ONLY -> vco = true;
                case PLAIN_WRITES_ATOMIC -> pwa = true;
                default -> throw new IllegalArgumentException("unknown KCSAN option '" + w.strip() + "' (expected "
                        + VALUE_CHANGE_ONLY + " or " + PLAIN_WRITES_ATOMIC + ", comma-separated)");
            }
        }
        return new KcsanOptions(vco, pwa);
    }

    /** The comma-separated names of the options on; "" for none. */
    public String text() {
        List<String> w = new ArrayList<>();
        if (valueChangeOnly) {
            w.add(VALUE_CHANGE_ONLY);
        }
        if (plainWritesAtomic) {
            w.add(PLAIN_WRITES_ATOMIC);
        }
        return String.join(",", w);
    }

    /** The command-line option that asks for this: {@code --kcsan} or {@code --kcsan=...}. */
    public String option() {
        String t = text();
        return t.isEmpty() ? "--kcsan" : "--kcsan=" + t;
    }
}
