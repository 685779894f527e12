package rcusim.kernel;

import rcusim.kernel.lockdep.HeldLocks;
import rcusim.kernel.lockdep.IrqState;
import rcusim.kernel.lockdep.LockClass;
import rcusim.kernel.lockdep.Lockdep;

/**
 * Connects the machine's contexts to lockdep: each task has one held-lock stack (shared by
 * the scheduler context that preempts it), each hardirq context its own (lockdep keeps
 * dependencies within one irq context), and the irq state comes from the CPU.
 */
final class LockdepGlue {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final KernelEnvironment m;
    final Lockdep lockdep = new Lockdep();

    LockdepGlue(KernelEnvironment m) {
        this.m = m;
    }

    HeldLocks held(KernelContext x) {
        if (x.kind == ContextKind.HARDIRQ) {
            if (x.heldLocks == null) {
                x.heldLocks = new HeldLocks(x.name + " on CPU " + x.cpu().id);
            }
            return x.heldLocks;
        }
        Task t = x.task;
        if (t.heldLocks == null) {
            t.heldLocks = new HeldLocks(t.comm + "/" + t.pid);
        }
        return t.heldLocks;
    }

    private static IrqState irqState(PerCpu c) {
        return IrqState.of(c.inHardirq(), c.inServingSoftirq(), !c.hw.irqsDisabled,
                (c.preemptCount & PreemptCount.SOFTIRQ_MASK) == 0);
    }

    /** The lock's class, looked up once and kept in the lock. */
    private LockClass classOf(Object lock) {
        if (lock instanceof RawSpinlock l) {
            if (l.lockdepClass == null) {
                l.lockdepClass = lockdep.lockClass(l.className);
            }
            return (LockClass) l.lockdepClass;
        }
        if (lock instanceof Mutex mx) {
            if (mx.lockdepClass == null) {
                mx.lockdepClass = lockdep.lockClass(mx.className);
            }
            return (LockClass) mx.lockdepClass;
        }
        return lockdep.lockClass(lock.toString());
    }

    /** The kernel environment's own classes: a lock site is the first frame outside them. */
    private static final java.util.List<String> OWN = java.util.List.of(
            "rcusim.kernel.Kernel", "rcusim.kernel.LockdepGlue", "rcusim.kernel.Mutex", "rcusim.kernel.WaitQueue",
            "rcusim.kernel.Completion", "rcusim.kernel.Hotplug", "rcusim.kernel.Irqs", "rcusim.kernel.Timers",
            "rcusim.kernel.ContextTracking", "rcusim.kernel.KernelEnvironment", "rcusim.kernel.RawSpinlock",
            "rcusim.kernel.Spinlocks", "rcusim.kernel.PreemptIrq", "rcusim.kernel.CoreSched", "rcusim.kernel.TimerApi",
            "rcusim.kernel.DebugChecks", "rcusim.kernel.seqlock.Seqcount", "rcusim.kernel.seqlock.SeqlockOps",
            "rcusim.machine.Machine", "rcusim.machine.Instructions");

    /** Classes of simulated code that wrap lock operations (lockdepWrapper()). */
    private final java.util.List<String> wrappers = new java.util.ArrayList<>();

    void addWrapper(String className) {
        if (!wrappers.contains(className)) {
            wrappers.add(className);
        }
    }

    /** Whether {@link #site()} walks the stack; see {@link KernelEnvironment#skipRecording()}. */
    boolean sites = true;

    /** The first frame of simulated code that is not the kernel environment's: where the lock was taken. */
    String site() {
        if (!sites) {
            return "(site not recorded)";
        }
        return WALKER.walk(frames -> frames
                .filter(f -> !OWN.contains(f.getClassName()) && !wrappers.contains(f.getClassName()))
                .findFirst()
                .map(f -> f.getMethodName() + " (" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .orElse("?"));
    }

    void acquire(KernelContext x, Object lock, boolean read) {
        if (!lockdep.enabled()) {
            return;
        }
        lockdep.acquire(held(x), classOf(lock), lock, read, false, irqState(m.cpus[x.cpu().id]), site());
    }

    void acquireTry(KernelContext x, Object lock) {
        if (!lockdep.enabled()) {
            return;
        }
        lockdep.acquire(held(x), classOf(lock), lock, false, true, irqState(m.cpus[x.cpu().id]), site());
    }

    void release(KernelContext x, Object lock) {
        if (!lockdep.enabled()) {
            return;
        }
        lockdep.release(held(x), classOf(lock), lock, site());
    }

    void hardirqsOn(KernelContext x) {
        if (lockdep.enabled() && !held(x).isEmpty()) {
            lockdep.hardirqsOn(held(x), irqState(m.cpus[x.cpu().id]), site());
        }
    }

    void softirqsOn(KernelContext x) {
        if (lockdep.enabled() && !held(x).isEmpty()) {
            lockdep.softirqsOn(held(x), irqState(m.cpus[x.cpu().id]), site());
        }
    }

    void assertHeld(KernelContext x, Object lock) {
        lockdep.assertHeld(held(x), lock, lock.toString());
    }

    void assertNoneHeld(KernelContext x) {
        lockdep.assertNoneHeldOnce(held(x));
    }

    boolean holds(KernelContext x, Object lock) {
        return held(x).holds(lock);
    }

    /** The names of the locks x holds, innermost last: "[a, b]". */
    String heldNames(KernelContext x) {
        return held(x).toString();
    }

    String heldLocksReport(KernelContext x) {
        HeldLocks h = held(x);
        return h.isEmpty() ? "" : "\n" + lockdep.heldLocksReport(h);
    }

    /** A hardirq must not return holding locks. */
    void checkNoneHeld(KernelContext x) {
        if (lockdep.enabled() && !held(x).isEmpty()) {
            lockdep.debugCheckNoLocksHeld(held(x), "irq exit");
        }
    }

    /** A task must not exit holding locks. */
    void checkTaskExit(Task t) {
        if (lockdep.enabled() && t.heldLocks != null && !t.heldLocks.isEmpty()) {
            lockdep.debugCheckNoLocksHeld(t.heldLocks, "do_exit");
        }
    }
}
