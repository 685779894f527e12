package rcusim.bench;

import java.util.Locale;
import rcusim.kernel.kcsan.KcsanOptions;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.RandomDecider;
import rcusim.sched.scenario.KcsanScenario;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * What the data-race detector costs: runs per second of a scenario (default: torture) with the
 * detector off and on, measured in the same JVM, in alternating rounds over the same seeds (so
 * both see the same runs and the same drift of a shared machine), after a warm-up of each.
 * Prints each round and the ratio of the medians (on / off; the goal is under 1.5).
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar rcusim.bench.KcsanOverhead [SCENARIO [RUNS [ROUNDS]]]
 * </pre>
 *
 * One thread, unrecorded runs (as a campaign's): the detector's cost per run, not a campaign's.
 */
public final class KcsanOverhead {
    private KcsanOverhead() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "torture";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Scenario off = Catalog.builtin().find(name).orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
        Scenario on = KcsanScenario.of(off, KcsanOptions.STRICT);
        System.out.printf(Locale.ROOT, "%s: %d runs a round, %d rounds each of off and on (after a warm-up round)%n",
                name, runs, rounds);
        round(off, runs);
        round(on, runs);
        double[] offRate = new double[rounds];
        double[] onRate = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            offRate[i] = round(off, runs);
            onRate[i] = round(on, runs);
            System.out.printf(Locale.ROOT, "round %d: off %.2f runs/s, on %.2f runs/s (on costs %.2fx)%n", i + 1,
                    offRate[i], onRate[i], offRate[i] / onRate[i]);
        }
        double mOff = median(offRate);
        double mOn = median(onRate);
        System.out.printf(Locale.ROOT, "median: off %.2f runs/s, on %.2f runs/s: the detector costs %.2fx (goal < 1.5x)%n",
                mOff, mOn, mOff / mOn);
    }

    /** Runs seeds 1..runs; runs per second. A failing run is an error: the figures would not compare. */
    private static double round(Scenario s, int runs) {
        long t0 = System.nanoTime();
        for (long seed = 1; seed <= runs; seed++) {
            ScenarioRun r = ScenarioRun.runUnrecorded(s, seed, new RandomDecider(seed));
            if (!r.passed()) {
                throw new IllegalStateException(s.name() + " seed " + seed + " failed: " + r.result().describe());
            }
        }
        return runs / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
