package rcusim.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemoryModel;

/**
 * A small concurrent program of a classic litmus shape, written against the kernel API, and
 * the set of outcomes exhaustive enumeration finds for it. Outcomes read like herd7's:
 * "0:r0=1 1:r0=0 x=2" (registers per thread, then the final values of the named locations).
 */
final class Shape {
    /** One thread's code: x holds the locations' addresses, r the thread's registers. */
    interface Body {
        void run(Kernel k, long[] x, long[] r);
    }

    private final String name;
    private final int locations;
    private final String[] finals;
    private final List<Body> threads = new ArrayList<>();
    private final List<Integer> registerCounts = new ArrayList<>();
    private final long[] pointerInit;

    private Shape(String name, int locations, String[] finals, long[] pointerInit) {
        this.name = name;
        this.locations = locations;
        this.finals = finals;
        this.pointerInit = pointerInit;
    }

    /** A shape on locations x, y, z, ... (indices 0, 1, 2); finals names locations whose final value counts. */
    static Shape of(String name, int locations, String... finals) {
        return new Shape(name, locations, finals, null);
    }

    /** As {@link #of}, but location i initially points at location pointerInit[i] (or holds 0 if -1). */
    static Shape withPointers(String name, long[] pointerInit) {
        return new Shape(name, pointerInit.length, new String[0], pointerInit);
    }

    Shape thread(int registers, Body body) {
        threads.add(body);
        registerCounts.add(registers);
        return this;
    }

    String name() {
        return name;
    }

    Set<String> outcomes(MemoryModel model) {
        Set<String> out = new TreeSet<>();
        ExhaustiveExplorer.Summary s = new ExhaustiveExplorer(2_000_000).explore(decider -> {
            Simulation m = new Simulation(MachineConfig.of(threads.size(), model));
            Kernel k = m.kernel();
            long[] x = new long[locations];
            for (int i = 0; i < locations; i++) {
                x[i] = k.alloc(1);
            }
            if (pointerInit != null) {
                for (int i = 0; i < locations; i++) {
                    if (pointerInit[i] >= 0) {
                        m.memory().setInitial(Address.locationOf(x[i]), x[(int) pointerInit[i]]);
                    }
                }
            }
            long[][] regs = new long[threads.size()][];
            for (int t = 0; t < threads.size(); t++) {
                long[] r = new long[registerCounts.get(t)];
                regs[t] = r;
                Body b = threads.get(t);
                m.spawn(t, "P" + t, kk -> b.run(kk, x, r));
            }
            RunResult result = m.run(decider);
            if (!result.passed()) {
                throw new AssertionError(name + ": run failed: " + result.failure().getMessage());
            }
            StringBuilder o = new StringBuilder();
            for (int t = 0; t < regs.length; t++) {
                for (int i = 0; i < regs[t].length; i++) {
                    o.append(t).append(":r").append(i).append('=').append(show(regs[t][i], x)).append(' ');
                }
            }
            for (String f : finals) {
                int i = f.charAt(0) - 'x';
                o.append(f).append('=').append(m.memory().latestValue(Address.locationOf(x[i]))).append(' ');
            }
            out.add(o.toString().trim());
            return result;
        });
        if (!s.complete()) {
            throw new AssertionError(name + ": exploration did not complete");
        }
        return out;
    }

    private static String show(long v, long[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == v) {
                return String.valueOf((char) ('x' + i));
            }
        }
        return String.valueOf(v);
    }
}
