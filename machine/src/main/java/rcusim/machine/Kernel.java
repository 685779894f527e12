package rcusim.machine;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemorySystem;

/**
 * The kernel API that simulated code calls: the LKMM primitives of {@code linux-kernel.def}
 * (apart from RCU and SRCU) on simulated memory. Each memory operation, barrier, atomic and
 * lock operation is one machine step and a point where the CPU may be switched out.
 *
 * <p>Orderings follow LKMM: value-returning read-modify-writes are full barriers when they
 * succeed, {@code _acquire} and {@code _release} variants order one side, {@code _relaxed}
 * variants and void atomics order nothing, spinlocks are acquire/release.
 * {@code smp_mb__before_atomic()} and {@code smp_mb__after_atomic()} are modelled as full
 * barriers, which is stronger than LKMM requires (sound, slightly less complete).
 */
public final class Kernel {
    /** ENXIO: smp_call_function_single() to an offline CPU. */
    public static final int ENXIO = 6;
    private final Machine machine;
    private final MemorySystem mem;
    private final Map<Integer, Integer> lockOwner = new TreeMap<>();
    final Irqs irqs;
    final Hotplug hotplug;
    final LockdepGlue lockdep;
    private final rcusim.machine.own.Ownership ownership;

    Kernel(Machine machine) {
        this.machine = machine;
        this.mem = machine.memory();
        this.irqs = new Irqs(machine, this);
        this.hotplug = new Hotplug(machine, this);
        this.lockdep = new LockdepGlue(machine);
        MachineAccessContext access = new MachineAccessContext(machine, this);
        this.ownership = new rcusim.machine.own.Ownership(() -> access);
    }

    /** The ownership checker for simulated structures' guarded fields (DESIGN 4). */
    public rcusim.machine.own.Ownership ownership() {
        return ownership;
    }

    Machine machine() {
        return machine;
    }

    /** Who holds the spinlock word at location l, for deadlock reports; null if nobody. */
    String lockHolder(int l) {
        Integer owner = lockOwner.get(l);
        return owner == null ? null : "CPU " + owner;
    }

    /** The CPU the calling code runs on. */
    public int smpProcessorId() {
        return machine.current().cpu.id;
    }

    // ---------------------------------------------------------------- allocation

    /** Allocates n consecutive locations initialised to 0; returns the address of the first. */
    public long alloc(int n) {
        return alloc(n, 0);
    }

    public long alloc(int n, long init) {
        return Address.of(mem.allocate(n, init));
    }

    /** Frees the block at addr; every later access to it fails the run as a use-after-free. */
    public void free(long addr) {
        Context c = post(Op.FREE, addr, "free");
        mem.free(c.loc, new Throwable("freed by CPU " + c.cpu.id));
        traceOp(c, "free");
    }

    // ---------------------------------------------------------------- marked accesses

    public long readOnce(long addr) {
        Context c = post(Op.LOAD, addr, "READ_ONCE");
        long v = mem.load(c.cpu.id, c.loc, c.choice);
        traceOp(c, "READ_ONCE", v);
        return v;
    }

    public void writeOnce(long addr, long v) {
        Context c = post(Op.STORE, addr, "WRITE_ONCE");
        mem.store(c.cpu.id, c.loc, v, false);
        traceOp(c, "WRITE_ONCE", v);
    }

    public long smpLoadAcquire(long addr) {
        Context c = post(Op.LOAD_ACQUIRE, addr, "smp_load_acquire");
        long v = mem.load(c.cpu.id, c.loc, c.choice);
        mem.readFence(c.cpu.id);
        traceOp(c, "smp_load_acquire", v);
        return v;
    }

    public void smpStoreRelease(long addr, long v) {
        Context c = post(Op.STORE_RELEASE, addr, "smp_store_release");
        mem.store(c.cpu.id, c.loc, v, true);
        traceOp(c, "smp_store_release", v);
    }

    /** smp_store_mb(): a store followed by a full barrier. */
    public void smpStoreMb(long addr, long v) {
        writeOnce(addr, v);
        smpMb();
    }

    /** rcu_dereference(): a marked load whose dependent loads never see stale data. */
    public long rcuDereference(long addr) {
        return readOnce(addr);
    }

    /** rcu_assign_pointer(): a release store. */
    public void rcuAssignPointer(long addr, long v) {
        smpStoreRelease(addr, v);
    }

    // ---------------------------------------------------------------- barriers

    public void smpMb() {
        Context c = post(Op.MB, -1, "smp_mb");
        mem.fullFence(c.cpu.id);
        traceOp(c, "smp_mb");
    }

    public void smpRmb() {
        Context c = post(Op.RMB, -1, "smp_rmb");
        mem.readFence(c.cpu.id);
        traceOp(c, "smp_rmb");
    }

    public void smpWmb() {
        Context c = post(Op.WMB, -1, "smp_wmb");
        mem.writeFence(c.cpu.id);
        traceOp(c, "smp_wmb");
    }

    /** barrier(): a compiler barrier; the simulator never reorders a CPU's own steps. */
    public void barrier() {
    }

    public void smpMbBeforeAtomic() {
        smpMb();
    }

    public void smpMbAfterAtomic() {
        smpMb();
    }

    public void smpMbAfterSpinlock() {
        smpMb();
    }

    public void smpMbAfterUnlockLock() {
        smpMb();
    }

    // ---------------------------------------------------------------- read-modify-writes

