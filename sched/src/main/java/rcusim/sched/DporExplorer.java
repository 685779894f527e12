package rcusim.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import rcusim.machine.RunResult;
import rcusim.machine.StepFootprint;
import rcusim.machine.StepObserver;
import rcusim.machine.decide.DecisionLog;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.Options;

/**
 * Exhaustive search with dynamic partial-order reduction: source sets and sleep sets (Abdulla,
 * Aronis, Jonsson and Sagonas, POPL 2014), stateless like {@link BoundedExhaustive}. Each
 * execution re-runs the program from the start under a decider that replays a prefix of
 * choices and then goes on first-not-asleep; the machine tells it what every step read and
 * wrote ({@link StepFootprint}). After the run, every race (two dependent steps of different
 * CPUs that nothing between orders, {@link TraceRaces}) whose reversal is not yet planned adds
 * one of its initials to the backtrack set of the decision before the earlier step. A step
 * explored from a decision sleeps in the subtrees of its later siblings until a dependent
 * step wakes it; a run whose every enabled option sleeps is cut short (sleep-set blocked),
 * and the sleeping steps it stopped at are not among its pending steps: their races were
 * found where they were explored.
 *
 * <p>Only scheduling decisions (STEP, DRAIN, INTERRUPT options, each of them an event with its
 * own footprint) are reduced. Inner choices (the value a load reads, a placement, a pick, a
 * reschedule, a freeze) are data: all their alternatives are explored, and their footprints
 * are part of the step they are made in.
 *
 * <p>With a {@link SearchBound}, options beyond it are not taken; when a race needs one (or a
 * fallback needs all), the search is incomplete, as the reduction's representative of some
 * equivalence class may lie beyond the bound while another member lies within it.
 *
 * <p>Sound as long as footprints are: the machine charges a CPU's own kernel state to that
 * CPU's context and marks as dependent with everything any step that touches kernel state
 * shared between CPUs (wake-ups, schedule(), softirqs, time; see the machine's StepRecorder
 * and docs/exploration.md). One assumption remains: Java state outside simulated memory that
 * code reads between two operations, outside a lock and without reporting it, is its own CPU's.
 */
public final class DporExplorer {
    private final SearchBound bound;
    private final boolean stopAtFirstFailure;

    /** For tests and diagnostics: told of every race found (the two steps' footprints); else null. */
    interface RaceProbe {
        void race(Footprint earlier, Footprint later);
    }

    private RaceProbe raceProbe;

    /** Installs a probe told of every race (tests: which objects races come from). */
    DporExplorer withRaceProbe(RaceProbe p) {
        raceProbe = p;
        return this;
    }

    /**
     * @param bound options beyond it are not taken (null: unbounded)
     * @param stopAtFirstFailure end the search at the first failing execution
     */
    public DporExplorer(SearchBound bound, boolean stopAtFirstFailure) {
        this.bound = bound;
        this.stopAtFirstFailure = stopAtFirstFailure;
    }

    /**
     * @param executions executions run to their end (failing ones included)
     * @param sleepBlocked executions cut short because every enabled option slept
     * @param complete every execution the reduction needs was run (no budget, stop or bound cut it)
     * @param boundCut the bound kept out an option the reduction needed
     * @param stopped the budget, the monitor or the first failure ended the search early
     * @param firstFailure the first failing run, or null; firstFailureLog its decisions
     * @param failedExecutions how many executions failed
     * @param estimatedTotal where the search stopped early: its estimate of the runs in its whole
     *     tree ({@link Search#estimatedTotal}); NaN when it ran to its end
     */
    public record Result(long executions, long sleepBlocked, boolean complete, boolean boundCut, boolean stopped,
            RunResult firstFailure, DecisionLog firstFailureLog, long failedExecutions, double estimatedTotal) {
        public boolean failed() {
            return firstFailure != null;
        }
    }

    /** Explores to the end, up to maxExecutions executions (sleep-set blocked ones included). */
    public Result explore(Function<Decider, RunResult> run, long maxExecutions, BoundedExhaustive.Monitor monitor) {
        if (maxExecutions < 1) {
            throw new IllegalArgumentException("max executions must be >= 1, got " + maxExecutions);
        }
        return new Search(run, maxExecutions, monitor).run();
    }

    /** Thrown from the decider to end a sleep-set blocked execution. */
    private static final class SleepBlocked extends RuntimeException {
        SleepBlocked() {
            super("sleep-set blocked", null, false, false);
        }
    }

