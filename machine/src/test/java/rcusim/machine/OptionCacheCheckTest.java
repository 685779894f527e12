package rcusim.machine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Simulation;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/**
 * The per-step check of test builds catches a wrong option cache: with CPUs spinning on a lock
 * that another CPU releases, a cache that does not look at the spinners again each step
 * offers a stale "cannot step", and the check says so.
 */
class OptionCacheCheckTest {

    private static Simulation contended() {
        Simulation m = new Simulation(MachineConfig.of(3, MemoryModel.WEAK).withKernel(KernelConfig.kernel()),
                StrandFactory.best(), false);
        RawSpinlock lock = RawSpinlock.create(m.kernel(), "lock");
        long x = m.kernel().alloc(1);
        for (int cpu = 0; cpu < 3; cpu++) {
            m.spawn(cpu, "locker" + cpu, k -> {
                for (int i = 0; i < 30; i++) {
                    k.rawSpinLock(lock);
                    k.writeOnce(x, k.readOnce(x) + 1);
                    k.rawSpinUnlock(lock);
                }
            });
        }
        return m;
    }

    private static RunResult run(Simulation m) {
        SplittableRandom r = new SplittableRandom(3);
        return m.run(o -> r.nextInt(o.size()));
    }

    @Test
    void theCheckPassesTheRealCacheAndCatchesABrokenOne() {
        assertTrue(Machine.CHECK_DORMANT, "test builds check the cache at every step");
        RunResult ok = run(contended());
        assertTrue(ok.passed(), ok::describe);
        Simulation broken = contended();
        broken.machine().breakOptionCacheForTest();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(broken));
        assertTrue(e.getMessage().contains("a missing CpuOffers.changed()"), e.getMessage());
    }
}
