package rcusim.sched.explore;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import rcusim.sched.scenario.Scenario;

/**
 * The text of a search (a campaign or a bounded exhaustive search): banner, and a summary a
 * kernel engineer reads top to bottom, each failure with the command that replays it.
 */
public final class CampaignReport {
    private final PrintWriter out;

    public CampaignReport(PrintWriter out) {
        this.out = out;
    }

    public void banner(Search search, String build) {
        Scenario s = search.scenario();
        out.printf(Locale.ROOT, "rcusim explore %s: %s%n", s.name(), s.description());
        out.printf(Locale.ROOT, "  machine   %d CPUs, memory model %s, HZ %d, preemption %s%n", s.config().cpus(),
                s.config().model().name().toLowerCase(Locale.ROOT), s.config().kernel().hz(),
                s.config().kernel().preemption().name().toLowerCase(Locale.ROOT));
        search.plan().forEach(out::println);
        out.printf(Locale.ROOT, "  build     %s%n%n", build);
        out.flush();
    }

    public void summary(CampaignResult r) {
        if (r.bounded != null) {
            boundedSummary(r, r.bounded);
            return;
        }
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
            failure(f, String.format(Locale.ROOT, "%d run%s; first: run %d, seed %d, strategy %s", f.runIndices.size(),
                    f.runIndices.size() == 1 ? "" : "s", f.firstRunIndex, f.firstSeed, f.firstStrategy));
        }
        out.flush();
    }

    /** How many executions ran, whether that was all within the bound, and the first failure found. */
    private void boundedSummary(CampaignResult r, CampaignResult.BoundedSearch b) {
        out.printf(Locale.ROOT, "%d executions, %s; %d failed; %.1f s wall, %.0f executions/s%n", r.runs,
                b.complete() ? "complete: every execution within the bound was explored"
                        : "incomplete: " + b.incompleteBecause() + " (levels 0 to " + (b.levelsCompleted() - 1)
                        + " of " + b.maxLevel() + " complete)",
                r.failed(), r.wallSeconds, r.runs / Math.max(1e-9, r.wallSeconds));
        out.printf(Locale.ROOT, "  estimated size of the tree within the bound (Knuth, %d probes): %.3g executions%n",
                b.probes(), b.estimatedTotal());
        for (CampaignResult.Failure f : r.failures.values()) {
            failure(f, String.format(Locale.ROOT, "first of %d failing execution%s (lowest level first)", r.failed(),
                    r.failed() == 1 ? "" : "s"));
        }
        out.flush();
    }

    private void failure(CampaignResult.Failure f, String which) {
        out.println();
        out.printf(Locale.ROOT, "FAILURE %s%n  %s%n", f.signature, which);
        out.println(indent(f.report.stripTrailing()));
        if (f.replayFile != null) {
            out.println("  replay: ./rcusim replay " + f.replayFile);
        }
    }

    private static String indent(String s) {
        return "  " + s.replace("\n", "\n  ");
    }
}
