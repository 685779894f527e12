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
                s.config().model().text(), s.config().kernel().hz(),
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
        if (b.reduced()) {
            reducedSummary(r, b);
            return;
        }
        out.printf(Locale.ROOT, "%d executions, %s; %d failed; %.1f s wall, %.0f executions/s%n", r.runs,
                b.complete() ? "complete: every execution within the bound was explored"
                        : "incomplete: " + b.incompleteBecause() + " (" + levels(b) + ")",
                r.failed(), r.wallSeconds, r.runs / Math.max(1e-9, r.wallSeconds));
        if (Double.isFinite(b.estimatedTotal())) {
            out.printf(Locale.ROOT, "  estimated size of the tree within the bound (Knuth, %d probes): %.3g executions%n",
                    b.probes(), b.estimatedTotal());
        } else {
            out.printf(Locale.ROOT, "  size of the tree within the bound: not estimated (%d probes could not tell: a"
                    + " probe ran into the step limit)%n", b.probes());
        }
        if (b.boundLivelocks() > 0) {
            out.printf(Locale.ROOT, "%n%d execution%s ended in a livelock of the bound's making, not of the code under"
                    + " test:%n  %s%n  a CPU spun while the bound forbade the move that would release it (a preemption,"
                    + " an interrupt, a%n  drain) at half or more of its last %d decisions. Such executions are not failures;"
                    + " nothing is%n  proved about them. The exhaustive strategy suits scenarios whose undisturbed run"
                    + " ends by itself%n  in few steps (gp-2cpu, lockdep-abba); explore the others with random or"
                    + " pct:D.%n", b.boundLivelocks(), b.boundLivelocks() == 1 ? "" : "s", b.boundLivelock(),
                    rcusim.sched.BoundedExhaustive.BOUND_LIVELOCK_TAIL);
        }
        for (CampaignResult.Failure f : r.failures.values()) {
            failure(f, String.format(Locale.ROOT, "first of %d failing execution%s (lowest level first)", r.failed(),
                    r.failed() == 1 ? "" : "s"));
        }
        out.flush();
    }

    /**
     * The summary of a search with partial-order reduction: it has no levels; one stopped early
     * estimates its tree's size from the alternatives it had planned when it stopped.
     */
    private void reducedSummary(CampaignResult r, CampaignResult.BoundedSearch b) {
        out.printf(Locale.ROOT, "%d executions, %d sleep-set blocked, %s; %d failed; %.1f s wall, %.0f executions/s%n",
                r.runs, b.sleepBlocked(), b.complete() ? "complete: every execution the reduction needs was explored"
                        : "incomplete: " + b.incompleteBecause(),
                r.failed(), r.wallSeconds, r.runs / Math.max(1e-9, r.wallSeconds));
        if (!b.complete() && Double.isFinite(b.estimatedTotal())) {
            out.printf(Locale.ROOT, "  estimated size of the reduced tree: %.2g executions (the alternatives planned when"
                    + " it stopped, each taken as big as its finished siblings; races found later may add more)%n",
                    b.estimatedTotal());
        }
        for (CampaignResult.Failure f : r.failures.values()) {
            failure(f, String.format(Locale.ROOT, "first of %d failing execution%s (depth-first order)", r.failed(),
                    r.failed() == 1 ? "" : "s"));
        }
        out.flush();
    }

    /** "levels 0 to 2 of 5 complete", or "no level complete" (never "0 to -1"). */
    private static String levels(CampaignResult.BoundedSearch b) {
        return b.levelsCompleted() == 0 ? "no level of 0 to " + b.maxLevel() + " complete"
                : "levels 0 to " + (b.levelsCompleted() - 1) + " of 0 to " + b.maxLevel() + " complete";
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