    /**
     * One atomic read-modify-write; returns the old value. RELEASE and FULL wait until the
     * store buffer is empty; ACQUIRE, and FULL when it succeeds, apply the invalidate queue
     * afterwards.
     */
    public long rmw(long addr, RmwOp op, long a, long b, Ordering ordering) {
        Context c = prepare(Op.RMW, addr, "atomic");
        c.rmw = op;
        c.a = a;
        c.b = b;
        c.ordering = ordering;
        return performRmw(c);
    }

    /** Posts an operation and parks until the machine decides to perform it. */
    private Context post(Op op, long addr, String what) {
        return await(prepare(op, addr, what), what);
    }

    private Context prepare(Op op, long addr, String what) {
        Context c = machine.current();
        c.op = op;
        c.loc = addr == -1 ? -1 : location(addr, what);
        c.waitsFor = null;
        return c;
    }

    private Context await(Context c, String what) {
        machine.park();
        if (c.loc >= 0) {
            mem.checkLive(c.loc, what);
        }
        return c;
    }

    private long performRmw(Context c) {
        await(c, "atomic");
        long old = mem.rmw(c.cpu.id, c.loc, c.rmw, c.a, c.b, c.ordering);
        if (machine.tracing()) {
            traceOp(c, c.rmw.name().toLowerCase(java.util.Locale.ROOT) + "_"
                    + c.ordering.name().toLowerCase(java.util.Locale.ROOT), old);
        }
        return old;
    }

    public long xchg(long addr, long v, Ordering o) {
        return rmw(addr, RmwOp.XCHG, v, 0, o);
    }

    public long xchg(long addr, long v) {
        return xchg(addr, v, Ordering.FULL);
    }

    /** cmpxchg(): returns the old value; writes new only if the old value was expected. */
    public long cmpxchg(long addr, long expected, long desired, Ordering o) {
        return rmw(addr, RmwOp.CMPXCHG, expected, desired, o);
    }

    public long cmpxchg(long addr, long expected, long desired) {
        return cmpxchg(addr, expected, desired, Ordering.FULL);
    }

    public long atomicRead(long addr) {
        return readOnce(addr);
    }

    public long atomicReadAcquire(long addr) {
        return smpLoadAcquire(addr);
    }

    public void atomicSet(long addr, long v) {
        writeOnce(addr, v);
    }

    public void atomicSetRelease(long addr, long v) {
        smpStoreRelease(addr, v);
    }

    /** The void atomics (atomic_add, atomic_or, ...): relaxed, nothing returned. */
    public void atomicOp(long addr, RmwOp op, long a) {
        rmw(addr, op, a, 0, Ordering.RELAXED);
    }

    public void atomicAdd(long addr, long i) {
        atomicOp(addr, RmwOp.ADD, i);
    }

    public void atomicSub(long addr, long i) {
        atomicOp(addr, RmwOp.ADD, -i);
    }

    public void atomicInc(long addr) {
        atomicOp(addr, RmwOp.ADD, 1);
    }

    public void atomicDec(long addr) {
        atomicOp(addr, RmwOp.ADD, -1);
    }

    /** atomic_fetch_{add,sub,and,or,xor,andnot}{,_relaxed,_acquire,_release}: the old value. */
    public long atomicFetchOp(long addr, RmwOp op, long a, Ordering o) {
        return rmw(addr, op, a, 0, o);
    }

    /** atomic_{add,sub,inc,dec}_return{,_relaxed,_acquire,_release}: the new value. */
    public long atomicAddReturn(long addr, long i, Ordering o) {
        return rmw(addr, RmwOp.ADD, i, 0, o) + i;
    }

    public long atomicAddReturn(long addr, long i) {
        return atomicAddReturn(addr, i, Ordering.FULL);
    }

    public long atomicXchg(long addr, long v, Ordering o) {
        return xchg(addr, v, o);
    }

    public long atomicCmpxchg(long addr, long expected, long desired, Ordering o) {
        return cmpxchg(addr, expected, desired, o);
    }

    public boolean atomicSubAndTest(long addr, long i) {
        return atomicAddReturn(addr, -i) == 0;
    }

    public boolean atomicDecAndTest(long addr) {
        return atomicAddReturn(addr, -1) == 0;
    }

    public boolean atomicIncAndTest(long addr) {
        return atomicAddReturn(addr, 1) == 0;
    }

    /** atomic_add_unless(): adds a unless the value is u; full barrier only if it added. */
    public boolean atomicAddUnless(long addr, long a, long u) {
        return rmw(addr, RmwOp.ADD_UNLESS, a, u, Ordering.FULL) != u;
    }

    // ---------------------------------------------------------------- spinning waits

    /**
     * smp_cond_load_relaxed(): waits until the location satisfies cond and returns the value.
     * The waiting CPU burns no decisions: it is not offered until the value it would read
     * satisfies cond (spin-assume).
     */
    public long smpCondLoadRelaxed(long addr, LongPredicate cond) {
        return condLoad(addr, cond, false);
    }

    public long smpCondLoadAcquire(long addr, LongPredicate cond) {
        return condLoad(addr, cond, true);
    }

    private long condLoad(long addr, LongPredicate cond, boolean acquire) {
        Context c = prepare(Op.COND_LOAD, addr, "smp_cond_load");
        c.condition = cond;
        await(c, "smp_cond_load");
        long v = mem.load(c.cpu.id, c.loc, 0);
        if (acquire) {
            mem.readFence(c.cpu.id);
        }
        traceOp(c, acquire ? "smp_cond_load_acquire" : "smp_cond_load_relaxed", v);
        return v;
    }

    // ---------------------------------------------------------------- spinlocks

