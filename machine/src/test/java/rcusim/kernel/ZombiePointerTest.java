package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.AllocReuse;
import rcusim.machine.memory.MemoryModel;

/**
 * Zombie pointers: CPU 0 ("holder") loads a pointer to A from head, then waits; CPU 1
 * ("recycler") frees A, allocates a block of the same size (A's address again under LIFO
 * reuse), publishes it in head and lets the holder go on. What the holder then does with its
 * old pointer decides the verdict.
 */
class ZombiePointerTest {
    /** The lowest-numbered CPU that can step runs; stores drain only when nothing can step. */
    private static final Decider LOWEST_CPU_FIRST = o -> {
        for (int i = 0; i < o.size(); i++) {
            if (o.kind(i) == OptionKind.STEP) {
                return i;
            }
        }
        return 0;
    };

    /** What the holder does once the recycler is done, with the pointer it loaded before (p), head and a spare word. */
    interface Then {
        void run(Kernel k, long p, long head, long spare);
    }

    private static RunResult scenario(AllocReuse reuse, boolean realloc, Then then) {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.WEAK));
        Kernel k0 = m.kernel();
        k0.setAllocReuse(reuse);
        long head = k0.alloc(1);
        long spare = k0.alloc(1);
        long loaded = k0.alloc(1);
        long recycled = k0.alloc(1);
        long a = k0.alloc(2, 0);
        m.memory().setInitial(rcusim.machine.memory.Address.locationOf(head), a);
        m.spawn(0, "holder", k -> {
            long p = k.readOnce(head);
            k.smpStoreRelease(loaded, 1);
            k.smpCondLoadAcquire(recycled, v -> v == 1);
            then.run(k, p, head, spare);
        });
        m.spawn(1, "recycler", k -> {
            k.smpCondLoadAcquire(loaded, v -> v == 1);
            long old = k.readOnce(head);
            k.free(old);
            long fresh = realloc ? k.alloc(2, 0) : 0;
            k.writeOnce(head, fresh);
            k.smpStoreRelease(recycled, 1);
        });
        return m.run(LOWEST_CPU_FIRST);
    }

    private static String zombie(RunResult r) {
        assertEquals(SimFailure.Kind.ZOMBIE_POINTER, r.failure() == null ? null : r.failure().kind(), r.describe());
        String report = r.describe();
        assertTrue(report.contains("loaded: READ_ONCE by CPU 0 (holder) at step"), report);
        return report;
    }

    private static void reportsReuse(String report) {
        assertTrue(report.contains(": its object was freed and the address reused\n"), report);
        assertTrue(report.contains("freed: CPU 1 (recycler) at step"), report);
        assertTrue(report.contains("reused: allocated again as generation 1 by CPU 1 (recycler) at step"), report);
    }

    @Test
    void aStaleDereferenceIsReportedWithTheFreeAndTheReuse() {
        String report = zombie(scenario(AllocReuse.LIFO, true, (k, p, head, spare) -> k.readOnce(p + 1)));
        reportsReuse(report);
        assertTrue(report.contains("zombie pointer: READ_ONCE dereferenced a stale pointer to location"), report);
        assertTrue(report.contains("used: READ_ONCE (dereferenced) by CPU 0 (holder) at step"), report);
        assertTrue(report.contains("used at:"), "the use's stack follows: " + report);
    }

    @Test
    void aStaleCompareIsReported() {
        String report = zombie(scenario(AllocReuse.LIFO, true, (k, p, head, spare) -> k.cmpxchg(head, p, 0)));
        reportsReuse(report);
        assertTrue(report.contains("zombie pointer: cmpxchg compared a stale pointer"), report);
        // (not ptrEq(p, READ_ONCE(head)): that load of the same address refreshes what the context knows of it)
        String viaHelper = zombie(scenario(AllocReuse.LIFO, true, (k, p, head, spare) -> k.ptrEq(p, k.readOnce(spare))));
        assertTrue(viaHelper.contains("zombie pointer: ptr_eq compared"), viaHelper);
    }

    @Test
    void aStaleStoreIsReported() {
        String report = zombie(scenario(AllocReuse.LIFO, true, (k, p, head, spare) -> k.writeOnce(spare, p)));
        reportsReuse(report);
        assertTrue(report.contains("zombie pointer: WRITE_ONCE stored a stale pointer"), report);
        assertTrue(report.contains("used: WRITE_ONCE (stored) by CPU 0 (holder)"), report);
    }

    @Test
    void aStaleStoreOfAFreedButNotReusedPointerIsReportedToo() {
        String report = zombie(scenario(AllocReuse.LIFO, false, (k, p, head, spare) -> k.smpStoreRelease(spare, p)));
        assertTrue(report.contains(": its object was freed\n"), report);
        assertTrue(report.contains("freed: CPU 1 (recycler) at step"), report);
        assertTrue(!report.contains("reused:"), report);
    }

    @Test
    void aDereferenceOfFreedMemoryNotReusedIsAUseAfterFreeNamingBoth() {
        RunResult r = scenario(AllocReuse.LIFO, false, (k, p, head, spare) -> k.readOnce(p));
        assertEquals(SimFailure.Kind.USE_AFTER_FREE, r.failure().kind(), r.describe());
        assertTrue(r.describe().contains("used by CPU 0 (holder) at step ")
                && r.describe().contains("; freed by CPU 1 (recycler) at step "), r.describe());
    }

    @Test
    void aFreshReloadOfTheSameAddressIsNotReported() {
        long[] seen = new long[2];
        RunResult r = scenario(AllocReuse.LIFO, true, (k, p, head, spare) -> {
            long q = k.readOnce(head);
            seen[0] = p;
            seen[1] = q;
            k.readOnce(q + 1);
            k.writeOnce(spare, q);
            k.cmpxchg(head, q, q);
            k.ptrEq(q, k.readOnce(spare));
        });
        assertTrue(r.passed(), r.describe());
        assertEquals(seen[0], seen[1], "the new object has the old one's address");
    }

    @Test
    void withoutReuseNothingIsTrackedAndNothingChanges() {
        long[] seen = new long[2];
        RunResult compared = scenario(AllocReuse.NONE, true, (k, p, head, spare) -> {
            seen[0] = p;
            seen[1] = k.readOnce(head);
            k.cmpxchg(head, p, 0);
            k.writeOnce(spare, p);
        });
        assertTrue(compared.passed(), compared.describe());
        assertTrue(seen[0] != seen[1], "a new address");
        RunResult deref = scenario(AllocReuse.NONE, true, (k, p, head, spare) -> k.readOnce(p));
        assertEquals(SimFailure.Kind.USE_AFTER_FREE, deref.failure().kind(), deref.describe());
        assertEquals(deref.steps(), scenario(AllocReuse.LIFO, false, (k, p, head, spare) -> k.readOnce(p)).steps(),
                "the same run, step for step");
    }
}