    /**
     * An option as an event, and the process it belongs to: kind, CPU and argument (an
     * interrupt's vector; for a drain the location it writes, which unlike its index among the
     * drainable entries no other CPU's step changes).
     */
    static long id(rcusim.machine.decide.OptionKind kind, int cpu, int arg) {
        return (long) kind.ordinal() << 48 | (long) cpu << 20 | arg;
    }

    /** The CPU of an event's {@link #id}. */
    static int cpuOf(long id) {
        return (int) (id >>> 20) & 0xfff;
    }

    /** A sleeping option: its identity and what it touched wherever it was explored. */
    private record Sleeper(long id, Footprint foot) {
    }

    /** One decision of the current path. */
    private static final class Node {
        final boolean scheduling;
        final int size;
        final int fingerprint;
        /** Steps performed before it: its step's index in the trace. */
        final int event;
        long[] ids;
        BitSet allowed;
        final BitSet backtrack = new BitSet();
        final BitSet done = new BitSet();
        List<Sleeper> sleep = List.of();
        Footprint[] explored;
        int chosen;

        Node(boolean scheduling, int size, int fingerprint, int event) {
            this.scheduling = scheduling;
            this.size = size;
            this.fingerprint = fingerprint;
            this.event = event;
        }

        boolean asleep(int i) {
            for (Sleeper s : sleep) {
                if (s.id() == ids[i]) {
                    return true;
                }
            }
            return false;
        }

        /** The next option to explore here, or -1. */
        int next() {
            if (!scheduling) {
                int i = allowed.nextSetBit(chosen + 1);
                return i >= 0 && i < size ? i : -1;
            }
            for (int i = backtrack.nextSetBit(0); i >= 0; i = backtrack.nextSetBit(i + 1)) {
                if (open(i)) {
                    return i;
                }
            }
            return -1;
        }

        /** Whether option i of a scheduling decision is still to be explored (if planned). */
        boolean open(int i) {
            return i != chosen && !done.get(i) && allowed.get(i) && !asleep(i);
        }
    }

    private final class Search implements TraceRaces.Sink {
        private final Function<Decider, RunResult> run;
        private final long maxExecutions;
        private final BoundedExhaustive.Monitor monitor;
        private final List<Node> path = new ArrayList<>();
        long executions;
        long blocked;
        long failed;
        boolean cut;
        boolean stopped;
        RunResult firstFailure;
        // the trace of the current execution
        private long[] evId = new long[256];
        private int[] evNode = new int[256];
        private Footprint[] evFoot = new Footprint[256];
        private int events;
        private int pending;

        Search(Function<Decider, RunResult> run, long maxExecutions, BoundedExhaustive.Monitor monitor) {
            this.run = run;
            this.maxExecutions = maxExecutions;
            this.monitor = monitor;
        }

        Result run() {
            int firstNew = 0;
            while (true) {
                if (executions + blocked == maxExecutions || (stopAtFirstFailure && firstFailure != null)
                        || monitor.stop()) {
                    stopped = true;
                    break;
                }
                events = 0;
                pending = 0;
                Walk walk = new Walk();
                RunResult r = null;
                try {
                    r = run.apply(walk);
                } catch (SleepBlocked e) {
                    blocked++;
                }
                if (walk.depth < path.size() && r != null) {
                    throw new IllegalStateException("nondeterministic program: the run ended after " + walk.depth
                            + " decisions, earlier it took " + path.size());
                }
                if (r != null) {
                    executions++;
                    if (!r.passed()) {
                        failed++;
                        if (firstFailure == null) {
                            firstFailure = r;
                        }
                    }
                    monitor.executed(executions, 0, r, this::estimatedTotal);
                }
                new TraceRaces(events, events + pending, processes(), cpus(), evFoot).analyse(firstNew, this);
                int d = path.size() - 1;
                int next = -1;
                while (d >= 0 && (next = path.get(d).next()) < 0) {
                    d--;
                }
                if (d < 0) {
                    break;
                }
                Node node = path.get(d);
                if (node.scheduling) {
                    node.done.set(node.chosen);
                }
                node.chosen = next;
                path.subList(d + 1, path.size()).clear();
                firstNew = node.event;
            }
            boolean complete = !stopped && !cut;
            RunResult f = firstFailure;
            return new Result(executions, blocked, complete, cut, stopped, f, f == null ? null : f.decisions(), failed,
                    stopped ? estimatedTotal() : Double.NaN);
        }

