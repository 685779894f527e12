package rcusim.sched;

import java.util.Arrays;

/**
 * The races of one execution, for {@link DporExplorer}. Happens-before is the transitive
 * closure of dependence in trace order ({@link Footprint#dependent}), kept as vector clocks
 * over processes: a process is an option's identity (STEP of a CPU, DRAIN of a CPU's store to
 * a location, INTERRUPT of a vector on a CPU), whose steps are dependent on each other (they
 * share a pseudo-object) and so totally ordered. Two steps i &lt; j of different processes race
 * when they are dependent and nothing between them orders them (i happens before no other direct predecessor of j). For each race
 * the sink gets the initials of notdep(i).j: the steps after i that do not happen after i, up
 * to j, that nothing in that set precedes; any of them, taken before i, starts the reversed
 * race (source sets, Abdulla et al., POPL 2014).
 *
 * <p>Each object keeps its last writer and the readers since, so a step is compared with those
 * only, not with the whole trace.
 */
final class TraceRaces {
    /** Told of each race found. */
    interface Sink {
        /**
         * Step i races with step j (j may be a pending step, numbered after the trace); initials
         * are step indices, in trace order. Returns false when the race cannot be reversed
         * there (no initial was offered before i: j was blocked then, on a lock say).
         */
        boolean race(int i, int j, int[] initials, int count);

        /**
         * Whether step i was forced (nothing else was enabled before it), so no race with it can
         * be reversed there: {@link #race} is then not asked, and its initials not computed.
         */
        default boolean forced(int i, int j) {
            return false;
        }
    }

    private final int n;
    private final int total;
    private final int procs;
    private final int[] proc;
    private final int[] cpu;
    /** CPUs the steps ran on (the highest CPU number plus one): whose views objects there are. */
    private final int cpus;
    private final UnobservedViews views;
    private final Footprint[] foot;
    private final int[][] vc;
    private int[] lastWrite = new int[64];
    private int[][] readers = new int[64][];
    private int[] readerCount = new int[64];
    private final int[] lastOfProc;
    private int[] mark;
    private int stamp;
    private int[] cand = new int[16];
    private int candCount;
    private int[] initials = new int[16];
    private final int offset;
    /** What each drain waited for without sharing an object with it. */
    private final DrainEnablers drains;
    /** Marks (with {@link #stamp}) the direct predecessors of the step at hand that enabled it. */
    private int[] enablerMark;

    /**
     * @param n executed steps (0 to n - 1), followed by total - n pending ones
     * @param proc each step's process
     * @param cpu each step's CPU
     * @param foot each step's footprint
     */
    TraceRaces(int n, int total, int[] proc, int[] cpu, Footprint[] foot) {
        this.n = n;
        this.total = total;
        this.proc = proc;
        this.cpu = cpu;
        int highest = 0;
        for (int i = 0; i < total; i++) {
            highest = Math.max(highest, cpu[i]);
        }
        this.cpus = highest + 1;
        this.views = new UnobservedViews(total, cpus, cpu, foot);
        this.foot = foot;
        int c = 1;
        int lowest = 0;
        for (int i = 0; i < total; i++) {
            c = Math.max(c, proc[i] + 1);
            for (int o : foot[i].reads()) {
                lowest = Math.min(lowest, o);
            }
            for (int o : foot[i].writes()) {
                lowest = Math.min(lowest, o);
            }
        }
        this.procs = c;
        this.offset = -lowest; // pseudo-objects are negative
        this.vc = new int[total][];
        this.lastOfProc = new int[c];
        this.mark = new int[total];
        this.enablerMark = new int[total];
        this.drains = new DrainEnablers(foot);
        Arrays.fill(lastOfProc, -1);
        Arrays.fill(lastWrite, -1);
    }

