package rcusim.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import rcusim.machine.RunResult;
import rcusim.machine.decide.DecisionLog;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.Options;

/**
 * Exhaustive exploration with a preemption bound, fewest preemptions first (CHESS's iterative
 * context bounding, Musuvathi and Qadeer, PLDI 2007). A preemption is what
 * {@link PreemptionCounter} says: taking another CPU's STEP while the CPU that stepped last
 * could step too. DRAIN, INTERRUPT and inner choices are free, so every bound covers all the
 * store-buffer, interrupt and data behaviours of its schedules.
 *
 * <p>The search is stateless, like {@link ExhaustiveExplorer}: each execution runs the program
 * from the start, replaying a prefix of choices and then taking the first option that keeps
 * within the bound; afterwards the deepest decision with an untried in-bound option moves on.
 * An option that would exceed the current bound b is not dropped but saved as a branch for
 * bound b + 1, which then explores exactly the executions with b + 1 preemptions. So bounds
 * 0, 1, ... run in turn, each execution runs once, and the first failure found has the fewest
 * preemptions possible.
 *
 * <p>The bound is a {@link SearchBound}: preemptions alone (above), or preemptions and other
 * deviations from the undisturbed run ({@link DeviationCounter}), the level being their sum.
 *
 * <p>Nothing is pruned within the bound: no sleep sets or partial-order reduction (the machine
 * does not expose what a step reads and writes, which they need; its Java code may even peek at
 * memory), so independent steps are explored in every order the bound allows.
 */
public final class BoundedExhaustive {
    private final int probes;
    private final long probeSeed;
    private final boolean stopAtFirstFailure;

    /**
     * @param executions the executions run (estimator probes not included)
     * @param complete whether every execution within the bound was run (false when the cap, or
     *     with stopAtFirstFailure a failure, ended the search while executions were left)
     * @param firstFailure the first failing run found (fewest preemptions), or null
     * @param firstFailureLog its decisions, for a {@link ReplayDecider}; null without failure
     * @param estimatedTotal Knuth's estimate of the executions within the bound, made before
     *     the search from random probes of the same tree ({@link TreeSizeEstimator})
     * @param failedExecutions how many of the executions failed
     * @param levelsCompleted the levels 0 to levelsCompleted - 1 were explored completely
     * @param boundLivelocks executions that ended in a livelock the bound itself caused (see
     *     {@link #BOUND_LIVELOCK_TAIL}); not failures, not counted in failedExecutions
     * @param firstBoundLivelock the first of them, or null
     */
    public record Result(long executions, boolean complete, RunResult firstFailure, DecisionLog firstFailureLog,
            double estimatedTotal, long failedExecutions, int levelsCompleted, long boundLivelocks,
            RunResult firstBoundLivelock) {
        public boolean failed() {
            return firstFailure != null;
        }
    }

    /**
     * A LIVELOCK (the machine's step limit) is the bound's doing, not the program's, when the
     * run's last this many decisions were at least half of them decisions at which the bound
     * forbade an option: CPUs spinning on a condition that only a move the bound forbids (a
     * preemption, an interrupt, a drain) would change, offered that move again and again. (Not
     * every decision: free choices, a data value say, come between.) Such a run says nothing
     * about the code under test; it says the bound is too tight for this scenario (one whose
     * undisturbed run does not end by itself). A spin that no move ends offers none, and stays
     * a failure.
     */
    public static final int BOUND_LIVELOCK_TAIL = 10_000;

    /** 32 estimator probes, and exploring on after a failure. */
    public BoundedExhaustive() {
        this(32, 0x5eedL, false);
    }

    /**
     * @param probes runs spent on the size estimate before the search (0: none, estimate NaN)
     * @param probeSeed the seed of those probes
     * @param stopAtFirstFailure end the search at the first failing execution
     */
    public BoundedExhaustive(int probes, long probeSeed, boolean stopAtFirstFailure) {
        if (probes < 0) {
            throw new IllegalArgumentException("probes must be >= 0, got " + probes);
        }
        this.probes = probes;
        this.probeSeed = probeSeed;
        this.stopAtFirstFailure = stopAtFirstFailure;
    }

    /**
     * Runs every execution with at most {@code preemptionBound} preemptions (fewest first),
     * up to {@code maxExecutions}. {@code run} builds a fresh program, runs it under the given
     * decider and returns the result; it must be deterministic, which is checked.
     */
    public Result explore(Function<Decider, RunResult> run, int preemptionBound, long maxExecutions) {
        return explore(run, SearchBound.preemptions(preemptionBound), maxExecutions, Monitor.NONE);
    }

    /** Watches a search: progress, and a way to end it early (a time budget, Ctrl-C). */
    public interface Monitor {
        Monitor NONE = new Monitor() {
        };

