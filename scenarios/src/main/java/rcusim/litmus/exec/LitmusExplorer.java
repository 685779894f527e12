package rcusim.litmus.exec;

import java.util.ArrayDeque;
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
 *
 * <p>The search keeps its own stack (a test of 50,000 statements is 50,000 levels deep) and
 * stops at its {@link SearchBudget}: states, cache bytes, time, interruption. If the heap runs
 * out all the same, the cache is dropped and the search unwinds, reporting
 * {@link StopReason#MEMORY}. A stopped search still reports every outcome it reached (each
 * one is a real execution), with counts that are lower bounds.
 */
public final class LitmusExplorer {
    /** Outcome slot 0 collects executions the filter excluded, slot 1 those that deadlocked. */
    static final int FILTERED = 0;
    static final int DEADLOCKED = 1;
    private static final long[] NONE = new long[0];
    /** Heap bytes of a cache entry besides its key and counts: HashMap node and table slot. */
    private static final long ENTRY_OVERHEAD = 48;

    private final LitmusProgram program;
    private final MemoryModel model;
    private final SearchBudget budget;
    private final boolean timed;
    private final long deadline;
    private Map<StateKey, long[]> memo = new HashMap<>();
    private final Map<StateKey, Integer> outcomeIds = new HashMap<>();
    private final List<long[]> outcomes = new ArrayList<>();
    private final OutcomeJudge judge;
    private final LongArrayBuilder keyBuilder = new LongArrayBuilder();
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private long expanded;
    private long cacheBytes;
    /** Approximate heap bytes of the frames on the stack (each holds a state): deep tests count too. */
    private long stackBytes;
    private StopReason stopped;

    LitmusExplorer(LitmusProgram program, MemoryModel model, SearchBudget budget) {
        this.program = program;
        this.model = model;
        this.budget = budget;
        this.timed = budget.timeoutNanos() != Long.MAX_VALUE;
        this.deadline = System.nanoTime() + (timed ? budget.timeoutNanos() : 0);
        this.judge = new OutcomeJudge(program);
        outcomes.add(null);
        outcomes.add(null);
    }

    /**
     * The result of one exploration: per outcome (index >= 2) its values and execution count.
     * {@code stopped} is null when the search was complete.
     */
    record Exploration(List<long[]> outcomes, long[] counts, long states, long cacheBytes, StopReason stopped) {
        boolean complete() {
            return stopped == null;
        }
    }

    /** A state being expanded: its options, the next one to try, and its successors' counts so far. */
    private static final class Frame {
        final LitmusState state;
        final StateKey key;
        final int[] opts;
        final int n;
        final long bytes;
        int next;
        long[] acc = NONE;

        Frame(LitmusState state, StateKey key, int[] opts, int n, long bytes) {
            this.state = state;
            this.key = key;
            this.opts = opts;
            this.n = n;
            this.bytes = bytes;
        }
    }

    Exploration run() {
        long[] counts;
        try {
            counts = enter(new LitmusState(program, model));
        } catch (OutOfMemoryError e) {
            dropCache();
            counts = NONE;
        }
        while (counts == null) {
            try {
                counts = unwindOrDescend();
            } catch (OutOfMemoryError e) {
                // Only this search's own data is large: dropping its cache makes the heap usable
                // again, and the search then unwinds (every new state is past the budget), keeping
                // the outcomes and counts gathered so far.
                dropCache();
            }
        }
        long[] full = new long[outcomes.size()];
        System.arraycopy(counts, 0, full, 0, Math.min(counts.length, full.length));
        return new Exploration(outcomes, full, expanded, cacheBytes, stopped);
    }

    private void dropCache() {
        memo = null;
        stopped = StopReason.MEMORY;
    }

    /** Runs the search from the frames on the stack; returns the root's counts. */
    private long[] unwindOrDescend() {
        while (true) {
            Frame f = stack.peek();
            if (f == null) {
                return NONE; // the root's counts were lost to an OutOfMemoryError
            }
            if (f.next < f.n) {
                int i = f.next++;
                LitmusState child = i == f.n - 1 ? f.state : f.state.copy();
                int a = f.opts[i * 3 + 1];
                int b = f.opts[i * 3 + 2];
                switch (f.opts[i * 3]) {
                    case 0 -> child.step(a, b);
                    case 1 -> child.drain(a, b);
                    default -> child.reportQs(a, b);
                }
                long[] c = enter(child);
                if (c != null) {
                    f.acc = add(f.acc, c);
                }
                continue;
            }
            stack.pop();
            stackBytes -= f.bytes;
            Frame parent = stack.peek();
            if (parent == null) {
                return f.acc;
            }
            parent.acc = add(parent.acc, f.acc);
            remember(f.key, f.acc);
        }
    }

    /**
     * Starts on a state: its counts when known, a leaf or past the budget; otherwise pushes
     * its frame and returns null.
     */
    private long[] enter(LitmusState s) {
        keyBuilder.clear();
        s.encode(keyBuilder);
        long[] words = keyBuilder.toArray();
        StateKey key = new StateKey(words);
        long[] known = memo == null ? null : memo.get(key);
        if (known != null) {
            return known;
        }
        if (stopped != null || overBudget()) {
            return NONE;
        }
        expanded++;
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
        if (n == 0) {
            long[] leaf = terminal(s);
            remember(key, leaf);
            return leaf;
        }
        // the state's arrays hold about a long per word of its encoding, the frame a bit more
        long bytes = 8L * words.length + key.heapBytes() + 4L * opts.length + 160;
        stack.push(new Frame(s, key, opts, n, bytes));
        stackBytes += bytes;
        return null;
    }

    private boolean overBudget() {
        if (expanded >= budget.maxStates()) {
            stopped = StopReason.STATE_CAP;
        } else if (cacheBytes + stackBytes >= budget.maxBytes()) {
            stopped = StopReason.MEMORY;
        } else if ((expanded & 255) == 0) {
            if (budget.cancelled().getAsBoolean()) {
                stopped = StopReason.INTERRUPTED;
            } else if (timed && System.nanoTime() - deadline > 0) {
                stopped = StopReason.TIMEOUT;
            }
        }
        return stopped != null;
    }

    /** Caches a finished state's counts; once stopped, counts are partial and not cached. */
    private void remember(StateKey key, long[] counts) {
        if (stopped != null || memo == null) {
            return;
        }
        memo.put(key, counts);
        cacheBytes += key.heapBytes() + ENTRY_OVERHEAD + 16 + 8L * counts.length;
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
