package rcusim.litmus.axiom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import rcusim.litmus.exec.LitmusProgram;
import rcusim.litmus.exec.LitmusRuntimeException;
import rcusim.litmus.exec.OutcomeJudge;
import rcusim.litmus.exec.SearchBudget;
import rcusim.litmus.exec.StopReason;

/**
 * Enumerates the candidate executions of a compiled litmus test and keeps those LKMM allows:
 * one run per thread (pruned as soon as a read's value can no longer be written by anyone),
 * then per location the coherent and atomic rf/co choices, then their product, each checked
 * by {@link LkmmModel}. Deterministic: every choice is made in a fixed order.
 */
final class AxiomaticSearch {
    /** Per-thread runs enumerated before a test is too large. */
    static final long MAX_RUNS_PER_THREAD = 200_000;
    /**
     * Above this many combinations of thread runs (and without plain accesses, whose data-race
     * flag needs every execution), the search looks for the verdict only: one allowed execution
     * satisfying the condition, then one not, skipping runs that cannot give it.
     */
    static final long VERDICT_SEARCH_ABOVE = 4096;

    /** Which executions the search is after. */
    private enum Goal { ALL, SATISFY, VIOLATE }

    private Goal goal = Goal.ALL;
    private boolean found;
    private final PartialCondition partial;

    private final LitmusProgram program;
    private final SearchBudget budget;
    private final OutcomeJudge judge;
    private final long deadline;
    private long candidates;
    private StopReason stopped;
    private String tooLarge;
    private final Map<String, long[]> outcomes = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final TreeSet<String> flags = new TreeSet<>();

    private List<List<ThreadRun>> runs;
    private List<List<long[]>> mayWrite;
    private boolean[] lockLocation;

    AxiomaticSearch(LitmusProgram program, SearchBudget budget, long startNanos) {
        this.program = program;
        this.budget = budget;
        this.judge = new OutcomeJudge(program);
        this.partial = new PartialCondition(program);
        this.deadline = budget.timeoutNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : startNanos + budget.timeoutNanos();
    }

    /** What the search found: outcome values with their execution counts, flags, and why it stopped. */
    record Found(List<long[]> outcomes, List<Long> counts, long candidates, StopReason stopped, String tooLarge,
                 List<String> flags, boolean verdictOnly) {
    }

    Found run() {
        try {
            ValueDomain.Fixpoint fp = ValueDomain.compute(program, MAX_RUNS_PER_THREAD);
            runs = fp.runs();
            indexWrites();
            long combinations = 1;
            boolean plain = false;
            for (List<ThreadRun> rs : runs) {
                combinations = Math.min(Long.MAX_VALUE / 2, combinations * Math.max(1, rs.size()));
                plain |= rs.stream().anyMatch(r -> r.events().stream().anyMatch(e -> e.is(Tag.PLAIN)));
            }
            if (combinations > VERDICT_SEARCH_ABOVE && !plain) {
                for (Goal g : new Goal[] {Goal.SATISFY, Goal.VIOLATE}) {
                    goal = g;
                    found = false;
                    choose(0, new ThreadRun[runs.size()]);
                    if (stopped != null) {
                        break;
                    }
                }
            } else {
                choose(0, new ThreadRun[runs.size()]);
            }
        } catch (ThreadEnumerator.TooLarge e) {
            stopped = StopReason.STATE_CAP;
            tooLarge = e.getMessage();
        }
        return new Found(new ArrayList<>(outcomes.values()), new ArrayList<>(counts.values()), candidates, stopped,
                tooLarge, List.copyOf(flags), goal != Goal.ALL);
    }

    /** Per thread, the (location, value) pairs some run of it writes. */
    private void indexWrites() {
        int locs = program.locations().size();
        lockLocation = new boolean[locs];
        mayWrite = new ArrayList<>();
        for (List<ThreadRun> rs : runs) {
            List<TreeSet<Long>> byLoc = new ArrayList<>();
            for (int l = 0; l < locs; l++) {
                byLoc.add(new TreeSet<>());
            }
            for (ThreadRun r : rs) {
                for (Ev e : r.events()) {
                    if (e.is(Tag.LOCK_EVENTS)) {
                        lockLocation[e.loc()] = true;
                    } else if (e.write()) {
                        byLoc.get(e.loc()).add(e.value());
                    }
                }
            }
            List<long[]> arr = new ArrayList<>();
            for (TreeSet<Long> s : byLoc) {
                arr.add(s.stream().mapToLong(Long::longValue).toArray());
            }
            mayWrite.add(arr);
        }
    }

    private boolean stop() {
        if (stopped != null || found) {
            return true;
        }
        if (candidates >= budget.maxStates()) {
            stopped = StopReason.STATE_CAP;
        } else if ((candidates & 63) == 0 && budget.cancelled().getAsBoolean()) {
            stopped = StopReason.INTERRUPTED;
        } else if ((candidates & 63) == 0 && System.nanoTime() > deadline) {
            stopped = StopReason.TIMEOUT;
        }
        return stopped != null;
    }

