package rcusim.sched.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What makes two summaries parts of one campaign: the same scenario, fault, configuration
 * options, strategy and master seed (then run i is the same run in both). {@link #difference}
 * names each field that differs, with both values, so a refusal says what to fix.
 */
public record CampaignIdentity(String scenario, String injection, String options, String strategy, long masterSeed) {
    public CampaignIdentity {
        options = options == null ? "" : options;
    }

    public static CampaignIdentity of(CampaignConfig c) {
        return new CampaignIdentity(c.scenario().name(),
                c.scenario().injection() == null ? null : c.scenario().injection().name(),
                c.scenario().optionsText(), c.strategy(),
                c.masterSeed());
    }

    /**
     * "masterSeed: 7 in theirs, 1 in ours; strategy: ..." for each field that differs, or "" when
     * none does.
     *
     * @param ours how to name this side ("here", the first shard's file)
     * @param theirs how to name the other side
     */
    public String difference(CampaignIdentity other, String ours, String theirs) {
        List<String> d = new ArrayList<>();
        field(d, "scenario", scenario, other.scenario, ours, theirs);
        field(d, "injection", injection, other.injection, ours, theirs);
        field(d, "options", options, other.options, ours, theirs);
        field(d, "strategy", strategy, other.strategy, ours, theirs);
        field(d, "masterSeed", masterSeed, other.masterSeed, ours, theirs);
        return String.join("; ", d);
    }

    private static void field(List<String> d, String name, Object a, Object b, String ours, String theirs) {
        if (!Objects.equals(a, b)) {
            d.add(name + " " + show(b) + " in " + theirs + ", " + show(a) + " in " + ours);
        }
    }

    private static String show(Object v) {
        return v == null ? "none" : v instanceof String s ? (s.isEmpty() ? "none" : "'" + s + "'") : v.toString();
    }
}
