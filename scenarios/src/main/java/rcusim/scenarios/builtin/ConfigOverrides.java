package rcusim.scenarios.builtin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's changes to a scenario's machine and Tree RCU configuration, as the command line
 * gives them ({@code --cpus N --fanout F --fanout-leaf L --nocb LIST}), and to its workload
 * ({@link #WORKLOAD}, e.g. {@code --readers 1 --stall-timeout 60}); null fields and absent
 * workload knobs keep the scenario's own value. {@link #commandLine()} is how reproduce
 * commands and replay files carry them, and {@link #parse} reads that back.
 *
 * @param cpus the CPU count (nr_cpu_ids), or null
 * @param fanout CONFIG_RCU_FANOUT, or null
 * @param fanoutLeaf CONFIG_RCU_FANOUT_LEAF, or null
 * @param nocb the rcu_nocbs= cpulist ("" for none), or null
 * @param workload workload knobs set (names from {@link #WORKLOAD}, without the leading
 *     dashes) to their values; kept in {@link #WORKLOAD}'s order
 */
public record ConfigOverrides(Integer cpus, Integer fanout, Integer fanoutLeaf, String nocb,
        Map<String, Integer> workload) {
    /**
     * The workload knobs, in command-line order: stall timeouts in jiffies (RCU's CPU stall
     * timeout, rcutorture's writer stall), rcutorture's task counts and lengths, and 0/1
     * switches for its optional tasks. {@code rcusim shrink} turns them down to shorten a run.
     */
    public static final List<String> WORKLOAD = List.of("stall-timeout", "writer-stall", "readers", "reader-loops",
            "updates", "onoff-cycles", "fakewriters", "hog", "barrier");

    /**
     * The workload knobs that make the checks stricter rather than the run lighter: a failure
     * under a shortened stall timeout may be a false alarm, so {@code rcusim shrink} keeps one
     * only when the scenario without its injected fault does not fail the same way.
     */
    public static final java.util.Set<String> STRICTER = java.util.Set.of("stall-timeout", "writer-stall");

    /** After {@link #WORKLOAD}, which its construction reads. */
    public static final ConfigOverrides NONE = new ConfigOverrides(null, null, null, null);

    public ConfigOverrides {
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String k : WORKLOAD) {
            if (workload.containsKey(k)) {
                ordered.put(k, workload.get(k));
            }
        }
        for (String k : workload.keySet()) {
            if (!ordered.containsKey(k)) {
                throw new IllegalArgumentException("unknown workload option --" + k);
            }
        }
        workload = Collections.unmodifiableMap(ordered);
    }

    /** Machine and Tree RCU changes only. */
    public ConfigOverrides(Integer cpus, Integer fanout, Integer fanoutLeaf, String nocb) {
        this(cpus, fanout, fanoutLeaf, nocb, Map.of());
    }

    public boolean isEmpty() {
        return cpus == null && fanout == null && fanoutLeaf == null && nocb == null && workload.isEmpty();
    }

    /** These overrides with one workload knob set. */
    public ConfigOverrides with(String knob, int value) {
        Map<String, Integer> w = new LinkedHashMap<>(workload);
        w.put(knob, value);
        return new ConfigOverrides(cpus, fanout, fanoutLeaf, nocb, w);
    }

    /** These overrides with another CPU count and rcu_nocbs= list. */
    public ConfigOverrides withCpus(int n, String nocbList) {
        return new ConfigOverrides(n, fanout, fanoutLeaf, nocbList, workload);
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
        workload.forEach((k, v) -> words.add("--" + k + " " + v));
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
        Map<String, Integer> workload = new LinkedHashMap<>();
        try {
            for (int i = 0; i < w.length; i += 2) {
                String v = w[i + 1];
                switch (w[i]) {
                    case "--cpus" -> cpus = Integer.parseInt(v);
                    case "--fanout" -> fanout = Integer.parseInt(v);
                    case "--fanout-leaf" -> leaf = Integer.parseInt(v);
                    case "--nocb" -> nocb = v.equals("''") ? "" : v;
                    default -> {
                        String k = w[i].startsWith("--") ? w[i].substring(2) : w[i];
                        if (!WORKLOAD.contains(k)) {
                            throw new IllegalArgumentException("configuration options '" + text
                                    + "': unknown option " + w[i]);
                        }
                        workload.put(k, Integer.parseInt(v));
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration options '" + text + "': " + e.getMessage());
        }
        return new ConfigOverrides(cpus, fanout, leaf, nocb, workload);
    }
}