        /**
         * The runs of the whole tree (executions and sleep-set blocked runs, the leaves so far),
         * by {@link #exploredShare}; NaN before any share is behind the search.
         */
        double estimatedTotal() {
            double share = exploredShare();
            return share > 0 ? (executions + blocked) / share : Double.NaN;
        }

        /**
         * An estimate of the share of the tree the search has behind it, for a user waiting on an
         * unbounded search: along the current path, each decision's finished alternatives out of
         * those planned so far, as if every alternative's subtree were as big as the others at
         * its decision (Knuth's assumption). Subtrees differ in size, so it is an estimate, not a
         * bound; and races found later plan more alternatives, which makes the true share smaller.
         */
        double exploredShare() {
            double share = 0;
            double weight = 1;
            for (Node n : path) {
                int finished;
                int total;
                if (n.scheduling) {
                    finished = n.done.cardinality() - (n.done.get(n.chosen) ? 1 : 0);
                    int planned = 0;
                    for (int i = n.backtrack.nextSetBit(0); i >= 0; i = n.backtrack.nextSetBit(i + 1)) {
                        if (n.open(i)) {
                            planned++;
                        }
                    }
                    total = finished + 1 + planned;
                } else {
                    // an inner choice takes its allowed values in order
                    finished = n.allowed.get(0, Math.max(0, n.chosen)).cardinality();
                    total = n.allowed.cardinality() + (n.allowed.get(n.chosen) ? 0 : 1);
                }
                if (total > 1) {
                    share += weight * finished / total;
                    weight /= total;
                }
            }
            return share;
        }

        /** Each step's CPU. */
        private int[] cpus() {
            int[] cpu = new int[events + pending];
            for (int e = 0; e < cpu.length; e++) {
                cpu[e] = cpuOf(evId[e]);
            }
            return cpu;
        }

        /** Each step's process (its option's identity), numbered densely in order of appearance. */
        private int[] processes() {
            int total = events + pending;
            java.util.Map<Long, Integer> index = new java.util.LinkedHashMap<>();
            int[] proc = new int[total];
            for (int e = 0; e < total; e++) {
                Integer p = index.get(evId[e]);
                if (p == null) {
                    p = index.size();
                    index.put(evId[e], p);
                }
                proc[e] = p;
            }
            return proc;
        }

        @Override
        public boolean forced(int i, int j) {
            // every race is asked this first, once: the probe's place
            if (raceProbe != null) {
                raceProbe.race(evFoot[i], evFoot[j]);
            }
            return evNode[i] < 0; // nothing else was enabled before i
        }

        @Override
        public boolean race(int i, int j, int[] initials, int count) {
            Node node = path.get(evNode[i]);
            int firstOffered = -1;
            for (int k = 0; k < count; k++) {
                int o = indexOf(node, evId[initials[k]]);
                if (o >= 0 && node.backtrack.get(o)) {
                    return true; // already planned
                }
                if (o >= 0 && firstOffered < 0) {
                    firstOffered = o;
                }
            }
            if (firstOffered >= 0) {
                plan(node, firstOffered);
                return true;
            }
            // the race cannot be reversed here: i (or a step after it) enabled j, or j's side was
            // blocked. Footprints make a step dependent with whatever enables it (a store with its
            // drain, a drain with the fence waiting for an empty buffer, an unlock with the
            // lock, kernel work with everything); TraceRaces looks further back for a blocked one.
            return false;
        }

        private void plan(Node node, int o) {
            if (!node.allowed.get(o)) {
                cut = true;
                return;
            }
            node.backtrack.set(o);
        }

        private int indexOf(Node node, long id) {
            for (int o = 0; o < node.size; o++) {
                if (node.ids[o] == id) {
                    return o;
                }
            }
            return -1;
        }

        private void addEvent(StepFootprint s, int node) {
            int e = events + pending;
            if (e == evId.length) {
                int len = e * 2;
                evId = Arrays.copyOf(evId, len);
                evNode = Arrays.copyOf(evNode, len);
                evFoot = Arrays.copyOf(evFoot, len);
            }
            evId[e] = id(s.kind(), s.cpu(), s.arg());
            evNode[e] = node;
            evFoot[e] = Footprint.of(s);
        }