    /** spin_lock(): waits (spin-assume) until the lock is free, then takes it with acquire ordering. */
    public void spinLock(long addr) {
        Context c = post(Op.LOCK, addr, "spin_lock");
        mem.tryLock(c.cpu.id, c.loc);
        lockOwner.put(c.loc, c.cpu.id);
        traceOp(c, "spin_lock");
    }

    public boolean spinTrylock(long addr) {
        Context c = post(Op.TRYLOCK, addr, "spin_trylock");
        boolean ok = mem.tryLock(c.cpu.id, c.loc);
        if (ok) {
            lockOwner.put(c.loc, c.cpu.id);
        }
        traceOp(c, "spin_trylock", ok ? 1 : 0);
        return ok;
    }

    /** spin_unlock(): a release store of 0; unlocking a lock this CPU does not hold fails the run. */
    public void spinUnlock(long addr) {
        Context c = post(Op.UNLOCK, addr, "spin_unlock");
        Integer owner = lockOwner.get(c.loc);
        if (owner == null || owner != c.cpu.id) {
            throw new SimFailure(SimFailure.Kind.LOCK_MISUSE, "spin_unlock of the lock at location " + c.loc
                    + " by CPU " + c.cpu.id + ", which does not hold it"
                    + (owner == null ? " (it is not held)" : " (CPU " + owner + " holds it)"));
        }
        lockOwner.remove(c.loc);
        mem.store(c.cpu.id, c.loc, 0, true);
        traceOp(c, "spin_unlock");
    }

    // ---------------------------------------------------------------- helpers

    private int location(long addr, String what) {
        int l = Address.locationOf(addr);
        if (!mem.exists(l)) {
            throw new SimFailure(SimFailure.Kind.BAD_ADDRESS, what + " of address " + addr
                    + ", which is not a simulated location");
        }
        return l;
    }

    private void traceOp(Context c, String what) {
        if (machine.tracing()) {
            machine.traceEvent(c.cpu, what + " " + c.loc);
        }
    }

    private void traceOp(Context c, String what, long value) {
        if (machine.tracing()) {
            machine.traceEvent(c.cpu, what + " " + c.loc + " " + value);
        }
    }

    // ================================================================ the kernel environment

    /** Posts a kernel-state operation (a step with no memory effect) and waits for it. */
    Context kernelStep(String what) {
        Context c = machine.current();
        c.op = Op.KERNEL;
        c.loc = -1;
        c.waitsFor = what;
        machine.park();
        return c;
    }

    /** Waits, taking no decisions, until cond holds (cond reads kernel state, not memory). */
    void waitUntil(java.util.function.BooleanSupplier cond, String what) {
        Context c = machine.current();
        if (cond.getAsBoolean()) {
            return;
        }
        c.op = Op.WAIT;
        c.loc = -1;
        c.waitCondition = cond;
        c.waitsFor = what;
        machine.park();
        c.waitCondition = null;
    }

    Cpu thisCpu() {
        return machine.current().cpu;
    }

    Context thisContext() {
        return machine.current();
    }

    /** The task running the calling code (for a hardirq, the task it interrupted). */
    public Task current() {
        return machine.current().task;
    }

    public int nrCpus() {
        return machine.cpus.length;
    }

    /** Virtual nanoseconds since boot. */
    public long nowNs() {
        return machine.clock.nowNs;
    }

    public long jiffies() {
        return machine.clock.jiffies();
    }

    /** HZ: ticks per second (0 on a machine without a tick). */
    public int hz() {
        return machine.kernelConfig().hz();
    }

    /** Sets the subsystem hooks (RCU's); also callable before the run from the machine. */
    public void setHooks(KernelHooks h) {
        machine.hooks = h;
    }

    // ---------------------------------------------------------------- WARN_ON / BUG_ON

    /** WARN_ON(cond): a true condition fails the run with the kernel's warning line and text. */
    public boolean warnOn(boolean cond, String condition) {
        if (cond) {
            throw new SimFailure(SimFailure.Kind.WARN, "WARNING: CPU: " + whereAmI() + ": WARN_ON(" + condition + ")");
        }
        return false;
    }

    /** WARN_ON_ONCE(): as WARN_ON, since a warning already ends the run. */
    public boolean warnOnOnce(boolean cond, String condition) {
        return warnOn(cond, condition);
    }

    /** BUG_ON(cond). */
    public void bugOn(boolean cond, String condition) {
        if (cond) {
            throw new SimFailure(SimFailure.Kind.BUG, "kernel BUG at " + condition + "! CPU: " + whereAmI());
        }
    }

    String whereAmI() {
        if (!machine.inSimulatedCode()) {
            return "-";
        }
        Context x = machine.current();
        return x.cpu.id + " PID: " + x.task.pid + " Comm: " + x.task.comm
                + (x.kind == ContextKind.HARDIRQ ? " (in hardirq " + x.name + ")" : "");
    }

    // ---------------------------------------------------------------- preempt_count and irqs

    public int preemptCount() {
        return thisCpu().preemptCount;
    }

    public void preemptDisable() {
        thisCpu().preemptCount += PreemptCount.PREEMPT_OFFSET;
    }

    /** preempt_enable(): a preemption point when the count drops to 0 and a reschedule is due. */
    public void preemptEnable() {
        Cpu c = thisCpu();
        if ((c.preemptCount & PreemptCount.PREEMPT_MASK) == 0) {
            throw misuse("preempt_enable() without a matching preempt_disable() (preempt_count "
                    + hex(c.preemptCount) + ")");
        }
        c.preemptCount -= PreemptCount.PREEMPT_OFFSET;
        kernelStep("preempt_enable");
        preemptCheck();
    }

