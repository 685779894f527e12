package rcusim.explore.shrink;

import java.util.List;
import rcusim.explore.replay.Signature;
import rcusim.scenarios.builtin.Scenario;
import rcusim.scenarios.builtin.ScenarioRun;

/**
 * Delta debugging (Zeller's ddmin) over a failing run's decision stream. The non-default
 * decisions (a preemption, a delayed drain, a taken interrupt, a stale read, a placement) are
 * what make a schedule unusual; a candidate turns a chunk of them back to the default
 * (see {@link LenientReplay}) and runs the scenario; one that fails with the same signature and
 * fewer non-default decisions is kept and becomes the new starting point, its own stream
 * recorded afresh.
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

    private record Candidate(ScenarioRun run, int[] choices, List<Integer> nonDefault) {
    }

    private final Scenario scenario;
    private final long seed;
    private final int maxAttempts;
    private int attempts;

    public Shrinker(Scenario scenario, long seed, int maxAttempts) {
        this.scenario = scenario;
        this.seed = seed;
        this.maxAttempts = maxAttempts;
    }

    /** Shrinks a failing run given by its recorded choices. */
    public Result shrink(int[] recordedChoices) {
        Candidate original = run(recordedChoices);
        if (original.run().passed()) {
            throw new IllegalArgumentException("the recorded choices do not fail");
        }
        String signature = Signature.of(original.run().result().failure()).toString();
        Candidate best = original;
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
                Candidate c = run(edit);
                if (!c.run().passed() && Signature.of(c.run().result().failure()).toString().equals(signature)
                        && c.nonDefault().size() < nd.size()) {
                    best = c;
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
        return new Result(original.run(), original.nonDefault().size(), best.run(), best.nonDefault().size(), attempts);
    }

    private Candidate run(int[] choices) {
        attempts++;
        LenientReplay d = new LenientReplay(choices);
        ScenarioRun r = ScenarioRun.run(scenario, seed, d, false);
        return new Candidate(r, d.taken(), d.nonDefault());
    }
}
