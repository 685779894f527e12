package rcusim.sched.explore;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The text of a campaign: banner, and a summary a kernel engineer reads top to bottom. */
public final class CampaignReport {
    private final PrintWriter out;

    public CampaignReport(PrintWriter out) {
        this.out = out;
    }

    public void banner(CampaignConfig c, String build) {
        out.printf(Locale.ROOT, "rcusim explore %s: %s%n", c.scenario().name(), c.scenario().description());
        out.printf(Locale.ROOT, "  machine   %d CPUs, memory model %s, HZ %d, preemption %s%n", c.scenario().config().cpus(),
                c.scenario().config().model().name().toLowerCase(Locale.ROOT), c.scenario().config().kernel().hz(),
                c.scenario().config().kernel().preemption().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "  campaign  %s, strategy %s, master seed %d, %d job%s, shard %s%s%n",
                c.runs() >= 0 ? c.runs() + " runs" : "for " + c.timeBudgetMillis() / 1000.0 + " s", c.strategy(),
                c.masterSeed(), c.jobs(), c.jobs() == 1 ? "" : "s", c.shard(),
                c.scenario().injection() == null ? "" : ", injected: " + c.scenario().injection());
        out.printf(Locale.ROOT, "  build     %s%n%n", build);
        out.flush();
    }

    public void summary(CampaignResult r) {
        out.printf(Locale.ROOT, "%d runs%s: %d passed, %d failed (%d unique); %.2f s wall, %.1f runs/s; %d steps, %d"
                + " decisions; %d distinct interleavings%n", r.runs, r.interrupted ? " (interrupted)" : "", r.passed,
                r.failed(), r.failures.size(), r.wallSeconds, r.runs / Math.max(1e-9, r.wallSeconds), r.steps,
                r.decisions, r.interleavings.size());
        if (!r.counters.isEmpty()) {
            out.println();
            out.println("totals over all runs:");
            for (Map.Entry<String, Long> e : r.counters.entrySet()) {
                out.printf(Locale.ROOT, "  %12d  %s%n", e.getValue(), e.getKey());
            }
        }
        if (!r.coverage.isEmpty()) {
            out.println();
            out.println("coverage (runs that reached each event):");
            for (Map.Entry<String, Long> e : r.coverage.entrySet()) {
                out.printf(Locale.ROOT, "  %8d  %s%n", e.getValue(), e.getKey());
            }
        }
        for (CampaignResult.Failure f : r.failures.values()) {
            out.println();
            out.printf(Locale.ROOT, "FAILURE %s%n  %d run%s; first: run %d, seed %d, strategy %s%n", f.signature,
                    f.runIndices.size(), f.runIndices.size() == 1 ? "" : "s", f.firstRunIndex, f.firstSeed, f.firstStrategy);
            out.println(indent(f.report.stripTrailing()));
            if (f.replayFile != null) {
                out.println("  replay: ./rcusim replay " + f.replayFile);
            }
        }
        out.flush();
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
