package rcusim.explore.shrink;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import rcusim.explore.replay.Signature;
import rcusim.machine.decide.OptionKind;
import rcusim.scenarios.builtin.Scenario;
import rcusim.scenarios.builtin.ScenarioRun;

/**
 * Shrinks a failing run's decision stream, keeping its failure signature. The non-default
 * decisions (a preemption, a delayed drain, a taken interrupt, a stale read, a placement) are
 * what make a schedule unusual; a candidate turns some of them back to the default (see
 * {@link LenientReplay}) and runs the scenario; one that fails with the same signature and is
 * smaller (fewer non-default decisions, or as many and fewer decisions in all) becomes the new
 * starting point, its own stream recorded afresh.
 *
 * <p>Large structural cuts come first, as they cost a few runs and remove the most:
 * <ol>
 *   <li>the tail: the shortest prefix of the non-default decisions that still fails, with
 *       every decision after it default (binary search);</li>
 *   <li>kinds: all non-default decisions of one kind at once (every preemption, every early
 *       drain, every taken interrupt, every stale read, ...), the most frequent kind first;</li>
 *   <li>the head: as many leading non-default decisions as can go, defaulted together
 *       (binary search);</li>
 *   <li>then Zeller's ddmin over what is left: chunks of non-default decisions (contiguous
 *       runs of the stream) defaulted together, chunks halving when none can go.</li>
 * </ol>
 * Each accepted candidate is a real run, so the result always fails the same way.
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
    }

    private final Scenario scenario;
    private final long seed;
    private final int maxAttempts;
    private final Consumer<String> progress;
    private int attempts;
    private String signature;
    private Candidate best;

    public Shrinker(Scenario scenario, long seed, int maxAttempts) {
        this(scenario, seed, maxAttempts, s -> { });
    }

    /** As {@link #Shrinker(Scenario, long, int)}, telling progress what it is doing. */
    public Shrinker(Scenario scenario, long seed, int maxAttempts, Consumer<String> progress) {
        this.scenario = scenario;
        this.seed = seed;
        this.maxAttempts = maxAttempts;
        this.progress = progress;
    }

    /** Shrinks a failing run given by its recorded choices. */
    public Result shrink(int[] recordedChoices) {
        Candidate original = run(recordedChoices);
        if (original.run().passed()) {
            throw new IllegalArgumentException("the recorded choices do not fail");
        }
        signature = Signature.of(original.run().result().failure()).toString();
        best = original;
        cutTail();
        cutKinds();
        cutHead();
        ddmin();
        return new Result(original.run(), original.nonDefault().size(), best.run(), best.nonDefault().size(), attempts);
    }

    /** Keeps the shortest failing prefix of the non-default decisions; everything after it is default. */
    private void cutTail() {
        int lo = 0; // the first lo non-default decisions alone: not known to fail
        int hi = best.nonDefault().size(); // all of them: fails
        List<Integer> nd = best.nonDefault();
        int[] choices = best.choices();
        while (hi - lo > 1 && attempts < maxAttempts) {
            int mid = (lo + hi) >>> 1;
            // decisions from the mid-th non-default one on take the default
            if (tryCandidate(Arrays.copyOf(choices, nd.get(mid)), "tail")) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
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
            if (count[kind] == 0 || attempts >= maxAttempts) {
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
        while (hi - lo > 1 && attempts < maxAttempts) {
            int mid = (lo + hi) >>> 1;
            int[] edit = choices.clone();
            for (int k = 0; k < mid; k++) {
                edit[nd.get(k)] = -1;
            }
            Candidate c = run(edit);
            progress("head", c);
            if (sameFailure(c)) {
                lo = mid;
                found = c;
            } else {
                hi = mid;
            }
        }
        if (found != null && smaller(found, best)) {
            best = found;
        }
    }

    /** Zeller's ddmin over the non-default decisions, chunks defaulted together. */
    private void ddmin() {
        int n = 2;
        while (attempts < maxAttempts && !best.nonDefault().isEmpty()) {
            List<Integer> nd = best.nonDefault();
            n = Math.min(n, nd.size());
            int chunk = (nd.size() + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < nd.size() && attempts < maxAttempts; start += chunk) {
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
        if (sameFailure(c) && smaller(c, best)) {
            best = c;
            return true;
        }
        return false;
    }

    private boolean sameFailure(Candidate c) {
        return !c.run().passed() && Signature.of(c.run().result().failure()).toString().equals(signature);
    }

    /** Fewer non-default decisions, or as many and fewer decisions in all. */
    private static boolean smaller(Candidate a, Candidate b) {
        int x = a.nonDefault().size();
        int y = b.nonDefault().size();
        return x < y || (x == y && a.decisions() < b.decisions());
    }

    private void progress(String phase, Candidate c) {
        progress.accept(String.format(java.util.Locale.ROOT, "%s: run %d of at most %d, best %d non-default of %d decisions",
                phase, attempts, maxAttempts, best.nonDefault().size(), best.decisions()));
    }

    private Candidate run(int[] choices) {
        attempts++;
        LenientReplay d = new LenientReplay(choices);
        ScenarioRun r = ScenarioRun.run(scenario, seed, d, false);
        return new Candidate(r, d.taken(), d.kinds(), d.nonDefault());
    }
}