        /** Called after every execution. */
        default void executed(long executions, int level, RunResult r) {
        }

        /**
         * Called after every execution of a reduced search, with its estimate of the runs in its
         * whole tree (costly: ask only when it is shown).
         */
        default void executed(long executions, int level, RunResult r, DoubleSupplier estimatedTotal) {
            executed(executions, level, r);
        }

        /** Asked before every execution: true ends the search (it is then incomplete). */
        default boolean stop() {
            return false;
        }
    }

    /**
     * Runs every execution within the bound, level by level (lowest first), up to
     * {@code maxExecutions} or until the monitor says stop.
     */
    public Result explore(Function<Decider, RunResult> run, SearchBound bound, long maxExecutions, Monitor monitor) {
        if (maxExecutions < 1) {
            throw new IllegalArgumentException("max executions must be >= 1, got " + maxExecutions);
        }
        double estimate = TreeSizeEstimator.estimate(run, bound, probes, probeSeed);
        Search s = new Search(run, bound, maxExecutions, monitor);
        List<Branch> branches = List.of(Branch.ROOT);
        int completed = 0;
        int max = bound.maxLevel();
        for (int level = 0; level <= max && !branches.isEmpty() && !s.stopped; level++) {
            List<Branch> deferred = new ArrayList<>();
            boolean droppedBefore = s.dropped; // branches of this level were dropped
            for (int i = 0; i < branches.size() && !s.stopped; i++) {
                s.explore(branches.get(i), level, level < max ? deferred : null);
            }
            branches = deferred;
            if (!s.stopped && !droppedBefore) {
                completed = level + 1;
            }
        }
        if (!s.stopped && !s.dropped && branches.isEmpty()) {
            completed = max == Integer.MAX_VALUE ? max : max + 1; // no execution reaches the higher levels
        }
        RunResult f = s.firstFailure;
        return new Result(s.executions, !s.stopped && !s.dropped, f, f == null ? null : f.decisions(), estimate,
                s.failed, completed, s.boundLivelocks, s.firstBoundLivelock);
    }

    /** One run's decisions, kept once and shared by the branches deferred from it. */
    private record Path(int[] chosen, int[] offered, int[] fingerprints) {
    }

    /** A subtree left for the next bound: the path's first {@code depth} choices, then {@code option}. */
    private record Branch(Path path, int depth, int option) {
        static final Branch ROOT = new Branch(null, 0, -1);
    }

    /** The state of one exploration. */
    private final class Search {
        private final Function<Decider, RunResult> run;
        private final SearchBound bound;
        private final long maxExecutions;
        private final Monitor monitor;
        long executions;
        long failed;
        RunResult firstFailure;
        long boundLivelocks;
        RunResult firstBoundLivelock;
        /** Work was left when the cap was reached, or after the first failure if asked to stop there. */
        boolean stopped;
        /** A branch for a later bound was not kept, as the cap would stop us before it. */
        boolean dropped;

        // the current DFS stack, per depth
        private int[] chosen = new int[64];
        private int[] offered = new int[64];
        private int[] fingerprints = new int[64];
        private int[][] untried = new int[64][];
        private int[] nextUntried = new int[64];

        Search(Function<Decider, RunResult> run, SearchBound bound, long maxExecutions, Monitor monitor) {
            this.run = run;
            this.bound = bound;
            this.maxExecutions = maxExecutions;
            this.monitor = monitor;
        }