    /** Computes happens-before for all steps; reports the races whose later step is firstNew or after. */
    void analyse(int firstNew, Sink sink) {
        for (int j = 0; j < total; j++) {
            boolean pending = j >= n;
            candidates(j);
            dropIndependent(j);
            int prev = lastOfProc[proc[j]];
            int[] clock = prev < 0 ? new int[procs] : vc[prev].clone();
            for (int k = 0; k < candCount; k++) {
                join(clock, vc[cand[k]]);
            }
            if (foot[j].afterTimeJump()) {
                // the clock jumped only once no step could be taken: after all of them, racing none
                for (int p = 0; p < procs; p++) {
                    if (lastOfProc[p] >= 0) {
                        join(clock, vc[lastOfProc[p]]);
                    }
                }
                candCount = 0;
            }
            if (foot[j].drain() && !pending) {
                joinEnablers(j, clock);
            }
            clock[proc[j]] = (prev < 0 ? 0 : vc[prev][proc[j]]) + 1;
            vc[j] = clock;
            if (j >= firstNew || pending) {
                for (int k = 0; k < candCount; k++) {
                    int i = cand[k];
                    // a drain cannot come before what enabled it: that edge is never a race
                    if (enablerMark[i] != stamp && proc[i] != proc[j] && racy(i, prev) && !reverse(sink, i, j)) {
                        reverseEarlier(i, j, prev, sink);
                    }
                }
            }
            if (!pending) {
                lastOfProc[proc[j]] = j;
                record(j);
                if (foot[j].role() == Footprint.STEP && foot[j].location() >= 0) {
                    drains.stored(j);
                }
            }
        }
    }

    /**
     * The race of i and j cannot be reversed before i: j was blocked there (a CPU spinning on a
     * lock that i's side held). Reverses j instead with the latest earlier step dependent with
     * it that j's side does not already follow and where it was not blocked (the other CPU's
     * lock acquisition, say), as Flanagan and Godefroid's DPOR looks at a blocked process's next
     * step in every state. Stops at a step dependent with everything that j's side follows:
     * all steps before it are ordered before j too.
     */
    private void reverseEarlier(int i, int j, int prev, Sink sink) {
        for (int k = i - 1; k >= 0; k--) {
            boolean global = foot[k].writesObject(rcusim.machine.StepFootprint.GLOBAL);
            if (prev >= 0 && hb(k, prev)) {
                if (global) {
                    return;
                }
                continue;
            }
            // a drain of j's own CPU never held what blocked j; nor did a step that meets j only
            // at a CPU's views (a drain whose commit a lock's acquire ordering reads, say);
            // dependent() first: it allocates nothing, mayDisable() copies both footprints
            if (proc[k] != proc[j] && !(foot[k].drain() && cpu[k] == cpu[j]) && foot[k].dependent(foot[j])
                    && foot[k].mayDisable(foot[j], cpus)
                    && !views.independent(k, j)
                    && reverse(sink, k, j)) {
                return;
            }
        }
    }

    /**
     * Drain j comes after the steps that enabled it ({@link DrainEnablers}): joins those its
     * clock does not already cover, as direct predecessors; none of them is a race, as j could
     * not have come first.
     */
    private void joinEnablers(int j, int[] clock) {
        int m = drains.enablersOf(j);
        int[] e = drains.enablers();
        for (int k = 0; k < m; k++) {
            int i = e[k];
            if (clock[proc[i]] < vc[i][proc[i]]) {
                join(clock, vc[i]);
                add(i);
            }
            enablerMark[i] = stamp; // also when an object orders them already: never a race
        }
    }

    /**
     * Drops from j's direct predecessors those that share an object with it but are
     * independent of it all the same: a CPU's step and its own drain that meet only at a
     * location ({@link Footprint#dependent}), and steps that conflict only over views nobody
     * observes ({@link UnobservedViews}). Neither is an edge of happens-before, so no race
     * either: keeping the edge and only sparing the reversal hides the races behind it (the
     * first version of the views rule did, and the random programs of DporExplorerTest lost
     * outcomes).
     */
    private void dropIndependent(int j) {
        int kept = 0;
        for (int k = 0; k < candCount; k++) {
            int i = cand[k];
            if (proc[i] == proc[j] || (foot[i].dependent(foot[j]) && !views.independent(i, j))) {
                cand[kept++] = i;
            }
        }
        candCount = kept;
    }

