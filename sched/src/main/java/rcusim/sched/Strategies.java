package rcusim.sched;

import java.util.ArrayList;
import java.util.List;
import rcusim.machine.decide.Decider;

/**
 * Parses strategy specs:
 * <ul>
 *   <li>{@code random}: a seeded random walk ({@link RandomDecider});</li>
 *   <li>{@code pct:D} or {@code pct:D:K}: PCT with depth D &gt;= 1 and K expected scheduling
 *       steps ({@link PctDecider}; K defaults to the value passed to {@link #parse(String, long)},
 *       else {@value #DEFAULT_EXPECTED_STEPS});</li>
 *   <li>{@code portfolio}: run i uses {@code random, pct:1, pct:2, pct:3}, member i mod 4.</li>
 * </ul>
 * and, not a per-run strategy but a search of its own ({@link #exhaustive(String)}):
 * {@code exhaustive:P} (at most P preemptions and 1 deviation) or {@code exhaustive:P:D}; and
 * {@code dpor}, {@code dpor:P} or {@code dpor:P:D}: exhaustive search with dynamic partial-order
 * reduction ({@link DporExplorer}), unbounded, or within P preemptions (and D deviations).
 */
public final class Strategies {
    public static final long DEFAULT_EXPECTED_STEPS = 20_000;

    /** The portfolio's members, by PCT depth (0 stands for the random walk). */
    private static final int[] PORTFOLIO_DEPTHS = {0, 1, 2, 3};

    /** How many scheduling decisions PCT may pass over a runnable CPU (see {@link FairnessBound}). */
    static final int PCT_FAIRNESS = 8;

    static final String VALID = "random, pct:D (PCT of depth D >= 1, e.g. pct:3), pct:D:K (with K expected "
            + "scheduling steps, e.g. pct:3:5000), portfolio (random, pct:1, pct:2, pct:3 by run index), exhaustive:P"
            + " (bounded exhaustive search: at most P preemptions and 1 deviation), exhaustive:P:D (P preemptions,"
            + " D deviations), dpor (exhaustive with partial-order reduction, unbounded), dpor:P or dpor:P:D (the same"
            + " within P preemptions, and D deviations)";

    private Strategies() {
    }

    public static Strategy parse(String spec) {
        return parse(spec, DEFAULT_EXPECTED_STEPS);
    }

