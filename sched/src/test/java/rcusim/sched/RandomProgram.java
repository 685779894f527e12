package rcusim.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.Ordering;

/**
 * A small random program of marked accesses, barriers, atomics and spinlock sections, one
 * body per CPU, generated from a seed alone: the same seed always gives the same program.
 * Every value a CPU writes is distinct ({@code cpu * 1000 + op + 1}), so a trace says which
 * store a load read.
 *
 * <p>Memory layout: {@code locations} data locations followed by one lock location and one
 * spare location that only the mutated program ({@link #withExtraWriteOnCpu0()}) touches, so
 * both variants allocate the same addresses.
 */
final class RandomProgram {
    /** The operations a generated program uses. */
    enum Kind {
        READ_ONCE, WRITE_ONCE, LOAD_ACQUIRE, STORE_RELEASE, MB, RMB, WMB,
        XCHG, CMPXCHG, ATOMIC_INC, LOCKED
    }

    /** One operation; inner holds the accesses of a LOCKED section. */
    record Step(Kind kind, int loc, long value, long expected, Ordering ordering, List<Step> inner) {
        @Override
        public String toString() {
            return switch (kind) {
                case READ_ONCE, LOAD_ACQUIRE, ATOMIC_INC -> kind + "(x" + loc + ")";
                case WRITE_ONCE, STORE_RELEASE -> kind + "(x" + loc + ", " + value + ")";
                case MB, RMB, WMB -> kind.toString();
                case XCHG -> "XCHG_" + ordering + "(x" + loc + ", " + value + ")";
                case CMPXCHG -> "CMPXCHG_" + ordering + "(x" + loc + ", " + expected + ", " + value + ")";
                case LOCKED -> "LOCKED" + inner;
            };
        }
    }

    private static final Kind[] SIMPLE = {
        Kind.READ_ONCE, Kind.WRITE_ONCE, Kind.LOAD_ACQUIRE, Kind.STORE_RELEASE, Kind.MB, Kind.RMB,
        Kind.WMB, Kind.XCHG, Kind.CMPXCHG, Kind.ATOMIC_INC
    };
    private static final Kind[] IN_LOCK = {Kind.READ_ONCE, Kind.WRITE_ONCE, Kind.ATOMIC_INC};

    final long seed;
    final int cpus;
    final int locations;
    final List<List<Step>> bodies;
    private final boolean extraWrite;

    private RandomProgram(long seed, int cpus, int locations, List<List<Step>> bodies, boolean extraWrite) {
        this.seed = seed;
        this.cpus = cpus;
        this.locations = locations;
        this.bodies = bodies;
        this.extraWrite = extraWrite;
    }

    /** 2-4 CPUs, 2-4 locations, 3-10 operations per CPU. */
    static RandomProgram generate(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int cpus = 2 + rnd.nextInt(3);
        int locations = 2 + rnd.nextInt(3);
        List<List<Step>> bodies = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            int n = 3 + rnd.nextInt(8);
            List<Step> body = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long value = c * 1000L + i + 1;
                if (rnd.nextInt(8) == 0) {
                    List<Step> inner = new ArrayList<>();
                    int m = 1 + rnd.nextInt(2);
                    for (int j = 0; j < m; j++) {
                        inner.add(simple(rnd, IN_LOCK[rnd.nextInt(IN_LOCK.length)], locations, value + 100L * (j + 1)));
                    }
                    body.add(new Step(Kind.LOCKED, -1, 0, 0, null, List.copyOf(inner)));
                } else {
                    body.add(simple(rnd, SIMPLE[rnd.nextInt(SIMPLE.length)], locations, value));
                }
            }
            bodies.add(List.copyOf(body));
        }
        return new RandomProgram(seed, cpus, locations, List.copyOf(bodies), false);
    }

    private static Step simple(SplittableRandom rnd, Kind kind, int locations, long value) {
        int loc = rnd.nextInt(locations);
        Ordering[] orderings = Ordering.values();
        return switch (kind) {
            case MB, RMB, WMB -> new Step(kind, -1, 0, 0, null, List.of());
            case XCHG -> new Step(kind, loc, value, 0, orderings[rnd.nextInt(orderings.length)], List.of());
            // expect 0 (the initial value) half of the time, so some cmpxchgs succeed
            case CMPXCHG -> new Step(kind, loc, value, rnd.nextBoolean() ? 0 : rnd.nextInt(4),
                    orderings[rnd.nextInt(orderings.length)], List.of());
            default -> new Step(kind, loc, value, 0, null, List.of());
        };
    }

    /** The same program with one extra WRITE_ONCE (to the spare location) at the start of CPU 0. */
    RandomProgram withExtraWriteOnCpu0() {
        return new RandomProgram(seed, cpus, locations, bodies, true);
    }

    /** Allocates the program's memory on m and spawns one body per CPU. */
    void load(Simulation m) {
        long base = m.kernel().alloc(locations + 2);
        long lock = base + locations;
        long spare = lock + 1;
        for (int c = 0; c < cpus; c++) {
            List<Step> body = bodies.get(c);
            boolean extra = extraWrite && c == 0;
            m.spawn(c, "P" + c, k -> {
                if (extra) {
                    k.writeOnce(spare, 42);
                }
                for (Step s : body) {
                    execute(k, s, base, lock);
                }
            });
        }
    }

    private static void execute(Kernel k, Step s, long base, long lock) {
        long x = base + s.loc();
        switch (s.kind()) {
            case READ_ONCE -> k.readOnce(x);
            case WRITE_ONCE -> k.writeOnce(x, s.value());
            case LOAD_ACQUIRE -> k.smpLoadAcquire(x);
            case STORE_RELEASE -> k.smpStoreRelease(x, s.value());
            case MB -> k.smpMb();
            case RMB -> k.smpRmb();
            case WMB -> k.smpWmb();
            case XCHG -> k.xchg(x, s.value(), s.ordering());
            case CMPXCHG -> k.cmpxchg(x, s.expected(), s.value(), s.ordering());
            case ATOMIC_INC -> k.atomicInc(x);
            case LOCKED -> {
                k.spinLock(lock);
                for (Step t : s.inner()) {
                    execute(k, t, base, lock);
                }
                k.spinUnlock(lock);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("seed " + seed + ": " + cpus + " CPUs, " + locations + " locations");
        for (int c = 0; c < cpus; c++) {
            sb.append("\n  P").append(c).append(": ").append(bodies.get(c));
        }
        return sb.toString();
    }
}
