package rcusim.kernel.kcsan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.AccessKind;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/** The detector's rules, each on a two-task program run under several seeds. */
class KcsanTest {
    private static final int SEEDS = 8;

    private static Simulation machine() {
        return new Simulation(MachineConfig.of(2, MemoryModel.WEAK).withKernel(KernelConfig.kernel()).withStepLimit(200_000),
                StrandFactory.best(), false);
    }

    /** The first failure of the program over SEEDS seeds with the detector on, or null when every run passes. */
    private static SimFailure race(KcsanOptions o, Consumer<Kernel> cpu0, Consumer<Kernel> cpu1, long[] shared) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            Simulation m = machine();
            Kcsan.install(m, o);
            long x = m.kernel().alloc(4);
            shared[0] = x;
            m.spawn(0, "t0", cpu0);
            m.spawn(1, "t1", cpu1);
            SplittableRandom r = new SplittableRandom(seed);
            RunResult res = m.run(opts -> r.nextInt(opts.size()));
            if (!res.passed()) {
                return res.failure();
            }
        }
        return null;
    }

    @Test
    void aPlainWriteRacingWithAMarkedReadCountsUnlessPlainWritesAreAtomic() {
        long[] x = new long[1];
        SimFailure strict = race(KcsanOptions.STRICT, k -> k.plainWrite(x[0], 1), k -> k.readOnce(x[0]), x);
        assertEquals(SimFailure.Kind.DATA_RACE, strict.kind());
        assertTrue(strict.getMessage().startsWith("BUG: KCSAN: data-race in [READ_ONCE] / aPlainWriteRacing"), strict.getMessage());
        assertNull(race(new KcsanOptions(false, true), k -> k.plainWrite(x[0], 1), k -> k.readOnce(x[0]), x));
        // a plain read still races with it
        SimFailure plainRead = race(new KcsanOptions(false, true), k -> k.plainWrite(x[0], 1), k -> k.plainRead(x[0]), x);
        assertEquals(SimFailure.Kind.DATA_RACE, plainRead.kind());
    }

    @Test
    void twoMarkedAccessesNeverRace() {
        long[] x = new long[1];
        assertNull(race(KcsanOptions.STRICT, k -> k.writeOnce(x[0], 1), k -> k.writeOnce(x[0], 2), x));
    }

    @Test
    void valueChangeOnlyIgnoresAWriteOfTheValueThere() {
        long[] x = new long[1];
        assertEquals(SimFailure.Kind.DATA_RACE,
                race(KcsanOptions.STRICT, k -> k.plainWrite(x[0], 0), k -> k.plainRead(x[0]), x).kind());
        assertNull(race(new KcsanOptions(true, false), k -> k.plainWrite(x[0], 0), k -> k.plainRead(x[0]), x));
    }

    @Test
    void dataRaceMarksAnAccessForTheDetector() {
        long[] x = new long[1];
        assertNull(race(KcsanOptions.STRICT, k -> k.plainWrite(x[0], 1), k -> k.dataRace(() -> k.plainRead(x[0])), x));
    }

    @Test
    void releaseAcquireAndWmbRmbOrderPlainData() {
        long[] x = new long[1];
        // plain data, a flag: release/acquire, then wmb/rmb with marked flag accesses
        assertNull(race(KcsanOptions.STRICT, k -> {
            k.plainWrite(x[0], 1);
            k.smpStoreRelease(x[0] + 1, 1);
        }, k -> {
            if (k.smpLoadAcquire(x[0] + 1) == 1) {
                k.plainRead(x[0]);
            }
        }, x));
        assertNull(race(KcsanOptions.STRICT, k -> {
            k.plainWrite(x[0], 1);
            k.smpWmb();
            k.writeOnce(x[0] + 1, 1);
        }, k -> {
            if (k.readOnce(x[0] + 1) == 1) {
                k.smpRmb();
                k.plainRead(x[0]);
            }
        }, x));
        // without the reader's rmb the plain read races (LKMM: nothing orders it after the flag)
        SimFailure noRmb = race(KcsanOptions.STRICT, k -> {
            k.plainWrite(x[0], 1);
            k.smpWmb();
            k.writeOnce(x[0] + 1, 1);
        }, k -> {
            k.smpCondLoadRelaxed(x[0] + 1, v -> v == 1);
            k.plainRead(x[0]);
        }, x);
        assertEquals(SimFailure.Kind.DATA_RACE, noRmb.kind());
    }

    @Test
    void aSeqcountSectionThatRetriesReportsNothingOneThatSucceedsDoes() {
        long[] x = new long[1];
        Consumer<Kernel> writer = k -> k.plainWrite(x[0], 1);
        assertNull(race(KcsanOptions.STRICT, writer, k -> {
            k.kcsanSeqReadBegin();
            k.plainRead(x[0]);
            k.kcsanSeqReadEnd(true);
        }, x));
        SimFailure kept = race(KcsanOptions.STRICT, writer, k -> {
            k.kcsanSeqReadBegin();
            k.plainRead(x[0]);
            k.kcsanSeqReadEnd(false);
        }, x);
        assertEquals(SimFailure.Kind.DATA_RACE, kept.kind());
    }

    @Test
    void theTitleNamesBothSitesSortedWhicheverCameFirst() {
        List<String> titles = new ArrayList<>();
        for (long seed = 1; seed <= 30; seed++) {
            Simulation m = machine();
            Kcsan.install(m, KcsanOptions.STRICT);
            long x = m.kernel().alloc(1);
            m.spawn(0, "t0", k -> zeta(k, x));
            m.spawn(1, "t1", k -> alpha(k, x));
            SplittableRandom r = new SplittableRandom(seed);
            RunResult res = m.run(o -> r.nextInt(o.size()));
            titles.add(res.failure().getMessage().lines().findFirst().orElseThrow());
        }
        assertEquals(List.of("BUG: KCSAN: data-race in alpha / zeta"), titles.stream().distinct().toList());
    }

    private static void zeta(Kernel k, long x) {
        k.plainWrite(x, 1);
    }

    private static void alpha(Kernel k, long x) {
        k.plainWrite(x, 2);
    }

    @Test
    void theMachineRecordsEveryAccessForAListenerAndNoneWithoutOne() {
        Simulation m = machine();
        assertNull(m.machine().accessListener());
        List<String> seen = new ArrayList<>();
        m.machine().setAccessListener((ctx, cpu, kind, loc, value, old, ordering) -> {
            if (kind != AccessKind.LOCK && kind != AccessKind.UNLOCK) {
                seen.add(ctx + " " + kind + (loc >= 0 ? " " + value : "") + (ordering == null ? "" : " " + ordering));
            }
        });
        long x = m.kernel().alloc(1);
        m.spawn(0, "only", k -> {
            k.plainWrite(x, 5);
            k.plainRead(x);
            k.writeOnce(x, 6);
            k.smpMb();
            k.atomicAddReturn(x, 1);
            k.cmpxchg(x, 0, 9);
        });
        assertTrue(m.run(o -> 0).passed());
        assertEquals(List.of("only PLAIN_WRITE 5", "only PLAIN_READ 5", "only WRITE 6", "only MB", "only RMW 7 FULL",
                "only RMW_FAILED 7 FULL"), seen);
    }
}
