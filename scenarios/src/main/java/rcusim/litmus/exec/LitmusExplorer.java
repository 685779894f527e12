package rcusim.litmus.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rcusim.machine.memory.LongArrayBuilder;
import rcusim.machine.memory.MemoryModel;

/**
 * Exhaustive, stateful exploration of a litmus program: a depth-first search over machine
 * states in which every state is expanded once (states reached by different interleavings
 * are merged), while the number of executions (paths) reaching each final outcome is still
 * counted exactly, by summing the counts of a state's successors. Local instructions run
 * without a decision, so only machine steps, store-buffer drains, stale-read choices and
 * quiescent-state reports branch.
 */
public final class LitmusExplorer {
    /** Outcome slot 0 collects executions the filter excluded, slot 1 those that deadlocked. */
    static final int FILTERED = 0;
    static final int DEADLOCKED = 1;

    private final LitmusProgram program;
    private final MemoryModel model;
    private final long maxStates;
    private final Map<StateKey, long[]> memo = new HashMap<>();
    private final Map<StateKey, Integer> outcomeIds = new HashMap<>();
    private final List<long[]> outcomes = new ArrayList<>();
    private final OutcomeJudge judge;
    private final LongArrayBuilder keyBuilder = new LongArrayBuilder();
    private boolean complete = true;

    LitmusExplorer(LitmusProgram program, MemoryModel model, long maxStates) {
        this.program = program;
        this.model = model;
        this.maxStates = maxStates;
        this.judge = new OutcomeJudge(program);
        outcomes.add(null);
        outcomes.add(null);
    }

    /** The result of one exploration: per outcome (index >= 2) its values and execution count. */
    record Exploration(List<long[]> outcomes, long[] counts, long states, boolean complete) {
    }

    Exploration run() {
        long[] counts = explore(new LitmusState(program, model));
        long[] full = new long[outcomes.size()];
        System.arraycopy(counts, 0, full, 0, counts.length);
        return new Exploration(outcomes, full, memo.size(), complete);
    }

    private long[] explore(LitmusState s) {
        keyBuilder.clear();
        s.encode(keyBuilder);
        StateKey key = new StateKey(keyBuilder.toArray());
        long[] known = memo.get(key);
        if (known != null) {
            return known;
        }
        if (memo.size() >= maxStates) {
            complete = false;
            return new long[0];
        }
        int procs = s.processes();
        // options: (kind, a, b) triples; kind 0 step(t, choice), 1 drain(t, k), 2 qs(g, t)
        int[] opts = new int[24];
        int n = 0;
        for (int t = 0; t < procs; t++) {
            int w = s.stepWidth(t);
            for (int c = 0; c < w; c++) {
                opts = put(opts, n++, 0, t, c);
            }
        }
        for (int t = 0; t < procs; t++) {
            int d = s.memory().drainableCount(t);
            for (int k = 0; k < d; k++) {
                opts = put(opts, n++, 1, t, k);
            }
        }
        for (int g = 0; g < procs; g++) {
            if (s.gpActive(g)) {
                for (int t = 0; t < procs; t++) {
                    if (s.canReportQs(g, t)) {
                        opts = put(opts, n++, 2, g, t);
                    }
                }
            }
        }
        long[] acc;
        if (n == 0) {
            acc = terminal(s);
        } else {
            acc = new long[0];
            for (int i = 0; i < n; i++) {
                LitmusState child = i == n - 1 ? s : s.copy();
                int a = opts[i * 3 + 1];
                int b = opts[i * 3 + 2];
                switch (opts[i * 3]) {
                    case 0 -> child.step(a, b);
                    case 1 -> child.drain(a, b);
                    default -> child.reportQs(a, b);
                }
                acc = add(acc, explore(child));
            }
        }
        memo.put(key, acc);
        return acc;
    }

    private static int[] put(int[] opts, int i, int kind, int a, int b) {
        if (i * 3 + 3 > opts.length) {
            opts = java.util.Arrays.copyOf(opts, opts.length * 2);
        }
        opts[i * 3] = kind;
        opts[i * 3 + 1] = a;
        opts[i * 3 + 2] = b;
        return opts;
    }

    private long[] terminal(LitmusState s) {
        int id;
        if (!s.allDone()) {
            id = DEADLOCKED;
        } else {
            long[] values = judge.observe(s);
            if (!judge.passesFilter(values)) {
                id = FILTERED;
            } else {
                id = outcomeIds.computeIfAbsent(new StateKey(values), k -> {
                    outcomes.add(values);
                    return outcomes.size() - 1;
                });
            }
        }
        long[] c = new long[id + 1];
        c[id] = 1;
        return c;
    }

    /** Element-wise saturating sum; the result may be either argument's array, never shared. */
    private static long[] add(long[] a, long[] b) {
        long[] r = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < r.length; i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            long sum = x + y;
            r[i] = sum < 0 ? Long.MAX_VALUE : sum;
        }
        return r;
    }
}
