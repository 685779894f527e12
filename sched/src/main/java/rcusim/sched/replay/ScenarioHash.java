package rcusim.sched.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import rcusim.sched.scenario.ConfigText;
import rcusim.sched.scenario.Scenario;

/**
 * A stable hash of what defines a scenario as far as it can be seen from outside: its name,
 * description, injected fault and configuration: the machine's (CPUs, memory model, kernel:
 * HZ, preemption, step cost; step limit) and the scenario's own ({@link Scenario#configuration}:
 * RCU's and the torture workload's configuration, for example). A recording made before any of
 * them changed is refused rather than replayed into a confusing divergence; the file keeps the
 * configuration ({@link #configuration}), so the refusal names what changed. Changes to the
 * code of {@link Scenario#load} are not covered; the replay's per-decision check catches those.
 */
public final class ScenarioHash {
    private ScenarioHash() {
    }

    /** 16 hex digits (the first 64 bits of a SHA-256). */
    public static String of(Scenario s) {
        StringBuilder definition = new StringBuilder(String.join("\n", s.name(), s.description(),
                s.injection() == null ? "" : s.injection().name()));
        configuration(s).forEach((k, v) -> definition.append('\n').append(k).append('=').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The scenario's configuration, flattened: {@code machine.cpus -> 4}, {@code rcu.fanout -> 2}, ... */
    public static SortedMap<String, String> configuration(Scenario s) {
        Map<String, Object> parts = new LinkedHashMap<>(s.configuration());
        parts.put("machine", s.config());
        return ConfigText.flatten(parts);
    }

    /**
     * What differs between a recorded configuration and the current one, as "key: recorded,
     * now current" clauses joined by "; " (at most {@code max}, then how many more), or "" when
     * they are the same.
     */
    public static String differences(SortedMap<String, String> recorded, SortedMap<String, String> now, int max) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(recorded.keySet());
        keys.addAll(now.keySet());
        java.util.List<String> diffs = new java.util.ArrayList<>();
        for (String k : keys) {
            String a = recorded.get(k);
            String b = now.get(k);
            if (!java.util.Objects.equals(a, b)) {
                diffs.add(k + ": " + (a == null ? "absent" : a) + " when recorded, " + (b == null ? "absent" : b) + " now");
            }
        }
        if (diffs.size() > max) {
            int more = diffs.size() - max;
            diffs = new java.util.ArrayList<>(diffs.subList(0, max));
            diffs.add("and " + more + " more");
        }
        return String.join("; ", diffs);
    }
}