    private void choose(int t, ThreadRun[] chosen) {
        if (t == chosen.length) {
            combination(chosen);
            return;
        }
        for (ThreadRun r : runs.get(t)) {
            if (stop()) {
                return;
            }
            chosen[t] = r;
            if (feasible(chosen, t) && wanted(chosen, t)) {
                choose(t + 1, chosen);
            }
            chosen[t] = null;
        }
    }

    /** Whether the chosen runs can still give an execution of the kind the search is after. */
    private boolean wanted(ThreadRun[] chosen, int upTo) {
        if (goal == Goal.ALL) {
            return true;
        }
        if (program.filter() != null && Boolean.FALSE.equals(partial.eval(program.filter(), chosen, upTo))) {
            return false;
        }
        Boolean c = partial.eval(program.condition(), chosen, upTo);
        return c == null || c == (goal == Goal.SATISFY);
    }

    /** Whether every read of the chosen runs can still read its value from some write. */
    private boolean feasible(ThreadRun[] chosen, int upTo) {
        for (int t = 0; t <= upTo; t++) {
            for (Ev e : chosen[t].events()) {
                if (!e.read() || e.is(Tag.LOCK_EVENTS) || lockLocation[e.loc()]) {
                    continue;
                }
                if (!writable(e.loc(), e.value(), chosen, upTo)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean writable(int loc, long v, ThreadRun[] chosen, int upTo) {
        if (program.locationInit()[loc] == v) {
            return true;
        }
        for (int t = 0; t < chosen.length; t++) {
            if (t <= upTo) {
                for (Ev e : chosen[t].events()) {
                    if (e.write() && e.loc() == loc && e.value() == v) {
                        return true;
                    }
                }
            } else if (java.util.Arrays.binarySearch(mayWrite.get(t).get(loc), v) >= 0) {
                return true;
            }
        }
        return false;
    }

    private void combination(ThreadRun[] chosen) {
        Skeleton s = new Skeleton(program.locationInit(), chosen.clone());
        int locs = program.locations().size();
        List<List<LocationChoices.Choice>> perLoc = new ArrayList<>();
        for (int l = 0; l < locs; l++) {
            List<LocationChoices.Choice> c = LocationChoices.of(s, l);
            if (c.isEmpty()) {
                return;
            }
            perLoc.add(c);
        }
        product(s, perLoc, 0, new LocationChoices.Choice[locs]);
    }

    private void product(Skeleton s, List<List<LocationChoices.Choice>> perLoc, int l, LocationChoices.Choice[] pick) {
        if (l == pick.length) {
            candidates++;
            check(s, pick);
            return;
        }
        for (LocationChoices.Choice c : perLoc.get(l)) {
            if (stop()) {
                return;
            }
            pick[l] = c;
            product(s, perLoc, l + 1, pick);
        }
    }

    private void check(Skeleton s, LocationChoices.Choice[] pick) {
        BitRel rf = new BitRel(s.n);
        BitRel co = new BitRel(s.n);
        long[] finals = new long[pick.length];
        for (int l = 0; l < pick.length; l++) {
            LocationChoices.Choice c = pick[l];
            int[] o = c.order();
            for (int i = 0; i < o.length; i++) {
                for (int j = i + 1; j < o.length; j++) {
                    co.add(o[i], o[j]);
                }
            }
            for (int k = 0; k < c.reads().length; k++) {
                rf.add(c.src()[k], c.reads()[k]);
            }
            Ev last = s.ev[o[o.length - 1]];
            finals[l] = last.is(Tag.LKW) ? 1 : last.is(Tag.UL) ? 0 : last.value();
        }
        long[] values = judge.observe(l -> finals[l], (p, reg) -> s.runs[p].registers()[reg]);
        if (!judge.passesFilter(values)) {
            return;
        }
        if (goal != Goal.ALL && judge.satisfies(values) != (goal == Goal.SATISFY)) {
            return;
        }
        LkmmModel.Check verdict = LkmmModel.check(s, rf, co);
        if (verdict == LkmmModel.Check.FORBIDDEN) {
            return;
        }
        for (ThreadRun r : s.runs) {
            if (r.fault() != null) {
                throw new LitmusRuntimeException(r.fault(), "dereferences a value that is not the address of a"
                        + " shared location in an execution LKMM allows");
            }
        }
        found = goal != Goal.ALL;
        if (verdict == LkmmModel.Check.ALLOWED_RACY) {
            flags.add("data-race");
        }
        String key = java.util.Arrays.toString(values);
        outcomes.putIfAbsent(key, values);
        counts.merge(key, 1L, Long::sum);
    }
}