    /** preempt_enable_no_resched(). */
    public void preemptEnableNoResched() {
        Cpu c = thisCpu();
        if ((c.preemptCount & PreemptCount.PREEMPT_MASK) == 0) {
            throw misuse("preempt_enable_no_resched() without a matching preempt_disable()");
        }
        c.preemptCount -= PreemptCount.PREEMPT_OFFSET;
    }

    /** Preempts the current task if the model allows it here and a reschedule is due. */
    void preemptCheck() {
        Cpu c = thisCpu();
        Context x = machine.current();
        if (machine.kernelConfig().preemption() == Preemption.FULL && c.needResched && c.preemptCount == 0
                && !c.irqsDisabled && x.kind == ContextKind.TASK && x.task != c.idle) {
            schedule(true);
        }
    }

    public boolean irqsDisabled() {
        return thisCpu().irqsDisabled;
    }

    /** in_task(): neither in a hardirq nor serving a softirq. */
    public boolean inTask() {
        Cpu c = thisCpu();
        return !c.inHardirq() && !c.inServingSoftirq();
    }

    /** in_irq() / in_hardirq(). */
    public boolean inIrq() {
        return thisCpu().inHardirq();
    }

    /** in_softirq(): serving a softirq or with bottom halves disabled. */
    public boolean inSoftirq() {
        return (thisCpu().preemptCount & PreemptCount.SOFTIRQ_MASK) != 0;
    }

    public boolean inServingSoftirq() {
        return thisCpu().inServingSoftirq();
    }

    public boolean inInterrupt() {
        return thisCpu().inInterrupt();
    }

    /** preemptible(): preemption could happen here. */
    public boolean preemptible() {
        return thisCpu().preemptCount == 0 && !thisCpu().irqsDisabled;
    }

    /** local_irq_disable(): a step (an interrupt may still come just before it). */
    public void localIrqDisable() {
        kernelStep("local_irq_disable");
        thisCpu().irqsDisabled = true;
    }

    public void localIrqEnable() {
        Cpu c = thisCpu();
        if (c.inHardirq()) {
            throw misuse("local_irq_enable() in hardirq context");
        }
        kernelStep("local_irq_enable");
        c = thisCpu();
        c.irqsDisabled = false;
        lockdep.hardirqsOn(machine.current());
    }

    /** local_irq_save(): returns the flags to restore (1: irqs were disabled). */
    public long localIrqSave() {
        kernelStep("local_irq_save");
        Cpu c = thisCpu();
        long flags = c.irqsDisabled ? 1 : 0;
        c.irqsDisabled = true;
        return flags;
    }

    public void localIrqRestore(long flags) {
        if (flags == 0) {
            localIrqEnable();
        } else {
            kernelStep("local_irq_restore");
            thisCpu().irqsDisabled = true;
        }
    }

    /** local_bh_disable(). */
    public void localBhDisable() {
        thisCpu().preemptCount += PreemptCount.SOFTIRQ_DISABLE_OFFSET;
    }

