package rcusim.scenarios.builtin;

import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.kernel.RawSpinlock;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.sched.RandomDecider;

/**
 * Whether this build has the real lockdep. The lockdep of rcusim.kernel.lockdep is being
 * merged; until then it is a stub that reports nothing, and the tests that expect lockdep's
 * reports assume the real one through {@link #merged()} (they are skipped with the stub). The
 * probe is the smallest inversion there is: one task takes probe_A then probe_B, later probe_B
 * then probe_A; any lockdep reports it.
 */
public final class RealLockdep {
    private static final boolean MERGED = probe();

    private RealLockdep() {
    }

    public static boolean merged() {
        return MERGED;
    }

    public static final String STUB = "lockdep in this tree is the stub that reports nothing (an AB-BA in one task"
            + " went unreported); this test needs the real lockdep, which is being merged";

    private static boolean probe() {
        Simulation m = new Simulation(MachineConfig.of(1, MemoryModel.SC).withKernel(KernelConfig.kernel()),
                StrandFactory.best(), false);
        RawSpinlock a = RawSpinlock.create(m.kernel(), "a", "probe_A");
        RawSpinlock b = RawSpinlock.create(m.kernel(), "b", "probe_B");
        m.spawn(0, "probe", k -> {
            k.rawSpinLock(a);
            k.rawSpinLock(b);
            k.rawSpinUnlock(b);
            k.rawSpinUnlock(a);
            k.rawSpinLock(b);
            k.rawSpinLock(a);
            k.rawSpinUnlock(a);
            k.rawSpinUnlock(b);
        });
        RunResult r = m.run(new RandomDecider(1));
        return !r.passed() && r.failure().kind() == SimFailure.Kind.LOCKDEP;
    }
}
