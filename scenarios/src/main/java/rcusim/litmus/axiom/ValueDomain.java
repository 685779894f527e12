package rcusim.litmus.axiom;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import rcusim.litmus.exec.Insn;
import rcusim.litmus.exec.LitmusProgram;

/**
 * The values each location may hold, computed by fixpoint: the initial values, then whatever
 * the threads write when their reads return values already in the domain, until nothing new
 * appears. A value of a real execution is written by a chain of at most as many writes as the
 * program has, so the rounds are bounded by that count (counters that could grow forever stop
 * there). Each thread's runs over the final domain are kept.
 */
final class ValueDomain {
    /** More values than this at one location: the test is too large for the engine. */
    static final int MAX_VALUES = 64;

    private final List<TreeSet<Long>> values = new ArrayList<>();
    private long[][] frozen;

    private ValueDomain(long[] init) {
        for (long v : init) {
            TreeSet<Long> s = new TreeSet<>();
            s.add(v);
            values.add(s);
        }
        freeze();
    }

    long[] values(int loc) {
        return frozen[loc];
    }

    private void freeze() {
        frozen = new long[values.size()][];
        for (int l = 0; l < frozen.length; l++) {
            frozen[l] = values.get(l).stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** The result: the domain and every thread's runs over it. */
    record Fixpoint(ValueDomain domain, List<List<ThreadRun>> runs) {
    }

    static Fixpoint compute(LitmusProgram program, long maxRuns) {
        int locations = program.locations().size();
        ValueDomain d = new ValueDomain(program.locationInit());
        int writes = 0;
        for (LitmusProgram.Process p : program.processes()) {
            for (Insn i : p.code()) {
                if (i instanceof Insn.Store || i instanceof Insn.Rmw) {
                    writes++;
                }
            }
        }
        List<List<ThreadRun>> runs = null;
        for (int round = 0; round <= writes + 1; round++) {
            runs = new ArrayList<>();
            boolean changed = false;
            for (LitmusProgram.Process p : program.processes()) {
                List<ThreadRun> rs = new ThreadEnumerator(p, d, locations, maxRuns).enumerate();
                runs.add(rs);
                for (ThreadRun r : rs) {
                    for (Ev e : r.events()) {
                        if (e.write() && !e.is(Tag.LOCK_EVENTS)) {
                            changed |= d.values.get(e.loc()).add(e.value());
                            if (d.values.get(e.loc()).size() > MAX_VALUES) {
                                throw new ThreadEnumerator.TooLarge("more than " + MAX_VALUES
                                        + " values at location " + program.locations().get(e.loc()));
                            }
                        }
                    }
                }
            }
            if (!changed) {
                return new Fixpoint(d, runs);
            }
            d.freeze();
        }
        // Bounded: values beyond the chain length cannot occur; the last runs used the last domain.
        List<List<ThreadRun>> last = new ArrayList<>();
        for (LitmusProgram.Process p : program.processes()) {
            last.add(new ThreadEnumerator(p, d, locations, maxRuns).enumerate());
        }
        return new Fixpoint(d, last);
    }
}