    /** local_bh_enable(): runs pending softirqs when it leaves the last bh-disabled section. */
    public void localBhEnable() {
        Cpu c = thisCpu();
        if ((c.preemptCount & PreemptCount.SOFTIRQ_MASK) < PreemptCount.SOFTIRQ_DISABLE_OFFSET) {
            throw misuse("local_bh_enable() without a matching local_bh_disable()");
        }
        if (c.inHardirq() || c.irqsDisabled) {
            throw misuse("local_bh_enable() with irqs disabled or in hardirq context");
        }
        c.preemptCount -= PreemptCount.SOFTIRQ_DISABLE_OFFSET;
        kernelStep("local_bh_enable");
        c = thisCpu();
        lockdep.softirqsOn(machine.current());
        if (!c.inInterrupt() && c.softirqPending != 0) {
            irqs.doSoftirq();
        }
        preemptCheck();
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    SimFailure misuse(String what) {
        return new SimFailure(SimFailure.Kind.KERNEL_MISUSE, what + " (CPU: " + whereAmI() + ")");
    }

    // ---------------------------------------------------------------- scheduling

    /** might_sleep(): sleeping here must be allowed. */
    public void mightSleep(String what) {
        Cpu c = thisCpu();
        Context x = machine.current();
        if (c.preemptCount != 0 || c.irqsDisabled || x.kind != ContextKind.TASK) {
            throw new SimFailure(SimFailure.Kind.ATOMIC_SLEEP,
                    "BUG: sleeping function called from invalid context at " + what + "\n"
                    + "in_atomic(): " + (c.preemptCount != 0 ? 1 : 0) + ", irqs_disabled(): "
                    + (c.irqsDisabled ? 1 : 0) + ", non_block: 0, pid: " + x.task.pid + ", name: " + x.task.comm
                    + "\npreempt_count: " + Integer.toHexString(c.preemptCount) + lockdep.heldLocksReport(x));
        }
    }

    /** set_current_state(): the state store followed by a full barrier (smp_store_mb). */
    public void setCurrentState(TaskState s) {
        current().state = s;
        smpMb();
    }

    /** __set_current_state(): no barrier. */
    public void setCurrentStateNoBarrier(TaskState s) {
        current().state = s;
    }

    /** schedule(): switches away; the current task sleeps unless its state is TASK_RUNNING. */
    public void schedule() {
        schedule(false);
    }

    /**
     * __schedule(). Hooks first (rcu_note_context_switch()), then the switch, which is a full
     * barrier (the rq lock plus smp_mb__after_spinlock()): a task never leaves stores behind
     * in a CPU's store buffer when it migrates.
     */
    void schedule(boolean preempt) {
        Cpu c = thisCpu();
        Context x = machine.current();
        Task prev = x.task;
        if (x.kind != ContextKind.TASK) {
            throw new SimFailure(SimFailure.Kind.ATOMIC_SLEEP, "BUG: scheduling while atomic: " + prev.comm + "/"
                    + prev.pid + "/" + hex(c.preemptCount) + " (in hardirq context)");
        }
        if (!preempt && (c.preemptCount != 0 || c.irqsDisabled)) {
            throw new SimFailure(SimFailure.Kind.ATOMIC_SLEEP, "BUG: scheduling while atomic: " + prev.comm + "/"
                    + prev.pid + "/" + hex(c.preemptCount) + (c.irqsDisabled ? " (irqs disabled)" : "")
                    + lockdep.heldLocksReport(x));
        }
        // __schedule(): irqs and preemption off around rcu_note_context_switch() and the switch
        c.preemptCount += PreemptCount.PREEMPT_OFFSET;
        c.irqsDisabled = true;
        machine.hooks.noteContextSwitch(this, preempt);
        smpMb();
        c = thisCpu();
        c.preemptCount -= PreemptCount.PREEMPT_OFFSET;
        c.irqsDisabled = false;
        c.needResched = false;
        Scheduler s = machine.scheduler;
        boolean sleeping = !preempt && prev.state != TaskState.RUNNING;
        boolean mustLeave = !sleeping && (!prev.allowedOn(c) || !c.online) && prev != c.idle;
        Task next = s.pickNext(c, sleeping || mustLeave ? null : prev);
        if (next == prev) {
            return;
        }
        if (mustLeave) {
            s.enqueue(s.selectTaskRq(prev, c), prev);
        } else if (!sleeping && prev != c.idle) {
            prev.onRq = true;
            prev.cpu = c;
            c.runqueue.add(prev);
        }
        traceSwitch(c, prev, next, preempt);
        s.switchTo(c, next);
        x.op = Op.RESUME;
        x.loc = -1;
        machine.park();
    }

    private void traceSwitch(Cpu c, Task prev, Task next, boolean preempt) {
        if (machine.tracing()) {
            machine.traceEvent(c, "sched_switch " + prev + " ==> " + next);
            machine.tracepoints.schedSwitch(c, prev, next, preempt);
        }
    }

    /**
     * Names a class of simulated code that wraps lock operations (as raw_spin_lock_rcu_node()
     * wraps raw_spin_lock()): lockdep reports show its caller as the lock's site.
     */
    public void lockdepWrapper(String className) {
        lockdep.addWrapper(className);
    }

    /**
     * Records that a "sometimes" event happened in this run (a grace period ended while a
     * reader was preempted, a CPU went offline during GP init, ...): campaigns count how many
     * runs reached each, as coverage. Not a step.
     */
    public void coverage(String event) {
        machine.cover(event);
    }

    /**
     * Adds delta to a statistic of this run (grace periods completed, a histogram bucket):
     * campaigns sum them over runs. Not a step.
     */
    public void count(String name, long delta) {
        machine.count(name, delta);
    }

    /** Emits a trace event of a simulated subsystem (e.g. rcu_grace_period) on this CPU. */
    public void traceEvent(String event, String fields) {
        if (machine.tracepoints.on()) {
            machine.tracepoints.emit(thisCpu(), event, fields);
        }
    }

    public boolean tracing() {
        return machine.tracepoints.on();
    }

    /** schedule() from the idle loop. */
    void scheduleIdle() {
        schedule(true);
    }

    /** cond_resched(): a voluntary preemption point. */
    public void condResched() {
        Cpu c = thisCpu();
        if (c.preemptCount != 0 || c.irqsDisabled) {
            return;
        }
        machine.hooks.condResched(this);
        kernelStep("cond_resched");
        c = thisCpu();
        if (c.needResched && c.preemptCount == 0) {
            schedule(true);
        }
    }

    /** yield(): lets another runnable task run. */
    public void yield() {
        thisCpu().needResched = true;
        condResched();
    }

    /** wake_up_process(): true if the task was asleep. */
    public boolean wakeUpProcess(Task t) {
        kernelStep("wake_up_process");
        return machine.scheduler.wakeUp(t, thisCpu());
    }

    /** Whether a reschedule is due on this CPU (need_resched()). */
    public boolean needResched() {
        return thisCpu().needResched;
    }

    /** set_tsk_need_resched() on this CPU. */
    public void setNeedResched() {
        thisCpu().needResched = true;
    }

    /** resched_cpu(): asks CPU cpu to reschedule (a resched IPI if it is another CPU). */
    public void reschedCpu(int cpu) {
        kernelStep("resched_cpu");
        machine.scheduler.reschedCurr(machine.cpu(cpu), thisCpu());
    }

    /**
     * What CPU cpu is doing, for reports (as a stall warning's backtrace): its running context,
     * the operation it waits to perform and, for a lock, who holds it.
     */
    public String describeCpu(int cpu) {
        Cpu c = machine.cpu(cpu);
        Context x = c.top();
        if (x == null) {
            return "CPU " + cpu + ": nothing to run";
        }
        StringBuilder sb = new StringBuilder("CPU ").append(cpu).append(c.online ? "" : " (offline)").append(": ")
                .append(x.name).append(" in ").append(x.op.text);
        if (x.waitsFor != null) {
            sb.append(" (").append(x.waitsFor).append(')');
        }
        if (x.loc >= 0) {
            sb.append(" on location ").append(x.loc);
            String holder = lockHolder(x.loc);
            if (holder != null) {
                sb.append(" held by ").append(holder);
            }
        }
        sb.append(c.irqsDisabled ? ", irqs off" : "").append(", preempt_count ").append(hex(c.preemptCount))
                .append(", store buffer ").append(mem.storeBufferSize(c.id));
        if (c.pendingIrqs != 0) {
            sb.append(", pending irqs ").append(Integer.toBinaryString(c.pendingIrqs));
        }
        return sb.toString();
    }

    /** The task CPU cpu runs now (rq->curr). */
    public Task cpuCurr(int cpu) {
        return machine.cpu(cpu).curr;
    }

    /** is_idle_task(cpu_curr(cpu)). */
    public boolean cpuIsIdle(int cpu) {
        Cpu c = machine.cpu(cpu);
        return c.curr == c.idle;
    }

    // ---------------------------------------------------------------- kthreads

    /** kthread_create(): a kthread that runs body once woken; it may run on any online CPU. */
    public Task kthreadCreate(String name, Consumer<Kernel> body) {
        return createTask(name, Task.Kind.KTHREAD, false, body);
    }

    /** kthread_run(): create and wake. */
    public Task kthreadRun(String name, Consumer<Kernel> body) {
        Task t = kthreadCreate(name, body);
        wakeUpProcess(t);
        return t;
    }

    private Task createTask(String name, Task.Kind kind, boolean workload, Consumer<Kernel> body) {
        Task t = machine.newTask(name, kind, workload, body);
        t.state = TaskState.UNINTERRUPTIBLE;
        if (machine.inSimulatedCode()) {
            t.cpu = thisCpu();
        }
        return t;
    }

    /** kthread_bind(): before it first runs. */
    public void kthreadBind(Task t, int cpu) {
        machine.cpu(cpu);
        t.boundCpu = cpu;
        t.homeCpu = cpu;
    }

    public boolean kthreadShouldStop() {
        return current().shouldStop;
    }

    /** kthread_stop(): asks the kthread to stop, wakes it and waits until it has exited. */
    public void kthreadStop(Task t) {
        mightSleep("kthread_stop");
        t.shouldStop = true;
        wakeUpProcess(t);
        waitUntil(() -> t.state == TaskState.DEAD, "kthread_stop(" + t + ")");
    }

    public boolean kthreadShouldPark() {
        return current().shouldPark;
    }

    /** kthread_parkme(): sleeps in TASK_PARKED until unparked. */
    public void kthreadParkme() {
        Task me = current();
        while (me.shouldPark) {
            me.state = TaskState.PARKED;
            me.parked = true;
            me.blockedOn = "kthread_park";
            schedule();
        }
        me.parked = false;
    }

    /** kthread_park(): asks t to park and waits until it has. */
    public void kthreadPark(Task t) {
        t.shouldPark = true;
        kernelStep("kthread_park");
        machine.scheduler.wakeUp(t, thisCpu());
        waitUntil(() -> t.parked, "kthread_park(" + t + ")");
    }

    /** kthread_unpark(): a per-CPU kthread gets its CPU binding back and runs again. */
    public void kthreadUnpark(Task t) {
        t.shouldPark = false;
        kernelStep("kthread_unpark");
        t.parked = false;
        if (t.homeCpu >= 0) {
            t.boundCpu = t.homeCpu;
        }
        if (t.state == TaskState.PARKED) {
            t.state = TaskState.UNINTERRUPTIBLE;
            machine.scheduler.wakeUp(t, thisCpu());
        }
    }

    /** The task exits (its code returned): switch to the next one. */
    void taskExit(Cpu c, Task t) {
        if (c.preemptCount != 0 || c.irqsDisabled) {
            throw new SimFailure(SimFailure.Kind.KERNEL_MISUSE, "task " + t + " exited with "
                    + (c.irqsDisabled ? "irqs disabled" : "preempt_count " + hex(c.preemptCount)));
        }
        lockdep.checkTaskExit(t);
        // do_task_dead()'s __schedule() has the switch's full barrier too: the next task on c
        // must not read values older than those c's earlier tasks saw (a task migrating here
        // would otherwise see its own reads go back in time). The exiting task's stores stay in
        // c's buffer, where c's next task forwards from them.
        mem.readFence(c.id);
        machine.taskExited(t);
        if (machine.tracing()) {
            machine.traceEvent(c, "sched_process_exit " + t);
        }
        Task next = machine.scheduler.pickNext(c, null);
        machine.scheduler.switchTo(c, next);
    }

    // ---------------------------------------------------------------- user mode and context tracking

    /** Returns to user mode: context tracking leaves the kernel (RCU stops watching). */
    public void enterUser() {
        Task t = current();
        if (t.kind != Task.Kind.USER || t.inUser) {
            throw misuse("enter_user from " + t + (t.inUser ? ", already in user mode" : ", not a user task"));
        }
        localIrqDisable();
        ContextTracking.exitKernel(this, true);
        t.inUser = true;
        localIrqEnable();
    }

    /** n steps of user-mode code; interrupts and preemption may come between them. */
    public void userWork(int n) {
        Task t = current();
        if (!t.inUser) {
            throw misuse("user-mode work while in the kernel");
        }
        for (int i = 0; i < n; i++) {
            Context c = machine.current();
            c.op = Op.USER;
            c.loc = -1;
            machine.park();
        }
    }

    /** Enters the kernel from user mode (a system call): RCU watches again. */
    public void exitUser() {
        Task t = current();
        if (!t.inUser) {
            throw misuse("exit_user while in the kernel");
        }
        localIrqDisable();
        t.inUser = false;
        ContextTracking.enterKernel(this, true);
        localIrqEnable();
    }

    /**
     * The value at addr in memory now (the coherence-latest), for checkers and reports: not a
     * step and not an access of simulated code.
     */
    public long machineMemoryPeek(long addr) {
        return mem.latestValue(location(addr, "peek"));
    }

    /** The address of CPU cpu's context-tracking counter: odd while RCU watches it. */
    public long ctCounterAddr(int cpu) {
        return Address.of(machine.cpu(cpu).ctCounterLoc);
    }

    /** Whether RCU watches this CPU now (rcu_is_watching()). */
    public boolean rcuIsWatching() {
        return (mem.latestValue(thisCpu().ctCounterLoc) & 1) != 0;
    }

    /** Whether the tick interrupted the idle loop (rcu_is_cpu_rrupt_from_idle()). */
    public boolean interruptedIdle() {
        Cpu c = thisCpu();
        return c.curr == c.idle && c.ctNesting == 0 && c.ctIrqNesting == 1;
    }

    // ---------------------------------------------------------------- interrupts, softirqs, IPIs

    /** open_softirq(). */
    public void openSoftirq(int nr, Consumer<Kernel> action) {
        irqs.openSoftirq(nr, action);
    }

    /** raise_softirq(). */
    public void raiseSoftirq(int nr) {
        irqs.raiseSoftirq(nr);
    }

    public int softirqPending() {
        return thisCpu().softirqPending;
    }

    /**
     * smp_call_function_single(): runs func on cpu in hardirq context (wait: until done).
     * Returns 0, or -{@link #ENXIO} if cpu is offline (the kernel's return value).
     */
    public int smpCallFunctionSingle(int cpu, Consumer<Kernel> func, boolean wait) {
        return irqs.callFunctionSingle(machine.cpu(cpu), func, wait);
    }

    /** irq_work_queue(): runs work in hardirq context on this CPU soon. */
    public boolean irqWorkQueue(IrqWork work) {
        return irqs.irqWorkQueue(thisCpu(), work);
    }

    // ---------------------------------------------------------------- timers

    /** mod_timer(): (re)arms t to run at jiffies expires, on this CPU unless pinned elsewhere. */
    public void modTimer(TimerList t, long expires) {
        kernelStep("mod_timer");
        Timers.arm(machine, t, expires, thisCpu());
    }

    /** add_timer_on(). */
    public void addTimerOn(TimerList t, long expires, int cpu) {
        kernelStep("add_timer_on");
        t.pinnedCpu = cpu;
        Timers.arm(machine, t, expires, machine.cpu(cpu));
    }

    /** del_timer(): true if it was pending. */
    public boolean delTimer(TimerList t) {
        kernelStep("del_timer");
        return Timers.cancel(t);
    }

    /**
     * schedule_timeout(): sleeps (in the state the caller set) until woken or for at most
     * timeout jiffies; returns the jiffies left.
     */
    public long scheduleTimeout(long timeout) {
        Task me = current();
        long expire = jiffies() + timeout;
        TimerList t = new TimerList("process_timeout(" + me + ")", k -> k.machine.scheduler.wakeUp(me, k.thisCpu()));
        Timers.arm(machine, t, expire, thisCpu());
        schedule();
        Timers.cancel(t);
        long left = expire - jiffies();
        return Math.max(0, left);
    }

    /** schedule_timeout_interruptible(). */
    public long scheduleTimeoutInterruptible(long timeout) {
        current().state = TaskState.INTERRUPTIBLE;
        return scheduleTimeout(timeout);
    }

    // ---------------------------------------------------------------- lockdep-aware locks

    /** raw_spin_lock(): preemption off, lockdep, then the acquire (spinning without decisions). */
    public void rawSpinLock(RawSpinlock l) {
        preemptDisable();
        lockdep.acquire(machine.current(), l, false);
        spinLockWord(l);
    }

    private void spinLockWord(RawSpinlock l) {
        Context c = post(Op.LOCK, l.addr, "raw_spin_lock");
        c.waitsFor = null;
        mem.tryLock(c.cpu.id, c.loc);
        lockOwner.put(c.loc, c.cpu.id);
        l.owner = c.cpu.id;
        traceOp(c, "raw_spin_lock(" + l.name + ")");
    }

    public boolean rawSpinTrylock(RawSpinlock l) {
        preemptDisable();
        Context c = post(Op.TRYLOCK, l.addr, "raw_spin_trylock");
        boolean ok = mem.tryLock(c.cpu.id, c.loc);
        if (ok) {
            lockOwner.put(c.loc, c.cpu.id);
            l.owner = c.cpu.id;
            lockdep.acquireTry(machine.current(), l);
        } else {
            preemptEnableNoResched();
        }
        return ok;
    }

    public void rawSpinUnlock(RawSpinlock l) {
        spinUnlockWord(l);
        preemptEnable();
    }

    private void spinUnlockWord(RawSpinlock l) {
        Context x = machine.current();
        lockdep.release(x, l);
        Context c = post(Op.UNLOCK, l.addr, "raw_spin_unlock");
        if (l.owner != c.cpu.id) {
            throw new SimFailure(SimFailure.Kind.LOCK_MISUSE, "raw_spin_unlock(" + l.name + ") by CPU " + c.cpu.id
                    + ", which does not hold it" + (l.owner < 0 ? " (it is not held)" : " (CPU " + l.owner + " holds it)"));
        }
        l.owner = -1;
        lockOwner.remove(c.loc);
        mem.store(c.cpu.id, c.loc, 0, true);
        traceOp(c, "raw_spin_unlock(" + l.name + ")");
    }

    public void rawSpinLockIrq(RawSpinlock l) {
        localIrqDisable();
        rawSpinLock(l);
    }

    public void rawSpinUnlockIrq(RawSpinlock l) {
        spinUnlockWord(l);
        thisCpu().preemptCount -= PreemptCount.PREEMPT_OFFSET;
        localIrqEnable();
        preemptCheck();
    }

    public long rawSpinLockIrqsave(RawSpinlock l) {
        long flags = localIrqSave();
        rawSpinLock(l);
        return flags;
    }

    public void rawSpinUnlockIrqrestore(RawSpinlock l, long flags) {
        spinUnlockWord(l);
        thisCpu().preemptCount -= PreemptCount.PREEMPT_OFFSET;
        localIrqRestore(flags);
        preemptCheck();
    }

    public void mutexLock(Mutex mtx) {
        mtx.lock(this);
    }

    public void mutexUnlock(Mutex mtx) {
        mtx.unlock(this);
    }

    public boolean mutexTrylock(Mutex mtx) {
        return mtx.trylock(this);
    }

    // ---------------------------------------------------------------- lockdep assertions

    public void lockdepAssertHeld(Object lock) {
        lockdep.assertHeld(machine.current(), lock);
    }

    public void lockdepAssertNoneHeldOnce() {
        lockdep.assertNoneHeld(machine.current());
    }

    public void lockdepAssertIrqsDisabled() {
        if (!thisCpu().irqsDisabled) {
            throw new SimFailure(SimFailure.Kind.LOCKDEP,
                    "WARNING: lockdep_assert_irqs_disabled() failed: irqs are enabled (CPU: " + whereAmI() + ")");
        }
    }

    public void lockdepAssertPreemptionDisabled() {
        Cpu c = thisCpu();
        if (c.preemptCount == 0 && !c.irqsDisabled) {
            throw new SimFailure(SimFailure.Kind.LOCKDEP,
                    "WARNING: lockdep_assert_preemption_disabled() failed: preemption is enabled (CPU: " + whereAmI() + ")");
        }
    }

    // ---------------------------------------------------------------- CPU hotplug

    /** cpuhp_setup_state(): a step run when CPUs come up (startup) and go down (teardown). */
    public void cpuhpSetup(String name, CpuhpGroup group, CpuhpCallback startup, CpuhpCallback teardown) {
        hotplug.setup(name, group, startup, teardown);
    }

    /** remove_cpu(): takes cpu offline; called from a task (the control task). */
    public void cpuDown(int cpu) {
        hotplug.down(machine.cpu(cpu));
    }

    /** add_cpu(): brings cpu back online. */
    public void cpuUp(int cpu) {
        hotplug.up(machine.cpu(cpu));
    }

    public boolean cpuOnline(int cpu) {
        return machine.cpu(cpu).online;
    }

    /** cpu_online_mask as a sorted array of CPU numbers. */
    public int[] cpuOnlineMask() {
        int[] out = new int[machine.scheduler.onlineCount()];
        int k = 0;
        for (Cpu c : machine.cpus) {
            if (c.online) {
                out[k++] = c.id;
            }
        }
        return out;
    }

    public int numOnlineCpus() {
        return machine.scheduler.onlineCount();
    }

    /** Whether the calling task is orchestrating cpu's hotplug operation now. */
    public boolean orchestratesHotplugOf(int cpu) {
        return machine.inSimulatedCode() && hotplug.orchestrator(machine.cpu(cpu)) == current();
    }

    // ---------------------------------------------------------------- boot

    /** Idle tasks, ksoftirqd, context-tracking counters: the environment of a kernel config. */
    void bootKernelEnvironment() {
        for (Cpu c : machine.cpus) {
            c.ctCounterLoc = mem.allocate(1, 1);
            Task idle = machine.newTask(c.id == 0 ? "swapper/0" : "swapper/" + c.id, Task.Kind.IDLE, false,
                    k -> k.idleLoop());
            idle.boundCpu = c.id;
            idle.state = TaskState.RUNNING;
            idle.cpu = c;
            c.idle = idle;
        }
        for (Cpu c : machine.cpus) {
            Task ksoftirqd = machine.newTask("ksoftirqd/" + c.id, Task.Kind.KTHREAD, false, k -> k.irqs.ksoftirqdLoop());
            ksoftirqd.boundCpu = c.id;
            ksoftirqd.homeCpu = c.id;
            ksoftirqd.state = TaskState.INTERRUPTIBLE;
            ksoftirqd.cpu = c;
            c.ksoftirqd = ksoftirqd;
        }
    }

    /** The idle task's loop (do_idle()). */
    private void idleLoop() {
        while (true) {
            Cpu c = thisCpu();
            if (!c.online) {
                hotplug.idleDead();
                continue;
            }
            while (!thisCpu().needResched && thisCpu().online) {
                localIrqDisable();
                if (thisCpu().needResched || !thisCpu().online) {
                    thisCpu().irqsDisabled = false;
                    break;
                }
                ContextTracking.exitKernel(this, false);
                Context x = machine.current();
                thisCpu().wfiWoken = false;
                x.op = Op.WFI;
                x.loc = -1;
                machine.park();
                thisCpu().wfiWoken = false;
                ContextTracking.enterKernel(this, false);
                localIrqEnable();
            }
            if (thisCpu().online) {
                scheduleIdle();
            }
        }
    }
}