        /**
         * All executions below the branch that keep within the bound; options beyond it go to
         * deferred (null: drop them, this is the last bound).
         */
        void explore(Branch branch, int level, List<Branch> deferred) {
            // the branch's own choices stay fixed; the DFS backtracks only deeper than them
            int floor = 0;
            if (branch.path() != null) {
                floor = branch.depth() + 1;
                ensure(floor);
                System.arraycopy(branch.path().chosen(), 0, chosen, 0, branch.depth());
                System.arraycopy(branch.path().offered(), 0, offered, 0, floor);
                System.arraycopy(branch.path().fingerprints(), 0, fingerprints, 0, floor);
                chosen[branch.depth()] = branch.option();
            }
            int replayed = floor;
            while (true) {
                if (executions == maxExecutions || (stopAtFirstFailure && firstFailure != null) || monitor.stop()) {
                    stopped = true;
                    return;
                }
                Walk walk = new Walk(replayed, level, deferred != null);
                RunResult r = run.apply(walk);
                executions++;
                if (walk.depth < replayed) {
                    throw new IllegalStateException("nondeterministic program: the run ended after "
                            + walk.depth + " decisions, earlier it took more than " + replayed);
                }
                if (!r.passed() && r.failure().kind() == rcusim.machine.SimFailure.Kind.LIVELOCK
                        && walk.boundHeldTheTail()) {
                    boundLivelocks++;
                    if (firstBoundLivelock == null) {
                        firstBoundLivelock = r;
                    }
                } else if (!r.passed()) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = r;
                    }
                }
                monitor.executed(executions, level, r);
                keepDeferred(walk, deferred);
                int d = walk.depth - 1;
                while (d >= floor && (untried[d] == null || nextUntried[d] == untried[d].length)) {
                    d--;
                }
                if (d < floor) {
                    return;
                }
                chosen[d] = untried[d][nextUntried[d]++];
                replayed = d + 1;
            }
        }

        private void keepDeferred(Walk walk, List<Branch> deferred) {
            if (walk.deferredCount == 0) {
                return;
            }
            Path path = new Path(Arrays.copyOf(chosen, walk.depth), Arrays.copyOf(offered, walk.depth),
                    Arrays.copyOf(fingerprints, walk.depth));
            for (int j = 0; j < walk.deferredCount; j++) {
                // each deferred branch costs at least one execution: past the cap it never runs
                if (executions + deferred.size() >= maxExecutions) {
                    dropped = true;
                    return;
                }
                deferred.add(new Branch(path, walk.deferredAt[2 * j], walk.deferredAt[2 * j + 1]));
            }
        }

        private void ensure(int n) {
            if (n > chosen.length) {
                int len = Math.max(n, chosen.length * 2);
                chosen = Arrays.copyOf(chosen, len);
                offered = Arrays.copyOf(offered, len);
                fingerprints = Arrays.copyOf(fingerprints, len);
                untried = Arrays.copyOf(untried, len);
                nextUntried = Arrays.copyOf(nextUntried, len);
            }
        }

        /** The decider of one execution: replays the fixed prefix, then goes first-in-bound. */
        private final class Walk implements Decider {
            private final int fixed;
            private final int level;
            private final boolean defer;
            private final SearchBound.Pricer pricer = bound.start();
            int depth;
            int[] deferredAt = new int[16];
            int deferredCount;
            /** Of the latest BOUND_LIVELOCK_TAIL decisions, which had an option the bound forbade (a ring). */
            private final boolean[] forbadeRing = new boolean[BOUND_LIVELOCK_TAIL];
            private int forbadeInRing;

            private void noteForbade(boolean forbade) {
                int slot = depth % BOUND_LIVELOCK_TAIL; // depth was already advanced past this decision
                forbadeInRing += (forbade ? 1 : 0) - (forbadeRing[slot] ? 1 : 0);
                forbadeRing[slot] = forbade;
            }

            boolean boundHeldTheTail() {
                return depth >= BOUND_LIVELOCK_TAIL && 2 * forbadeInRing >= BOUND_LIVELOCK_TAIL;
            }

            Walk(int fixed, int level, boolean defer) {
                this.fixed = fixed;
                this.level = level;
                this.defer = defer;
            }

            @Override
            public int choose(Options o) {
                int d = depth++;
                int i;
                if (d < fixed) {
                    i = replay(o, d);
                    noteForbade(false);
                } else {
                    i = firstVisit(o, d);
                }
                pricer.taken(o, i);
                return i;
            }

            private int replay(Options o, int d) {
                if (o.size() != offered[d] || o.fingerprint() != fingerprints[d]) {
                    throw new IllegalStateException("nondeterministic program: decision " + d + " offers "
                            + o.size() + " options (" + o.describe() + "), earlier " + offered[d]
                            + " with another fingerprint");
                }
                return chosen[d];
            }

            private int firstVisit(Options o, int d) {
                ensure(d + 1);
                int first = -1;
                int[] rest = new int[o.size()];
                int restCount = 0;
                boolean forbade = false;
                for (int i = 0; i < o.size(); i++) {
                    int after = pricer.levelAfter(o, i);
                    if (after < 0 || after > level) {
                        forbade = true;
                    }
                    if (after < 0) {
                        continue; // outside the bound at any level
                    }
                    if (after > level) {
                        if (defer) {
                            deferOption(d, i);
                        }
                    } else if (first < 0) {
                        first = i;
                    } else {
                        rest[restCount++] = i;
                    }
                }
                noteForbade(forbade);
                chosen[d] = first;
                offered[d] = o.size();
                fingerprints[d] = o.fingerprint();
                untried[d] = restCount == 0 ? null : Arrays.copyOf(rest, restCount);
                nextUntried[d] = 0;
                return first;
            }

            private void deferOption(int d, int option) {
                if (2 * deferredCount + 2 > deferredAt.length) {
                    deferredAt = Arrays.copyOf(deferredAt, deferredAt.length * 2);
                }
                deferredAt[2 * deferredCount] = d;
                deferredAt[2 * deferredCount + 1] = option;
                deferredCount++;
            }
        }
    }
}