    /** As {@link #parse(String)}, with the expected steps PCT uses when the spec gives none. */
    public static Strategy parse(String spec, long expectedSteps) {
        if (spec == null) {
            throw new IllegalArgumentException("no strategy given; valid: " + VALID);
        }
        String s = spec.trim();
        if (s.equals("random")) {
            return random();
        }
        if (s.equals("portfolio")) {
            List<SeededStrategy> members = new ArrayList<>();
            for (int d : PORTFOLIO_DEPTHS) {
                members.add(d == 0 ? random() : pct(d, expectedSteps));
            }
            return new Portfolio(members);
        }
        if (isExhaustive(s)) {
            exhaustive(s); // a bad bound is reported as such
            throw new IllegalArgumentException("'" + spec + "' is a bounded exhaustive search, not a per-run strategy"
                    + " (rcusim explore runs it as a search of its own)");
        }
        if (s.startsWith("pct:")) {
            String[] parts = s.substring(4).split(":", -1);
            if (parts.length <= 2) {
                int depth = (int) number(parts[0], spec, Integer.MAX_VALUE);
                long k = parts.length == 2 ? number(parts[1], spec, Long.MAX_VALUE) : expectedSteps;
                return pct(depth, k);
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + spec + "'; valid: " + VALID);
    }

    /** Whether the spec asks for an exhaustive search (exhaustive:..., or dpor with or without a bound). */
    public static boolean isExhaustive(String spec) {
        return spec != null && (spec.trim().equals("exhaustive") || spec.trim().startsWith("exhaustive:") || isDpor(spec));
    }

    /** Whether the spec asks for exhaustive search with partial-order reduction (dpor, dpor:P, dpor:P:D). */
    public static boolean isDpor(String spec) {
        return spec != null && (spec.trim().equals("dpor") || spec.trim().startsWith("dpor:"));
    }

    /** Deviations of {@code exhaustive:P}: each one multiplies the tree by about the length of a run. */
    public static final int DEFAULT_DEVIATIONS = 1;

    /**
     * The bound of {@code exhaustive:P} (P preemptions, {@value #DEFAULT_DEVIATIONS} deviation)
     * or {@code exhaustive:P:D} (see {@link DeviationCounter}).
     */
    public static SearchBound exhaustive(String spec) {
        String s = spec.trim();
        if (isDpor(s)) {
            return dpor(s);
        }
        String[] parts = s.startsWith("exhaustive:") ? s.substring("exhaustive:".length()).split(":", -1) : new String[0];
        if (parts.length == 1 || parts.length == 2) {
            int p = (int) bound(parts[0], spec);
            int d = parts.length == 2 ? (int) bound(parts[1], spec) : DEFAULT_DEVIATIONS;
            return SearchBound.deviations(p, d);
        }
        throw new IllegalArgumentException("'" + spec + "': exhaustive needs a bound, e.g. exhaustive:2 (2 preemptions"
                + " and 1 deviation) or exhaustive:2:1 (2 preemptions, 1 deviation)");
    }

    /**
     * The bound of a dpor spec: null for {@code dpor} (none), P preemptions for {@code dpor:P},
     * P preemptions and D deviations for {@code dpor:P:D}.
     */
    private static SearchBound dpor(String s) {
        if (s.equals("dpor")) {
            return null;
        }
        String[] parts = s.substring("dpor:".length()).split(":", -1);
        if (parts.length == 1) {
            return SearchBound.preemptions((int) bound(parts[0], s));
        }
        if (parts.length == 2) {
            return SearchBound.deviations((int) bound(parts[0], s), (int) bound(parts[1], s));
        }
        throw new IllegalArgumentException("'" + s + "': dpor takes at most two bounds, e.g. dpor (unbounded), dpor:2"
                + " (2 preemptions) or dpor:2:1 (2 preemptions, 1 deviation)");
    }

    private static long bound(String text, String spec) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0 && v <= 100) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad bound '" + text + "' in strategy '" + spec + "' (must be 0 to 100);"
                + " e.g. exhaustive:2 or exhaustive:2:1");
    }

    /** The decider a concrete spec gives for this seed; a portfolio needs a run index, see {@link #forRun}. */
    public static Decider create(String spec, long seed) {
        Strategy s = parse(spec);
        if (s instanceof SeededStrategy one) {
            return one.decider(seed);
        }
        throw new IllegalArgumentException("'" + spec + "' picks a strategy per run: use Strategies.forRun");
    }

    /** What run runIndex of a campaign with this spec and master seed uses. */
    public static Strategy.Choice forRun(String spec, long masterSeed, long runIndex) {
        return parse(spec).forRun(masterSeed, runIndex);
    }

    private static SeededStrategy random() {
        return new SeededStrategy("random", RandomDecider::new);
    }

    private static SeededStrategy pct(int depth, long expectedSteps) {
        if (expectedSteps < 1) {
            throw new IllegalArgumentException("PCT needs expected steps >= 1, got " + expectedSteps);
        }
        return new SeededStrategy("pct:" + depth + ":" + expectedSteps,
                seed -> new FairnessBound(new PctDecider(seed, depth, expectedSteps), PCT_FAIRNESS));
    }

    private static long number(String text, String spec, long max) {
        try {
            long v = Long.parseLong(text);
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the valid specs
        }
        throw new IllegalArgumentException("bad number '" + text + "' in strategy '" + spec + "' (must be >= 1); valid: "
                + VALID);
    }
}
