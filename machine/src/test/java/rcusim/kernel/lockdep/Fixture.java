package rcusim.kernel.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import rcusim.machine.SimFailure;

/** Shared helpers: one Lockdep, named lock objects, and short calls for the common operations. */
final class Fixture {
    /** A lock object; compared by identity, printed by name. */
    record Lock(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    final Lockdep ld;

    Fixture() {
        this(new Lockdep());
    }

    Fixture(Lockdep ld) {
        this.ld = ld;
    }

    LockClass cls(String name) {
        return ld.lockClass(name);
    }

    void lock(HeldLocks h, LockClass c, Object inst, IrqState irq, String site) {
        ld.acquire(h, c, inst, false, false, irq, site);
    }

    void lock(HeldLocks h, LockClass c, Object inst, String site) {
        lock(h, c, inst, IrqState.PROCESS, site);
    }

    void readLock(HeldLocks h, LockClass c, Object inst, IrqState irq, String site) {
        ld.acquire(h, c, inst, true, false, irq, site);
    }

    void trylock(HeldLocks h, LockClass c, Object inst, IrqState irq, String site) {
        ld.acquire(h, c, inst, false, true, irq, site);
    }

    void unlock(HeldLocks h, Object inst, String site) {
        ld.release(h, inst, site);
    }

    /** Runs the call, expects a LOCKDEP failure, returns its report. */
    static String report(Executable call) {
        SimFailure f = assertThrows(SimFailure.class, call);
        assertEquals(SimFailure.Kind.LOCKDEP, f.kind());
        return f.getMessage();
    }
}
