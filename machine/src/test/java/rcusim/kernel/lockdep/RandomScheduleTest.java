package rcusim.kernel.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;

/**
 * Seeded random lock sequences: lockdep must report a cycle exactly when a brute-force closure
 * of every held-before pair says one became possible, and must print the same text every time.
 */
class RandomScheduleTest {
    private static final int CLASSES = 7;
    private static final int CONTEXTS = 3;

    /** The outcome of one seeded run: the step and report of the first failure, or "none". */
    private static String run(long seed, boolean checkOracle) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Lockdep ld = new Lockdep();
        LockClass[] cls = new LockClass[CLASSES];
        Object[] inst = new Object[CLASSES];
        for (int i = 0; i < CLASSES; i++) {
            cls[i] = ld.lockClass("L" + i);
            inst[i] = new Fixture.Lock("l" + i);
        }
        List<HeldLocks> ctx = new ArrayList<>();
        for (int i = 0; i < CONTEXTS; i++) {
            ctx.add(new HeldLocks("t" + i + "/" + (i + 1)));
        }
        // The oracle: every pair (held, taken) ever seen, closed transitively on demand.
        boolean[][] edge = new boolean[CLASSES][CLASSES];
        for (int step = 0; step < 400; step++) {
            HeldLocks h = ctx.get(rnd.nextInt(CONTEXTS));
            if (h.depth() > 0 && rnd.nextInt(3) == 0) {
                HeldLock victim = h.locks().get(rnd.nextInt(h.depth()));
                ld.release(h, victim.instance(), "s" + step);
                continue;
            }
            int c = rnd.nextInt(CLASSES);
            if (h.holds(inst[c])) {
                continue;
            }
            boolean trylock = rnd.nextInt(4) == 0;
            boolean cycle = false;
            if (!trylock) {
                for (HeldLock held : h.locks()) {
                    cycle |= reaches(edge, c, held.cls().id());
                }
            }
            try {
                ld.acquire(h, cls[c], inst[c], false, trylock, IrqState.PROCESS, "s" + step);
            } catch (SimFailure f) {
                if (checkOracle) {
                    assertTrue(cycle, "seed " + seed + " step " + step + ": lockdep reported, the oracle saw no cycle\n"
                            + f.getMessage());
                    assertTrue(f.getMessage().startsWith("WARNING: possible circular locking dependency detected\n"));
                }
                return "step " + step + "\n" + f.getMessage();
            }
            if (checkOracle) {
                assertTrue(!cycle, "seed " + seed + " step " + step + ": the oracle saw a cycle, lockdep did not");
            }
            if (!trylock) {
                for (HeldLock held : h.locks()) {
                    if (held.cls() != cls[c]) {
                        edge[held.cls().id()][c] = true;
                    }
                }
            }
        }
        return "none";
    }

    private static boolean reaches(boolean[][] edge, int from, int to) {
        boolean[] seen = new boolean[CLASSES];
        List<Integer> work = new ArrayList<>(List.of(from));
        seen[from] = true;
        while (!work.isEmpty()) {
            int x = work.remove(work.size() - 1);
            if (x == to) {
                return true;
            }
            for (int y = 0; y < CLASSES; y++) {
                if (edge[x][y] && !seen[y]) {
                    seen[y] = true;
                    work.add(y);
                }
            }
        }
        return false;
    }

    @Test
    void cyclesAreReportedExactlyWhenTheyBecomePossible() {
        int reported = 0;
        for (long seed = 1; seed <= 200; seed++) {
            if (!run(seed, true).equals("none")) {
                reported++;
            }
        }
        // Most random orders of seven locks go wrong sooner or later; some must not.
        assertTrue(reported > 50, "reports: " + reported);
    }

    @Test
    void theSameSequenceGivesTheSameReport() {
        for (long seed = 1; seed <= 30; seed++) {
            assertEquals(run(seed, false), run(seed, false), "seed " + seed);
        }
    }

    @Test
    void knownDependenciesDoNotAllocate() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        Lockdep ld = new Lockdep();
        LockClass a = ld.lockClass("A");
        LockClass b = ld.lockClass("B");
        LockClass c = ld.lockClass("C");
        Object la = new Object();
        Object lb = new Object();
        Object lc = new Object();
        HeldLocks h = new HeldLocks("t/1");
        Runnable round = () -> {
            ld.acquire(h, a, la, false, false, IrqState.PROCESS, "a");
            ld.acquire(h, b, lb, false, false, IrqState.PROCESS, "b");
            ld.acquire(h, c, lc, true, false, IrqState.PROCESS, "c");
            ld.release(h, lc, "c");
            ld.release(h, la, "a");
            ld.release(h, lb, "b");
        };
        for (int i = 0; i < 20_000; i++) {
            round.run();
        }
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            round.run();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // Six lock operations a round: one object per operation would be megabytes.
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes");
        assertEquals(2, ld.dependencyCount());
    }
}