        /** The decider of one execution. */
        private final class Walk implements StepObserver {
            private final SearchBound.Pricer pricer = bound == null ? null : bound.start();
            int depth;
            /** The scheduling node whose option the next step performs, or -1 for a forced step. */
            private int deciding = -1;
            /** The sleep set now, while past the last replayed node. */
            private List<Sleeper> carry = List.of();
            /** In a sleep-set blocked run: the CPUs whose STEP was offered (asleep) where it stopped. */
            private final BitSet asleepSteps = new BitSet();

            @Override
            public int choose(Options o) {
                int d = depth++;
                boolean scheduling = DecisionKinds.isScheduling(o);
                int i;
                if (d < path.size()) {
                    Node node = path.get(d);
                    if (node.size != o.size() || node.fingerprint != o.fingerprint()) {
                        throw new IllegalStateException("nondeterministic program: decision " + d + " offers " + o.size()
                                + " options (" + o.describe() + "), earlier " + node.size + " with another fingerprint");
                    }
                    i = node.chosen;
                    if (scheduling) {
                        deciding = d;
                    }
                } else {
                    i = firstVisit(o, d, scheduling);
                }
                if (pricer != null) {
                    pricer.taken(o, i);
                }
                return i;
            }

            private int firstVisit(Options o, int d, boolean scheduling) {
                Node node = new Node(scheduling, o.size(), o.fingerprint(), events);
                path.add(node);
                node.allowed = new BitSet();
                for (int k = 0; k < o.size(); k++) {
                    if (pricer == null || pricer.levelAfter(o, k) >= 0) {
                        node.allowed.set(k);
                    }
                }
                if (!scheduling) {
                    // data: every alternative within the bound is explored; the default (0) always is
                    node.allowed.set(0);
                    node.chosen = 0;
                    return 0;
                }
                node.ids = new long[o.size()];
                node.explored = new Footprint[o.size()];
                node.sleep = carry;
                for (int k = 0; k < o.size(); k++) {
                    node.ids[k] = id(o.kind(k), o.cpu(k),
                            o.kind(k) == rcusim.machine.decide.OptionKind.DRAIN ? o.drainLocation(k) : o.arg(k));
                }
                int first = -1;
                for (int k = node.allowed.nextSetBit(0); k >= 0; k = node.allowed.nextSetBit(k + 1)) {
                    if (!node.asleep(k)) {
                        first = k;
                        break;
                    }
                }
                if (first < 0) {
                    for (int k = 0; k < o.size(); k++) {
                        // asleep, not merely beyond the bound: only those were explored elsewhere
                        if (o.kind(k) == rcusim.machine.decide.OptionKind.STEP && node.asleep(k)) {
                            asleepSteps.set(o.cpu(k));
                        }
                    }
                    node.chosen = -1;
                    path.remove(path.size() - 1);
                    depth--;
                    if (node.allowed.cardinality() < o.size() && !allAsleep(node)) {
                        cut = true; // the bound left nothing awake to take
                    }
                    throw new SleepBlocked();
                }
                node.chosen = first;
                node.backtrack.set(first);
                deciding = d;
                return first;
            }

            private boolean allAsleep(Node node) {
                for (int k = 0; k < node.size; k++) {
                    if (!node.asleep(k)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void stepped(StepFootprint s) {
                int node = deciding;
                deciding = -1;
                addEvent(s, node);
                Footprint f = evFoot[events];
                events++;
                if (node >= 0) {
                    Node n = path.get(node);
                    n.explored[n.chosen] = f.union(n.explored[n.chosen]);
                    // entering the subtree of n's choice: its explored siblings sleep too
                    List<Sleeper> next = new ArrayList<>();
                    for (Sleeper z : n.sleep) {
                        if (!z.foot().dependent(f)) {
                            next.add(z);
                        }
                    }
                    for (int k = n.done.nextSetBit(0); k >= 0; k = n.done.nextSetBit(k + 1)) {
                        if (k != n.chosen && n.explored[k] != null && !n.explored[k].dependent(f)) {
                            next.add(new Sleeper(n.ids[k], n.explored[k]));
                        }
                    }
                    carry = next;
                } else if (!carry.isEmpty()) {
                    List<Sleeper> next = new ArrayList<>();
                    for (Sleeper z : carry) {
                        if (!z.foot().dependent(f)) {
                            next.add(z);
                        }
                    }
                    carry = next;
                }
            }

            @Override
            public void pending(StepFootprint s) {
                if (asleepSteps.get(s.cpu())) {
                    // asleep: the step was explored from an equivalent state before, and its
                    // races with what came before were found there
                    return;
                }
                addEvent(s, -1);
                pending++;
            }
        }
    }
}
