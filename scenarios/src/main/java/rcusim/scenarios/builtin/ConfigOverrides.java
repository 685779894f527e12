package rcusim.scenarios.builtin;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's changes to a scenario's machine and Tree RCU configuration, as the command line
 * gives them ({@code --cpus N --fanout F --fanout-leaf L --nocb LIST}); null fields keep the
 * scenario's own value. {@link #commandLine()} is how reproduce commands and replay files
 * carry them, and {@link #parse} reads that back.
 *
 * @param cpus the CPU count (nr_cpu_ids), or null
 * @param fanout CONFIG_RCU_FANOUT, or null
 * @param fanoutLeaf CONFIG_RCU_FANOUT_LEAF, or null
 * @param nocb the rcu_nocbs= cpulist ("" for none), or null
 */
public record ConfigOverrides(Integer cpus, Integer fanout, Integer fanoutLeaf, String nocb) {
    public static final ConfigOverrides NONE = new ConfigOverrides(null, null, null, null);

    public boolean isEmpty() {
        return cpus == null && fanout == null && fanoutLeaf == null && nocb == null;
    }

    /** The options that give these overrides, e.g. {@code --cpus 4 --nocb 1-3}; "" for none. */
    public String commandLine() {
        List<String> words = new ArrayList<>();
        if (cpus != null) {
            words.add("--cpus " + cpus);
        }
        if (fanout != null) {
            words.add("--fanout " + fanout);
        }
        if (fanoutLeaf != null) {
            words.add("--fanout-leaf " + fanoutLeaf);
        }
        if (nocb != null) {
            words.add("--nocb " + (nocb.isEmpty() ? "''" : nocb));
        }
        return String.join(" ", words);
    }

    /**
     * Reads {@link #commandLine()}'s text back.
     *
     * @throws IllegalArgumentException when it is not such a text
     */
    public static ConfigOverrides parse(String text) {
        String[] w = text.isBlank() ? new String[0] : text.trim().split("\\s+");
        if (w.length % 2 != 0) {
            throw new IllegalArgumentException("configuration options '" + text + "': an option lacks its value");
        }
        Integer cpus = null;
        Integer fanout = null;
        Integer leaf = null;
        String nocb = null;
        try {
            for (int i = 0; i < w.length; i += 2) {
                String v = w[i + 1];
                switch (w[i]) {
                    case "--cpus" -> cpus = Integer.parseInt(v);
                    case "--fanout" -> fanout = Integer.parseInt(v);
                    case "--fanout-leaf" -> leaf = Integer.parseInt(v);
                    case "--nocb" -> nocb = v.equals("''") ? "" : v;
                    default -> throw new IllegalArgumentException("configuration options '" + text
                            + "': unknown option " + w[i]);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration options '" + text + "': " + e.getMessage());
        }
        return new ConfigOverrides(cpus, fanout, leaf, nocb);
    }
}
