package rcusim.sched.shrink;

import java.util.Arrays;
import java.util.List;
import rcusim.sched.explore.StatusLine;
import rcusim.machine.decide.OptionKind;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;
import rcusim.sched.scenario.WorkloadKnob;

/**
 * Shrinks a failing run, keeping its failure signature: the measure is the run's length, its
 * number of decisions, then its number of non-default decisions (a preemption, a delayed drain,
 * a taken interrupt, a stale read, a placement: what makes a schedule unusual). A candidate
 * turns some non-default decisions back to the default (see {@link LenientReplay}), or runs
 * the same choices on a lighter workload, and runs the scenario; one that fails with the same
 * signature in fewer decisions (or as many with fewer non-default ones) becomes the new
 * starting point, its own stream recorded afresh. Fewer decisions comes first because a
 * stall lasts until it is detected: fewer preemptions and drains let virtual time pass in
 * more steps, and a shrinker that asked for fewer non-default choices first made stall runs
 * longer (to 181% of the decisions).
 *
 * <p>Phases, large cuts first, as they cost a few runs and remove the most:
 * <ol>
 *   <li>lighten: the scenario's workload turned down one knob at a time ({@link
 *       Scenario#lighter}: a shorter stall timeout, fewer CPUs, readers, iterations, the
 *       optional tasks off), which shortens the run itself; a shortened stall timeout is kept
 *       only when the fault-free scenario passes the same choices (no false alarm);</li>
 *   <li>kinds: all non-default decisions of one kind at once (every preemption, every early
 *       drain, every taken interrupt, every stale read, ...), the most frequent kind first;</li>
 *   <li>the head: as many leading non-default decisions as can go, defaulted together
 *       (binary search);</li>
 *   <li>then Zeller's ddmin over what is left: chunks of non-default decisions (contiguous
 *       runs of the stream) defaulted together, chunks halving when none can go.</li>
 * </ol>
 * (A first phase that kept the shortest failing prefix of the non-default decisions, the rest
 * default, was dropped: it removes non-default choices but rarely decisions, and its binary
 * search cost a third of a 40-run budget.) Each accepted candidate is a real run, so the
 * result always fails the same way; the same input gives the same result.
 */
public final class Shrinker {
    /** The outcome: the original and the smallest failing run found, and the candidate runs tried. */
    public record Result(ScenarioRun original, int nonDefaultBefore, ScenarioRun shrunk, int nonDefaultAfter,
            int attempts) {
        public int decisionsBefore() {
            return original.result().decisions().size();
        }

        public int decisionsAfter() {
            return shrunk.result().decisions().size();
        }
    }

    private record Candidate(ScenarioRun run, int[] choices, int[] kinds, List<Integer> nonDefault) {
        int decisions() {
            return run.result().decisions().size();
        }

        Scenario scenario() {
            return run.scenario();
        }
    }

    private final Scenario scenario;
    private final long seed;
    private final int maxAttempts;
    private final StatusLine progress;
    private int attempts;
    /** The current pass's last attempt. */
    private int limit;
    /** The current pass's default move: see {@link LenientReplay}. */
    private boolean timeSlice;
    private String signature;
    private Candidate best;

    public Shrinker(Scenario scenario, long seed, int maxAttempts) {
        this(scenario, seed, maxAttempts, StatusLine.NONE);
    }

    /** As {@link #Shrinker(Scenario, long, int)}, telling progress what it is doing. */
    public Shrinker(Scenario scenario, long seed, int maxAttempts, StatusLine progress) {
        this.scenario = scenario;
        this.seed = seed;
        this.maxAttempts = maxAttempts;
        this.progress = progress;
    }

    /** Shrinks a failing run given by its recorded choices. */
    public Result shrink(int[] recordedChoices) {
        Candidate original = run(scenario, recordedChoices);
        if (original.run().passed()) {
            throw new IllegalArgumentException("the recorded choices do not fail");
        }
        signature = Signature.of(original.run().result().failure()).toString();
        int half = (maxAttempts - attempts + 1) / 2;
        Candidate withSlices = pass(original, true, half);
        Candidate without = pass(original, false, maxAttempts - attempts);
        best = smaller(without, withSlices) ? without : withSlices;
        return new Result(original.run(), original.nonDefault().size(), best.run(), best.nonDefault().size(), attempts);
    }

    /**
     * All phases from the original, with one default move and a share of the budget. Two
     * passes, because no one default suits every failure: with time slices (a tick that finds
     * another task waiting reschedules) and without (the running task keeps its CPU), each
     * halved 13 of 16 torture failures in 40 runs, not the same 13 (see docs/exploration.md).
     */
    private Candidate pass(Candidate original, boolean slices, int budget) {
        timeSlice = slices;
        limit = attempts + budget;
        best = original;
        lighten();
        cutKinds();
        cutHead();
        ddmin();
        return best;
    }

    /**
     * Turns the scenario's workload down (see {@link Scenario#lighter}), one knob at a time,
     * keeping each step that still fails the same way with fewer decisions; a knob whose next
     * step loses the failure is left where it is.
     */
    private void lighten() {
        java.util.Set<String> done = new java.util.TreeSet<>();
        boolean moved = true;
        while (moved && attempts < limit) {
            moved = false;
            for (var e : best.scenario().lighter().entrySet()) {
                if (done.contains(e.getKey()) || attempts >= limit) {
                    continue;
                }
                if (stricter(e.getKey()) && best.scenario().injection() == null) {
                    done.add(e.getKey()); // no fault-free scenario to tell a false alarm by
                    continue;
                }
                Candidate c = run(e.getValue(), best.choices());
                progress("lighten " + e.getKey(), c);
                if (accepts(c)) {
                    best = c;
                    moved = true;
                    break;
                }
                done.add(e.getKey());
            }
        }
    }

