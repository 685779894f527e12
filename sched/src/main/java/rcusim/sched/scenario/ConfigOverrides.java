package rcusim.sched.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A user's changes to a scenario's machine and Tree RCU configuration, as the command line
 * gives them ({@code --cpus N --fanout F --fanout-leaf L --nocb LIST}), and to its workload
 * ({@link WorkloadKnob}, e.g. {@code --readers 1 --stall-timeout 60}); null fields and absent
 * workload knobs keep the scenario's own value. {@link #commandLine()} is how reproduce
 * commands and replay files carry them, and {@link #parse} reads that back.
 *
 * @param cpus the CPU count (nr_cpu_ids), or null
 * @param fanout CONFIG_RCU_FANOUT, or null
 * @param fanoutLeaf CONFIG_RCU_FANOUT_LEAF, or null
 * @param nocb the rcu_nocbs= cpulist ("" for none), or null
 * @param workload workload knobs set to their values, in {@link WorkloadKnob}'s (command-line) order
 */
public record ConfigOverrides(Integer cpus, Integer fanout, Integer fanoutLeaf, String nocb,
        Map<WorkloadKnob, Integer> workload) {
    public static final ConfigOverrides NONE = new ConfigOverrides(null, null, null, null);

    public ConfigOverrides {
        Map<WorkloadKnob, Integer> ordered = new EnumMap<>(WorkloadKnob.class);
        ordered.putAll(workload);
        workload = Collections.unmodifiableMap(ordered);
    }

    /** Machine and Tree RCU changes only. */
    public ConfigOverrides(Integer cpus, Integer fanout, Integer fanoutLeaf, String nocb) {
        this(cpus, fanout, fanoutLeaf, nocb, new EnumMap<>(WorkloadKnob.class));
    }

    public boolean isEmpty() {
        return cpus == null && fanout == null && fanoutLeaf == null && nocb == null && workload.isEmpty();
    }

    /** These overrides with one workload knob set. */
    public ConfigOverrides with(WorkloadKnob knob, int value) {
        Map<WorkloadKnob, Integer> w = new EnumMap<>(WorkloadKnob.class);
        w.putAll(workload);
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
        workload.forEach((k, v) -> words.add(k.option() + " " + v));
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
        Map<WorkloadKnob, Integer> workload = new EnumMap<>(WorkloadKnob.class);
        try {
            for (int i = 0; i < w.length; i += 2) {
                String v = w[i + 1];
                switch (w[i]) {
                    case "--cpus" -> cpus = Integer.parseInt(v);
                    case "--fanout" -> fanout = Integer.parseInt(v);
                    case "--fanout-leaf" -> leaf = Integer.parseInt(v);
                    case "--nocb" -> nocb = v.equals("''") ? "" : v;
                    default -> {
                        String option = w[i];
                        WorkloadKnob k = WorkloadKnob.byName(option).orElseThrow(() -> new IllegalArgumentException(
                                "configuration options '" + text + "': unknown option " + option));
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