    /** Tells the sink of the race of i and j; whether it could be reversed before i. */
    private boolean reverse(Sink sink, int i, int j) {
        return !sink.forced(i, j) && sink.race(i, j, initials, initials(i, j));
    }

    /** a happens before b (a &lt;= b in trace order). */
    boolean hb(int a, int b) {
        return a == b || (a < b && vc[a][proc[a]] <= vc[b][proc[a]]);
    }

    private boolean racy(int i, int prev) {
        if (prev >= 0 && hb(i, prev)) {
            return false;
        }
        for (int k = 0; k < candCount; k++) {
            int o = cand[k];
            if (o != i && o > i && hb(i, o)) {
                return false;
            }
        }
        return true;
    }

    /** The steps j directly depends on: each object's last writer, and for a write its readers since. */
    private void candidates(int j) {
        candCount = 0;
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(mark, 0);
            Arrays.fill(enablerMark, 0);
            stamp = 1;
        }
        Footprint f = foot[j];
        for (int o : f.reads()) {
            addWriter(o);
        }
        for (int o : f.writes()) {
            addWriter(o);
            int x = o + offset;
            if (x < readers.length && readers[x] != null) {
                for (int r = 0; r < readerCount[x]; r++) {
                    add(readers[x][r]);
                }
            }
        }
    }

    private void addWriter(int o) {
        int x = o + offset;
        if (x < lastWrite.length && lastWrite[x] >= 0) {
            add(lastWrite[x]);
        }
    }

    private void add(int e) {
        if (mark[e] == stamp) {
            return;
        }
        mark[e] = stamp;
        if (candCount == cand.length) {
            cand = Arrays.copyOf(cand, candCount * 2);
        }
        cand[candCount++] = e;
    }

    private void record(int j) {
        Footprint f = foot[j];
        for (int o : f.writes()) {
            int x = grow(o + offset);
            lastWrite[x] = j;
            readerCount[x] = 0;
        }
        for (int o : f.reads()) {
            if (f.writesObject(o)) {
                continue;
            }
            int x = grow(o + offset);
            if (readers[x] == null) {
                readers[x] = new int[4];
            } else if (readerCount[x] == readers[x].length) {
                readers[x] = Arrays.copyOf(readers[x], readerCount[x] * 2);
            }
            readers[x][readerCount[x]++] = j;
        }
    }

    private int grow(int x) {
        if (x >= lastWrite.length) {
            int len = Math.max(x + 1, lastWrite.length * 2);
            int old = lastWrite.length;
            lastWrite = Arrays.copyOf(lastWrite, len);
            Arrays.fill(lastWrite, old, len, -1);
            readers = Arrays.copyOf(readers, len);
            readerCount = Arrays.copyOf(readerCount, len);
        }
        return x;
    }

    /** The initials of notdep(i).j, into {@link #initials}; returns how many. */
    private int initials(int i, int j) {
        int[] firstV = new int[procs];
        Arrays.fill(firstV, Integer.MAX_VALUE);
        int m = 0;
        int end = Math.min(j, n);
        for (int k = i + 1; k <= end; k++) {
            int e = k == end ? j : k;
            if (e != j && (hb(i, e) || !hbTo(e, j))) {
                continue;
            }
            boolean initial = true;
            for (int p = 0; p < procs; p++) {
                if (firstV[p] != Integer.MAX_VALUE && firstV[p] <= vc[e][p]) {
                    initial = false;
                    break;
                }
            }
            if (initial) {
                if (m == initials.length) {
                    initials = Arrays.copyOf(initials, m * 2);
                }
                initials[m++] = e;
            }
            if (firstV[proc[e]] == Integer.MAX_VALUE) {
                firstV[proc[e]] = vc[e][proc[e]];
            }
            if (e == j) {
                break;
            }
        }
        return m;
    }

    /** e happens before j, j possibly a pending step. */
    private boolean hbTo(int e, int j) {
        return vc[e][proc[e]] <= vc[j][proc[e]];
    }

    private static void join(int[] into, int[] from) {
        for (int p = 0; p < into.length; p++) {
            into[p] = Math.max(into[p], from[p]);
        }
    }
}