    /**
     * Whether c's choices pass on its scenario without the injected fault, when a check was
     * made stricter ({@link WorkloadKnob#stricter()}: a shortened stall timeout): otherwise the
     * stricter check, not the fault, may be what fails (a stall timeout shorter than a grace
     * period takes under this schedule). Trivially true with no stricter check.
     */
    private boolean passesWithoutFault(Candidate c) {
        if (c.scenario().overrides().workload().keySet().stream().noneMatch(WorkloadKnob::stricter)) {
            return true;
        }
        Candidate clean = run(c.scenario().withoutInjection(), c.choices());
        progress("fault-free check", clean);
        return clean.run().passed();
    }

    /** Whether the step of {@link Scenario#lighter} of that name makes a check stricter (a stall timeout). */
    private static boolean stricter(String lighterStep) {
        return WorkloadKnob.byName(lighterStep).map(WorkloadKnob::stricter).orElse(false);
    }

    /** Defaults every non-default decision of one kind at once, for each kind, the most frequent first. */
    private void cutKinds() {
        int[] count = new int[OptionKind.values().length];
        for (int i : best.nonDefault()) {
            count[best.kinds()[i]]++;
        }
        Integer[] kinds = new Integer[count.length];
        for (int k = 0; k < kinds.length; k++) {
            kinds[k] = k;
        }
        Arrays.sort(kinds, (a, b) -> Integer.compare(count[b], count[a]));
        for (int kind : kinds) {
            if (count[kind] == 0 || attempts >= limit) {
                continue;
            }
            int[] edit = best.choices().clone();
            boolean any = false;
            for (int i : best.nonDefault()) {
                if (best.kinds()[i] == kind) {
                    edit[i] = -1;
                    any = true;
                }
            }
            if (any) {
                tryCandidate(edit, "kinds");
            }
        }
    }

    /** Defaults the longest run of leading non-default decisions that can go. */
    private void cutHead() {
        List<Integer> nd = best.nonDefault();
        int[] choices = best.choices();
        int lo = 0; // defaulting the first lo: fails (trivially for 0)
        int hi = nd.size(); // defaulting all: not known to fail
        Candidate found = null;
        while (hi - lo > 1 && attempts < limit) {
            int mid = (lo + hi) >>> 1;
            int[] edit = choices.clone();
            for (int k = 0; k < mid; k++) {
                edit[nd.get(k)] = -1;
            }
            Candidate c = run(edit);
            progress("head", c);
            if (sameFailure(c)) {
                lo = mid;
                found = found == null || smaller(c, found) ? c : found;
            } else {
                hi = mid;
            }
        }
        if (found != null && accepts(found)) {
            best = found;
        }
    }

    /** Zeller's ddmin over the non-default decisions, chunks defaulted together. */
    private void ddmin() {
        int n = 2;
        while (attempts < limit && !best.nonDefault().isEmpty()) {
            List<Integer> nd = best.nonDefault();
            n = Math.min(n, nd.size());
            int chunk = (nd.size() + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < nd.size() && attempts < limit; start += chunk) {
                int[] edit = best.choices().clone();
                for (int k = start; k < Math.min(nd.size(), start + chunk); k++) {
                    edit[nd.get(k)] = -1;
                }
                if (tryCandidate(edit, "ddmin")) {
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= nd.size()) {
                    break;
                }
                n = Math.min(nd.size(), n * 2);
            }
        }
    }

    /** Runs the choices; keeps the run as the new best if it fails the same way and is smaller. */
    private boolean tryCandidate(int[] choices, String phase) {
        Candidate c = run(choices);
        progress(phase, c);
        if (accepts(c)) {
            best = c;
            return true;
        }
        return false;
    }

    /** The same failure, smaller, and (under a stricter check) not a false alarm. */
    private boolean accepts(Candidate c) {
        return sameFailure(c) && smaller(c, best) && passesWithoutFault(c);
    }

    private boolean sameFailure(Candidate c) {
        return !c.run().passed() && Signature.of(c.run().result().failure()).toString().equals(signature);
    }

    /**
     * Fewer decisions, or as many and fewer non-default ones. (Asking only that neither grows,
     * one of them shrinking, was measured too: it keeps fewer workload cuts, as a lighter
     * workload's run may take more non-default choices, and halved 11 of 16 torture failures
     * where this order halves 13.)
     */
    private static boolean smaller(Candidate a, Candidate b) {
        return a.decisions() < b.decisions()
                || (a.decisions() == b.decisions() && a.nonDefault().size() < b.nonDefault().size());
    }

    /** Tells progress what the last run gave: which phase, its outcome and size, the best so far. */
    private void progress(String phase, Candidate c) {
        String outcome = c.run().passed() ? "passed" : sameFailure(c) ? "same failure" : "other failure";
        progress.progress("shrink", attempts, maxAttempts, -1, "runs", () -> String.format(java.util.Locale.ROOT,
                "%s%s: %s, %d decisions; best %d decisions, %d non-default",
                timeSlice ? "" : "(no time slices) ", phase, outcome, c.decisions(), best.decisions(),
                best.nonDefault().size()));
    }

    /** Runs choices on the best candidate's scenario. */
    private Candidate run(int[] choices) {
        return run(best.scenario(), choices);
    }

    private Candidate run(Scenario s, int[] choices) {
        attempts++;
        LenientReplay d = new LenientReplay(choices, timeSlice);
        ScenarioRun r = ScenarioRun.run(s, seed, d, false);
        return new Candidate(r, d.taken(), d.kinds(), d.nonDefault());
    }
}
