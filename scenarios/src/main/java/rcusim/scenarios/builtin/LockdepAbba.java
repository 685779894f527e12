package rcusim.scenarios.builtin;

import rcusim.kernel.Kernel;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.kernel.RawSpinlock;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.Scenario;

/**
 * The AB-BA lock order that lockdep exists to catch. CPU 0 takes lock_A then lock_B; CPU 1,
 * only after CPU 0 has let go of both, takes lock_B then lock_A. The runs never deadlock (the
 * two critical sections never overlap), which is the point: lockdep reports the inverted order
 * from the lock classes alone, on the first run, without the unlucky schedule that would hang
 * a real machine.
 */
final class LockdepAbba implements Scenario {
    @Override
    public String name() {
        return "lockdep-abba";
    }

    @Override
    public String description() {
        return "CPU 0 takes lock_A then lock_B, later CPU 1 takes lock_B then lock_A;"
                + " never deadlocks, yet lockdep reports the circular dependency (exit 1)";
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(2, MemoryModel.WEAK).withKernel(KernelConfig.kernel());
    }

    @Override
    public void load(Simulation m, long seed) {
        Kernel k0 = m.kernel();
        RawSpinlock a = RawSpinlock.create(k0, "a", "lock_A");
        RawSpinlock b = RawSpinlock.create(k0, "b", "lock_B");
        long data = k0.alloc(2);
        long firstDone = k0.alloc(1);
        m.spawn(0, "ab", k -> {
            lockBoth(k, a, b, data);
            k.smpStoreRelease(firstDone, 1);
        });
        m.spawn(1, "ba", k -> {
            // Wait until "ab" is out of both locks, so that this run cannot deadlock.
            k.smpCondLoadAcquire(firstDone, v -> v == 1);
            lockBoth(k, b, a, data);
        });
    }

    /** Takes outer then inner, updates both words under them, releases in reverse order. */
    private static void lockBoth(Kernel k, RawSpinlock outer, RawSpinlock inner, long data) {
        k.rawSpinLock(outer);
        k.rawSpinLock(inner);
        k.writeOnce(data, k.readOnce(data) + 1);
        k.writeOnce(data + 1, k.readOnce(data + 1) + 1);
        k.rawSpinUnlock(inner);
        k.rawSpinUnlock(outer);
    }
}
