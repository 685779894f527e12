package rcusim.kernel;

import java.util.function.Consumer;
import java.util.function.LongPredicate;
import rcusim.kernel.own.Ownership;
import rcusim.kernel.seqlock.Seqcount;
import rcusim.kernel.seqlock.SeqcountLatch;
import rcusim.kernel.seqlock.Seqlock;
import rcusim.kernel.seqlock.SeqlockOps;
import rcusim.machine.CoverageEvent;
import rcusim.machine.Instructions;
import rcusim.machine.Ordering;
import rcusim.machine.RmwOp;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.AllocReuse;
import rcusim.machine.memory.MemorySystem;

/**
 * The kernel API that simulated code calls: the LKMM primitives of {@code linux-kernel.def}
 * (apart from RCU and SRCU), which are the machine's {@link Instructions}, and the kernel
 * environment around them (preemption and irqs, scheduling, kthreads, timers, softirqs, IPIs,
 * locks, lockdep, hotplug, tracing). Each memory operation, barrier, atomic and lock operation
 * is one machine step and a point where the CPU may be switched out.
 *
 * <p>A facade: every call hands over to the part that does the work ({@link Instructions},
 * {@link CoreSched}, {@link PreemptIrq}, {@link Spinlocks}, {@link Irqs}, {@link TimerApi},
 * {@link Hotplug}, {@link LockdepGlue}, {@link DebugChecks}, {@link SeqlockOps}). It is longer than the other
 * classes only because it is the whole API in one place, one short method per kernel call,
 * so that simulated code reads like kernel code ({@code k.rawSpinLock(l)}, {@code k.smpMb()}).
 */
public final class Kernel {
    /** ENXIO: smp_call_function_single() to an offline CPU. */
    public static final int ENXIO = 6;
    private final KernelEnvironment env;
    final Instructions insn;
    private final MemorySystem mem;
    final Irqs irqs;
    final Hotplug hotplug;
    final LockdepGlue lockdep;
    final CoreSched sched;
    final DebugChecks debug;
    final TimerApi timerApi;
    final Spinlocks spinlocks;
    final PreemptIrq preempt;
    private final Ownership ownership;

    Kernel(KernelEnvironment env) {
        this.env = env;
        this.insn = env.machine.instructions();
        this.mem = env.memory();
        this.irqs = new Irqs(env, this);
        this.hotplug = new Hotplug(env, this);
        this.lockdep = new LockdepGlue(env);
        this.sched = new CoreSched(this, env);
        this.debug = new DebugChecks(this, env);
        this.timerApi = new TimerApi(this, env);
        this.spinlocks = new Spinlocks(this, env);
        this.preempt = new PreemptIrq(this, env);
        MachineAccessContext access = new MachineAccessContext(env, this);
        this.ownership = new Ownership(() -> access);
    }

    /**
     * The ownership checker for simulated structures' guarded fields: lock-protected data lives in
     * plain Java fields only because every access is checked against the field's rule.
     */
    public Ownership ownership() {
        return ownership;
    }

    KernelEnvironment env() {
        return env;
    }

    /** The CPU the calling code runs on. */
    public int smpProcessorId() {
        return env.machine.current().cpu().id;
    }

    // ---------------------------------------------------------------- memory: CPU instructions

    /** Allocates n consecutive locations initialised to 0; returns the address of the first. */
    public long alloc(int n) {
        return insn.alloc(n);
    }

    public long alloc(int n, long init) {
        return insn.alloc(n, init);
    }

    /** Frees the block at addr; every later access to it fails the run as a use-after-free. */
    public void free(long addr) {
        insn.free(addr);
    }

    /**
     * Chooses, before anything is freed, whether freed blocks are handed out again
     * ({@code alloc_reuse}: {@link AllocReuse#NONE} by default, {@link AllocReuse#LIFO}); under
     * LIFO reuse, zombie pointers fail the run (docs/kernel.md, "Zombie pointers").
     */
    public void setAllocReuse(AllocReuse r) {
        insn.setAllocReuse(r);
    }

    public AllocReuse allocReuse() {
        return insn.allocReuse();
    }

    /**
     * {@code a == b} on two pointers, as simulated code writes it: while zombie pointers are
     * tracked, comparing one whose object was freed since it was loaded fails the run. Not a step.
     */
    public boolean ptrEq(long a, long b) {
        return insn.ptrEq(a, b);
    }

    public long readOnce(long addr) {
        return insn.readOnce(addr);
    }

    public void writeOnce(long addr, long v) {
        insn.writeOnce(addr, v);
    }

    public long smpLoadAcquire(long addr) {
        return insn.smpLoadAcquire(addr);
    }

    public void smpStoreRelease(long addr, long v) {
        insn.smpStoreRelease(addr, v);
    }

    /** smp_store_mb(): a store followed by a full barrier. */
    public void smpStoreMb(long addr, long v) {
        insn.smpStoreMb(addr, v);
    }

    // ---------------------------------------------------------------- plain accesses, KCSAN

    /**
     * A plain load: C code reading a variable without READ_ONCE(). The machine does what it
     * does for READ_ONCE(); the data-race detector ({@code --kcsan}) reports one that races.
     */
    public long plainRead(long addr) {
        return insn.plainRead(addr);
    }

    /** A plain store: C code writing a variable without WRITE_ONCE(); see {@link #plainRead}. */
    public void plainWrite(long addr, long v) {
        insn.plainWrite(addr, v);
    }

    /** {@link #plainRead} of code whose site the Java stack does not say (site: e.g. file:line). */
    public long plainRead(long addr, String site) {
        rcusim.machine.Context c = env.machine.current();
        c.siteHint = site;
        try {
            return insn.plainRead(addr);
        } finally {
            c.siteHint = null;
        }
    }

    /** {@link #plainWrite} with its site, as {@link #plainRead(long, String)}. */
    public void plainWrite(long addr, long v, String site) {
        rcusim.machine.Context c = env.machine.current();
        c.siteHint = site;
        try {
            insn.plainWrite(addr, v);
        } finally {
            c.siteHint = null;
        }
    }

    /**
     * data_race(expr): the accesses expr makes are intentionally racy; the detector does not
     * report them (they still happen as they would).
     */
    public long dataRace(java.util.function.LongSupplier expr) {
        rcusim.machine.Context c = env.machine.current();
        c.enterDataRace();
        try {
            return expr.getAsLong();
        } finally {
            c.exitDataRace();
        }
    }

    /** data_race() around a statement (a racy store, or a block of racy accesses). */
    public void dataRace(Runnable stmt) {
        rcusim.machine.Context c = env.machine.current();
        c.enterDataRace();
        try {
            stmt.run();
        } finally {
            c.exitDataRace();
        }
    }

    /**
     * ASSERT_EXCLUSIVE_WRITER(var): no other context writes addr concurrently with this point
     * (concurrent readers are fine). Not a step; checked only when the detector runs.
     */
    public void assertExclusiveWriter(long addr) {
        assertExclusive(addr, false, -1L, "ASSERT_EXCLUSIVE_WRITER");
    }

    /** ASSERT_EXCLUSIVE_ACCESS(var): no other context reads or writes addr concurrently. */
    public void assertExclusiveAccess(long addr) {
        assertExclusive(addr, true, -1L, "ASSERT_EXCLUSIVE_ACCESS");
    }

    /**
     * ASSERT_EXCLUSIVE_BITS(var, mask): no other context concurrently writes a value that
     * changes the bits of mask (writes to the other bits are fine).
     */
    public void assertExclusiveBits(long addr, long mask) {
        assertExclusive(addr, false, mask, "ASSERT_EXCLUSIVE_BITS");
    }

    private void assertExclusive(long addr, boolean access, long mask, String what) {
        if (env.sync != null) {
            rcusim.machine.Context c = env.machine.current();
            int loc = rcusim.machine.memory.Address.locationOf(addr);
            if (!mem.exists(loc)) {
                throw new rcusim.machine.SimFailure(rcusim.machine.SimFailure.Kind.BAD_ADDRESS,
                        what + " of address " + addr + ", which is not a simulated location");
            }
            env.sync.assertExclusive(c, c.cpu().id, loc, access, mask, what);
        }
    }

    /**
     * Tells the detector a seqcount read section begins here (read_seqcount_begin() and its
     * kin call it): plain reads in a section that its retry check throws away are not races.
     */
    public void kcsanSeqReadBegin() {
        if (env.sync != null) {
            env.sync.seqReadBegin(env.machine.current());
        }
    }

    /** The section ends; retry: read_seqcount_retry() said to retry (its reads are discarded). */
    public void kcsanSeqReadEnd(boolean retry) {
        if (env.sync != null) {
            env.sync.seqReadEnd(env.machine.current(), retry);
        }
    }

    /**
     * Kernel ordering outside simulated memory, for the detector: what this context did so far
     * happens before whatever a later {@link #syncAcquire} on p does (a wake-up, a grace
     * period's end). Not a step; nothing when no detector runs.
     */
    public void syncRelease(SyncPoint p) {
        if (env.sync != null) {
            env.sync.release(env.machine.current(), p);
        }
    }

    /** The other side of {@link #syncRelease}. */
    public void syncAcquire(SyncPoint p) {
        if (env.sync != null) {
            env.sync.acquire(env.machine.current(), p);
        }
    }

    /** A compiler barrier, for the detector (interrupts see a task's accesses up to its last one). */
    void compilerBarrier() {
        if (env.sync != null) {
            env.sync.compilerBarrier(env.machine.current());
        }
    }

    /** rcu_dereference(): a marked load whose dependent loads never see stale data. */
    public long rcuDereference(long addr) {
        return insn.readOnce(addr);
    }

    /** rcu_assign_pointer(): a release store. */
    public void rcuAssignPointer(long addr, long v) {
        insn.smpStoreRelease(addr, v);
    }

    public void smpMb() {
        insn.smpMb();
    }

    public void smpRmb() {
        insn.smpRmb();
    }

    public void smpWmb() {
        insn.smpWmb();
    }

    /** barrier(): a compiler barrier; the simulator never reorders a CPU's own steps. */
    public void barrier() {
        compilerBarrier();
    }

    public void smpMbBeforeAtomic() {
        insn.smpMbBeforeAtomic();
    }

    public void smpMbAfterAtomic() {
        insn.smpMbAfterAtomic();
    }

    public void smpMbAfterSpinlock() {
        insn.smpMbAfterSpinlock();
    }

    public void smpMbAfterUnlockLock() {
        insn.smpMbAfterUnlockLock();
    }

    /** One atomic read-modify-write; returns the old value (see {@link Instructions#rmw}). */
    public long rmw(long addr, RmwOp op, long a, long b, Ordering ordering) {
        return insn.rmw(addr, op, a, b, ordering);
    }

    public long xchg(long addr, long v, Ordering o) {
        return insn.xchg(addr, v, o);
    }

    public long xchg(long addr, long v) {
        return insn.xchg(addr, v);
    }

    /** cmpxchg(): returns the old value; writes new only if the old value was expected. */
    public long cmpxchg(long addr, long expected, long desired, Ordering o) {
        return insn.cmpxchg(addr, expected, desired, o);
    }

    public long cmpxchg(long addr, long expected, long desired) {
        return insn.cmpxchg(addr, expected, desired);
    }

    public long atomicRead(long addr) {
        return insn.atomicRead(addr);
    }

    public long atomicReadAcquire(long addr) {
        return insn.atomicReadAcquire(addr);
    }

    public void atomicSet(long addr, long v) {
        insn.atomicSet(addr, v);
    }

    public void atomicSetRelease(long addr, long v) {
        insn.atomicSetRelease(addr, v);
    }

    /** The void atomics (atomic_add, atomic_or, ...): relaxed, nothing returned. */
    public void atomicOp(long addr, RmwOp op, long a) {
        insn.atomicOp(addr, op, a);
    }

    public void atomicAdd(long addr, long i) {
        insn.atomicAdd(addr, i);
    }

    public void atomicSub(long addr, long i) {
        insn.atomicSub(addr, i);
    }

    public void atomicInc(long addr) {
        insn.atomicInc(addr);
    }

    public void atomicDec(long addr) {
        insn.atomicDec(addr);
    }

    /** atomic_fetch_{add,sub,and,or,xor,andnot}{,_relaxed,_acquire,_release}: the old value. */
    public long atomicFetchOp(long addr, RmwOp op, long a, Ordering o) {
        return insn.atomicFetchOp(addr, op, a, o);
    }

    /** atomic_{add,sub,inc,dec}_return{,_relaxed,_acquire,_release}: the new value. */
    public long atomicAddReturn(long addr, long i, Ordering o) {
        return insn.atomicAddReturn(addr, i, o);
    }

    public long atomicAddReturn(long addr, long i) {
        return insn.atomicAddReturn(addr, i);
    }

    public long atomicXchg(long addr, long v, Ordering o) {
        return insn.atomicXchg(addr, v, o);
    }

    public long atomicCmpxchg(long addr, long expected, long desired, Ordering o) {
        return insn.atomicCmpxchg(addr, expected, desired, o);
    }

    public boolean atomicSubAndTest(long addr, long i) {
        return insn.atomicSubAndTest(addr, i);
    }

    public boolean atomicDecAndTest(long addr) {
        return insn.atomicDecAndTest(addr);
    }

    public boolean atomicIncAndTest(long addr) {
        return insn.atomicIncAndTest(addr);
    }

    /** atomic_add_unless(): adds a unless the value is u; full barrier only if it added. */
    public boolean atomicAddUnless(long addr, long a, long u) {
        return insn.atomicAddUnless(addr, a, u);
    }

    /**
     * smp_cond_load_relaxed(): waits until the location satisfies cond and returns the value.
     * The waiting CPU burns no decisions: it is not offered until the value it would read
     * satisfies cond (spin-assume).
     */
    public long smpCondLoadRelaxed(long addr, LongPredicate cond) {
        return insn.smpCondLoadRelaxed(addr, cond);
    }

    public long smpCondLoadAcquire(long addr, LongPredicate cond) {
        return insn.smpCondLoadAcquire(addr, cond);
    }

    // ---------------------------------------------------------------- spinlocks

    /** spin_lock(): waits (spin-assume) until the lock is free, then takes it with acquire ordering. */
    public void spinLock(long addr) {
        spinlocks.spinLock(addr);
    }

    public boolean spinTrylock(long addr) {
        return spinlocks.spinTrylock(addr);
    }

    /** spin_unlock(): a release store of 0; unlocking a lock this CPU does not hold fails the run. */
    public void spinUnlock(long addr) {
        spinlocks.spinUnlock(addr);
    }

    // ================================================================ the kernel environment

    /**
     * The running code wrote Java state that code on other CPUs reads without a lock or a
     * kernel step (rcu_state's jiffies stamps and phase, say): a partial-order reduction then
     * orders this step with every other. State only read under a simulated lock, or only by
     * its own CPU, need not say so (see docs/exploration.md, "What a step touches").
     */
    public void sharedStateWritten() {
        env.sharedStateTouched();
    }

    /**
     * Names a piece of kernel Java state that code on other CPUs uses without a simulated lock,
     * and whose every read and write the code reports ({@link #sharedStateRead},
     * {@link #sharedStateWritten(SharedState)}): a partial-order reduction then orders a step
     * that writes it only with the steps that use it, not with every step. Before the run.
     */
    public SharedState newSharedState(String name) {
        return new SharedState(name, env.machine.newKernelObject());
    }

    /** The running code read s (see {@link #newSharedState}). */
    public void sharedStateRead(SharedState s) {
        env.machine.kernelObjectRead(s.id());
    }

    /** The running code wrote s (see {@link #newSharedState}). */
    public void sharedStateWritten(SharedState s) {
        env.machine.kernelObjectWritten(s.id());
    }

    /** Posts a kernel-state operation (a step with no memory effect) and waits for it. */
    void kernelStep(String what) {
        insn.kernelStep(what);
    }

    /**
     * Posts a kernel-state operation whose shared work is all done when it is performed, the
     * code leading to it being its caller's (see Instructions.sharedKernelStep).
     */
    void sharedKernelStep(String what) {
        insn.sharedKernelStep(what);
    }

    /**
     * Posts a kernel-state operation that touches only this CPU's kernel state (preempt_count,
     * the irq flag), before and after it; anything shared it does after all (a schedule(),
     * softirqs) reports itself to the machine.
     */
    void localKernelStep(String what) {
        insn.localKernelStep(what);
    }

    /** Waits, taking no decisions, until cond holds (cond reads kernel state, not memory). */
    void waitUntil(java.util.function.BooleanSupplier cond, String what) {
        insn.waitUntil(cond, what);
    }

    PerCpu thisCpu() {
        return env.cpus[env.machine.current().cpu().id];
    }

    KernelContext thisContext() {
        return env.current();
    }

    /** The task running the calling code (for a hardirq, the task it interrupted). */
    public Task current() {
        return env.current().task;
    }

    public int nrCpus() {
        return env.cpus.length;
    }

    /** Virtual nanoseconds since boot. */
    public long nowNs() {
        return env.clock.nowNs;
    }

    public long jiffies() {
        return env.clock.jiffies();
    }

    /** HZ: ticks per second (0 on a machine without a tick). */
    public int hz() {
        return env.kernelConfig().hz();
    }

    /** Sets the subsystem hooks (RCU's); also callable before the run from the simulation. */
    public void setHooks(KernelHooks h) {
        env.hooks = h;
    }

    // ---------------------------------------------------------------- WARN_ON / BUG_ON

    /** WARN_ON(cond): a true condition fails the run with the kernel's warning line and text. */
    public boolean warnOn(boolean cond, String condition) {
        return debug.warnOn(cond, condition);
    }

    /** WARN_ON_ONCE(): as WARN_ON, since a warning already ends the run. */
    public boolean warnOnOnce(boolean cond, String condition) {
        return debug.warnOnOnce(cond, condition);
    }

    /** BUG_ON(cond). */
    public void bugOn(boolean cond, String condition) {
        debug.bugOn(cond, condition);
    }

    String whereAmI() {
        return debug.whereAmI();
    }

    // ---------------------------------------------------------------- preempt_count and irqs

    static String hex(int v) {
        return String.format("0x%08x", v);
    }

    SimFailure misuse(String what) {
        return new SimFailure(SimFailure.Kind.KERNEL_MISUSE, what + " (CPU: " + whereAmI() + ")");
    }

    public int preemptCount() {
        return preempt.preemptCount();
    }

    public void preemptDisable() {
        compilerBarrier();
        preempt.preemptDisable();
        compilerBarrier();
    }

    /** preempt_enable(): a preemption point when the count drops to 0 and a reschedule is due. */
    public void preemptEnable() {
        compilerBarrier();
        preempt.preemptEnable();
        compilerBarrier();
    }

    /** preempt_enable_no_resched(). */
    public void preemptEnableNoResched() {
        compilerBarrier();
        preempt.preemptEnableNoResched();
        compilerBarrier();
    }

    /** Preempts the current task if the model allows it here and a reschedule is due. */
    void preemptCheck() {
        preempt.preemptCheck();
    }

    public boolean irqsDisabled() {
        return preempt.irqsDisabled();
    }

    /** in_task(): neither in a hardirq nor serving a softirq. */
    public boolean inTask() {
        return preempt.inTask();
    }

    /** in_irq() / in_hardirq(). */
    public boolean inIrq() {
        return preempt.inIrq();
    }

    /** in_softirq(): serving a softirq or with bottom halves disabled. */
    public boolean inSoftirq() {
        return preempt.inSoftirq();
    }

    public boolean inServingSoftirq() {
        return preempt.inServingSoftirq();
    }

    public boolean inInterrupt() {
        return preempt.inInterrupt();
    }

    /** preemptible(): preemption could happen here. */
    public boolean preemptible() {
        return preempt.preemptible();
    }

    /** local_irq_disable(): a step (an interrupt may still come just before it). */
    public void localIrqDisable() {
        compilerBarrier();
        preempt.localIrqDisable();
        compilerBarrier();
    }

    public void localIrqEnable() {
        compilerBarrier();
        preempt.localIrqEnable();
        compilerBarrier();
    }

    /** local_irq_save(): returns the flags to restore (1: irqs were disabled). */
    public long localIrqSave() {
        compilerBarrier();
        long flags = preempt.localIrqSave();
        compilerBarrier();
        return flags;
    }

    public void localIrqRestore(long flags) {
        compilerBarrier();
        preempt.localIrqRestore(flags);
        compilerBarrier();
    }

    /** local_bh_disable(). */
    public void localBhDisable() {
        preempt.localBhDisable();
    }

    /** local_bh_enable(): runs pending softirqs when it leaves the last bh-disabled section. */
    public void localBhEnable() {
        preempt.localBhEnable();
    }

    // ---------------------------------------------------------------- scheduling

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
    public void coverage(CoverageEvent event) {
        env.cover(event.text());
    }

    /**
     * Adds delta to a statistic of this run (grace periods completed, a histogram bucket):
     * campaigns sum them over runs. Not a step.
     */
    public void count(String name, long delta) {
        env.count(name, delta);
    }

    /**
     * A named point in simulated code that a scripted schedule can wait for
     * ({@code run reader until label after_lock}). Not a step and not a decision: it costs
     * nothing when no schedule watches, and the run is the same with or without it. Shown in
     * the machine's event trace as {@code label NAME}.
     */
    public void label(String name) {
        if (env.watcher == null && !env.tracing()) {
            return;
        }
        KernelContext x = env.current();
        PerCpu c = thisCpu();
        if (env.tracing()) {
            env.traceEvent(c, "label " + name);
        }
        if (env.watcher != null) {
            env.watcher.label(c.id, x.kind == ContextKind.TASK && x.task.stack.get(0) == x ? x.task.comm : null, name);
        }
    }

    /** Emits a trace event of a simulated subsystem (e.g. rcu_grace_period) on this CPU. */
    public void traceEvent(String event, String fields) {
        if (env.tracepoints.on()) {
            env.tracepoints.emit(thisCpu(), event, fields);
        }
    }

    public boolean tracing() {
        return env.tracepoints.on();
    }

    /**
     * What CPU cpu is doing, for reports (as a stall warning's backtrace): its running context,
     * the operation it waits to perform and, for a lock, who holds it.
     */
    public String describeCpu(int cpu) {
        return debug.describeCpu(cpu);
    }

    /** The task CPU cpu runs now (rq->curr). */
    public Task cpuCurr(int cpu) {
        return lookAt(cpu).curr;
    }

    /** is_idle_task(cpu_curr(cpu)). */
    public boolean cpuIsIdle(int cpu) {
        PerCpu c = lookAt(cpu);
        return c.curr == c.idle;
    }

    /**
     * CPU cpu's scheduler state, about to be read: another CPU's switches are its own steps
     * (see CoreSched.schedule), so a look from elsewhere is ordered with every step.
     */
    private PerCpu lookAt(int cpu) {
        PerCpu c = env.cpu(cpu);
        if (env.inSimulatedCode() && smpProcessorId() != cpu) {
            env.sharedStateTouched();
        }
        return c;
    }

    /** might_sleep(): sleeping here must be allowed. */
    public void mightSleep(String what) {
        sched.mightSleep(what);
    }

    /** set_current_state(): the state store followed by a full barrier (smp_store_mb). */
    public void setCurrentState(TaskState s) {
        sched.setCurrentState(s);
    }

    /** __set_current_state(): no barrier. */
    public void setCurrentStateNoBarrier(TaskState s) {
        sched.setCurrentStateNoBarrier(s);
    }

    /** schedule(): switches away; the current task sleeps unless its state is TASK_RUNNING. */
    public void schedule() {
        sched.schedule();
    }

    /**
     * __schedule(). Hooks first (rcu_note_context_switch()), then the switch, which is a full
     * barrier (the rq lock plus smp_mb__after_spinlock()): a task never leaves stores behind
     * in a CPU's store buffer when it migrates.
     */
    void schedule(boolean preempt) {
        sched.schedule(preempt);
    }

    /** schedule() from the idle loop. */
    void scheduleIdle() {
        sched.scheduleIdle();
    }

    /** cond_resched(): a voluntary preemption point. */
    public void condResched() {
        sched.condResched();
    }

    /** yield(): lets another runnable task run. */
    public void yield() {
        sched.yield();
    }

    /** wake_up_process(): true if the task was asleep. */
    public boolean wakeUpProcess(Task t) {
        return sched.wakeUpProcess(t);
    }

    /** Whether a reschedule is due on this CPU (need_resched()). */
    public boolean needResched() {
        return sched.needResched();
    }

    /** set_tsk_need_resched() on this CPU. */
    public void setNeedResched() {
        sched.setNeedResched();
    }

    /** resched_cpu(): asks CPU cpu to reschedule (a resched IPI if it is another CPU). */
    public void reschedCpu(int cpu) {
        sched.reschedCpu(cpu);
    }

    // ---------------------------------------------------------------- kthreads

    /** kthread_create(): a kthread that runs body once woken; it may run on any online CPU. */
    public Task kthreadCreate(String name, Consumer<Kernel> body) {
        return sched.kthreadCreate(name, body);
    }

    /** kthread_run(): create and wake. */
    public Task kthreadRun(String name, Consumer<Kernel> body) {
        return sched.kthreadRun(name, body);
    }

    /** kthread_bind(): before it first runs. */
    public void kthreadBind(Task t, int cpu) {
        sched.kthreadBind(t, cpu);
    }

    public boolean kthreadShouldStop() {
        return sched.kthreadShouldStop();
    }

    /** kthread_stop(): asks the kthread to stop, wakes it and waits until it has exited. */
    public void kthreadStop(Task t) {
        sched.kthreadStop(t);
    }

    public boolean kthreadShouldPark() {
        return sched.kthreadShouldPark();
    }

    /** kthread_parkme(): sleeps in TASK_PARKED until unparked. */
    public void kthreadParkme() {
        sched.kthreadParkme();
    }

    /** kthread_park(): asks t to park and waits until it has. */
    public void kthreadPark(Task t) {
        sched.kthreadPark(t);
    }

    /** kthread_unpark(): a per-CPU kthread gets its CPU binding back and runs again. */
    public void kthreadUnpark(Task t) {
        sched.kthreadUnpark(t);
    }

    /** The task exits (its code returned): switch to the next one. */
    void taskExit(PerCpu c, Task t) {
        sched.taskExit(c, t);
    }

    // ---------------------------------------------------------------- user mode and context tracking

    /**
     * The value at addr in memory now (the coherence-latest), for checkers and reports: not a
     * step and not an access of simulated code.
     */
    public long machineMemoryPeek(long addr) {
        return insn.peek(addr);
    }

    /** The address of CPU cpu's context-tracking counter: odd while RCU watches it. */
    public long ctCounterAddr(int cpu) {
        return Address.of(env.cpu(cpu).ctCounterLoc);
    }

    /** Whether RCU watches this CPU now (rcu_is_watching()). */
    public boolean rcuIsWatching() {
        return (mem.latestValue(thisCpu().ctCounterLoc) & 1) != 0;
    }

    /** Whether the tick interrupted the idle loop (rcu_is_cpu_rrupt_from_idle()). */
    public boolean interruptedIdle() {
        PerCpu c = thisCpu();
        return c.curr == c.idle && c.ctNesting == 0 && c.ctIrqNesting == 1;
    }

    /** Returns to user mode: context tracking leaves the kernel (RCU stops watching). */
    public void enterUser() {
        sched.enterUser();
    }

    /** n steps of user-mode code; interrupts and preemption may come between them. */
    public void userWork(int n) {
        sched.userWork(n);
    }

    /** Enters the kernel from user mode (a system call): RCU watches again. */
    public void exitUser() {
        sched.exitUser();
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
        return irqs.callFunctionSingle(env.cpu(cpu), func, wait);
    }

    /** irq_work_queue(): runs work in hardirq context on this CPU soon. */
    public boolean irqWorkQueue(IrqWork work) {
        return irqs.irqWorkQueue(thisCpu(), work);
    }

    // ---------------------------------------------------------------- timers

    /** mod_timer(): (re)arms t to run at jiffies expires, on this CPU unless pinned elsewhere. */
    public void modTimer(TimerList t, long expires) {
        timerApi.modTimer(t, expires);
    }

    /** add_timer_on(). */
    public void addTimerOn(TimerList t, long expires, int cpu) {
        timerApi.addTimerOn(t, expires, cpu);
    }

    /** del_timer(): true if it was pending. */
    public boolean delTimer(TimerList t) {
        return timerApi.delTimer(t);
    }

    /**
     * schedule_timeout(): sleeps (in the state the caller set) until woken or for at most
     * timeout jiffies; returns the jiffies left.
     */
    public long scheduleTimeout(long timeout) {
        return timerApi.scheduleTimeout(timeout);
    }

    /** schedule_timeout_interruptible(). */
    public long scheduleTimeoutInterruptible(long timeout) {
        return timerApi.scheduleTimeoutInterruptible(timeout);
    }

    // ---------------------------------------------------------------- lockdep-aware locks

    public void mutexLock(Mutex mtx) {
        mtx.lock(this);
    }

    public void mutexUnlock(Mutex mtx) {
        mtx.unlock(this);
    }

    public boolean mutexTrylock(Mutex mtx) {
        return mtx.trylock(this);
    }

    /** raw_spin_lock(): preemption off, lockdep, then the acquire (spinning without decisions). */
    public void rawSpinLock(RawSpinlock l) {
        spinlocks.rawSpinLock(l);
    }

    public boolean rawSpinTrylock(RawSpinlock l) {
        return spinlocks.rawSpinTrylock(l);
    }

    public void rawSpinUnlock(RawSpinlock l) {
        spinlocks.rawSpinUnlock(l);
    }

    public void rawSpinLockIrq(RawSpinlock l) {
        spinlocks.rawSpinLockIrq(l);
    }

    public void rawSpinUnlockIrq(RawSpinlock l) {
        spinlocks.rawSpinUnlockIrq(l);
    }

    public long rawSpinLockIrqsave(RawSpinlock l) {
        return spinlocks.rawSpinLockIrqsave(l);
    }

    public void rawSpinUnlockIrqrestore(RawSpinlock l, long flags) {
        spinlocks.rawSpinUnlockIrqrestore(l, flags);
    }

    // ---------------------------------------------------------------- lockdep assertions

    public void lockdepAssertHeld(Object lock) {
        lockdep.assertHeld(env.current(), lock);
    }

    public void lockdepAssertNoneHeldOnce() {
        lockdep.assertNoneHeld(env.current());
    }

    public void lockdepAssertIrqsDisabled() {
        debug.lockdepAssertIrqsDisabled();
    }

    public void lockdepAssertPreemptionDisabled() {
        debug.lockdepAssertPreemptionDisabled();
    }

    // ---------------------------------------------------------------- sequence counts and seqlocks

    /** read_seqcount_begin(): the count, waiting while it is odd, then smp_rmb(). */
    public long readSeqcountBegin(Seqcount s) {
        return SeqlockOps.readSeqcountBegin(this, s);
    }

    /** raw_read_seqcount_begin(): as read_seqcount_begin() (lockdep has no seqcount readers here). */
    public long rawReadSeqcountBegin(Seqcount s) {
        return SeqlockOps.readSeqcountBegin(this, s);
    }

    /** raw_read_seqcount(): the count, odd or not, then smp_rmb(). */
    public long rawReadSeqcount(Seqcount s) {
        return SeqlockOps.rawReadSeqcount(this, s);
    }

    /** read_seqcount_retry(): smp_rmb(), then whether the count moved since start. */
    public boolean readSeqcountRetry(Seqcount s, long start) {
        return SeqlockOps.readSeqcountRetry(this, s, start);
    }

    /** write_seqcount_begin(): lockdep's writer check (the lock held, or preemption off), count odd, smp_wmb(). */
    public void writeSeqcountBegin(Seqcount s) {
        SeqlockOps.writeSeqcountBegin(this, s);
    }

    /** raw_write_seqcount_begin(): without lockdep's check. */
    public void rawWriteSeqcountBegin(Seqcount s) {
        SeqlockOps.rawWriteSeqcountBegin(this, s);
    }

    /** write_seqcount_end(): smp_wmb(), count even. */
    public void writeSeqcountEnd(Seqcount s) {
        SeqlockOps.writeSeqcountEnd(this, s);
    }

    /** raw_write_seqcount_end(). */
    public void rawWriteSeqcountEnd(Seqcount s) {
        SeqlockOps.writeSeqcountEnd(this, s);
    }

    /** write_seqcount_invalidate(): every read section in flight will retry. */
    public void writeSeqcountInvalidate(Seqcount s) {
        SeqlockOps.writeSeqcountInvalidate(this, s);
    }

    public long readSeqbegin(Seqlock sl) {
        return SeqlockOps.readSeqbegin(this, sl);
    }

    public boolean readSeqretry(Seqlock sl, long start) {
        return SeqlockOps.readSeqretry(this, sl, start);
    }

    /** write_seqlock(): spin_lock(), then the count odd and smp_wmb(). */
    public void writeSeqlock(Seqlock sl) {
        SeqlockOps.writeSeqlock(this, sl);
    }

    public void writeSequnlock(Seqlock sl) {
        SeqlockOps.writeSequnlock(this, sl);
    }

    public void writeSeqlockBh(Seqlock sl) {
        SeqlockOps.writeSeqlockBh(this, sl);
    }

    public void writeSequnlockBh(Seqlock sl) {
        SeqlockOps.writeSequnlockBh(this, sl);
    }

    public void writeSeqlockIrq(Seqlock sl) {
        SeqlockOps.writeSeqlockIrq(this, sl);
    }

    public void writeSequnlockIrq(Seqlock sl) {
        SeqlockOps.writeSequnlockIrq(this, sl);
    }

    public long writeSeqlockIrqsave(Seqlock sl) {
        return SeqlockOps.writeSeqlockIrqsave(this, sl);
    }

    public void writeSequnlockIrqrestore(Seqlock sl, long flags) {
        SeqlockOps.writeSequnlockIrqrestore(this, sl, flags);
    }

    /** read_seqlock_excl(): a reader that shuts out writers by taking their lock. */
    public void readSeqlockExcl(Seqlock sl) {
        SeqlockOps.readSeqlockExcl(this, sl);
    }

    public void readSequnlockExcl(Seqlock sl) {
        SeqlockOps.readSequnlockExcl(this, sl);
    }

    public long readSeqlockExclIrqsave(Seqlock sl) {
        return SeqlockOps.readSeqlockExclIrqsave(this, sl);
    }

    public void readSequnlockExclIrqrestore(Seqlock sl, long flags) {
        SeqlockOps.readSequnlockExclIrqrestore(this, sl, flags);
    }

    /** read_seqbegin_or_lock(): lockless for an even seq, locked for an odd one; returns the new seq. */
    public long readSeqbeginOrLock(Seqlock sl, long seq) {
        return SeqlockOps.readSeqbeginOrLock(this, sl, seq);
    }

    public boolean needSeqretry(Seqlock sl, long seq) {
        return SeqlockOps.needSeqretry(this, sl, seq);
    }

    public void doneSeqretry(Seqlock sl, long seq) {
        SeqlockOps.doneSeqretry(this, sl, seq);
    }

    /** raw_write_seqcount_latch(): smp_wmb(), count + 1, smp_wmb(). */
    public void rawWriteSeqcountLatch(SeqcountLatch s) {
        SeqlockOps.rawWriteSeqcountLatch(this, s);
    }

    /** read_seqcount_latch(): the count; read copy (seq &amp; 1). */
    public long readSeqcountLatch(SeqcountLatch s) {
        return SeqlockOps.readSeqcountLatch(this, s);
    }

    public boolean readSeqcountLatchRetry(SeqcountLatch s, long start) {
        return SeqlockOps.readSeqcountLatchRetry(this, s, start);
    }

    // ---------------------------------------------------------------- CPU hotplug

    /** cpuhp_setup_state(): a step run when CPUs come up (startup) and go down (teardown). */
    public void cpuhpSetup(String name, CpuhpGroup group, CpuhpCallback startup, CpuhpCallback teardown) {
        hotplug.setup(name, group, startup, teardown);
    }

    /** remove_cpu(): takes cpu offline; called from a task (the control task). */
    public void cpuDown(int cpu) {
        hotplug.down(env.cpu(cpu));
    }

    /** add_cpu(): brings cpu back online. */
    public void cpuUp(int cpu) {
        hotplug.up(env.cpu(cpu));
    }

    public boolean cpuOnline(int cpu) {
        return env.cpu(cpu).hw.online;
    }

    /** cpu_online_mask as a sorted array of CPU numbers. */
    public int[] cpuOnlineMask() {
        int[] out = new int[env.runQueues.onlineCount()];
        int k = 0;
        for (PerCpu c : env.cpus) {
            if (c.hw.online) {
                out[k++] = c.id;
            }
        }
        return out;
    }

    public int numOnlineCpus() {
        return env.runQueues.onlineCount();
    }

    /** Whether the calling task is orchestrating cpu's hotplug operation now. */
    public boolean orchestratesHotplugOf(int cpu) {
        return env.inSimulatedCode() && hotplug.orchestrator(env.cpu(cpu)) == current();
    }

    // ---------------------------------------------------------------- boot

    /** Idle tasks, ksoftirqd, context-tracking counters: the environment of a kernel config. */
    void bootKernelEnvironment() {
        sched.bootKernelEnvironment();
    }

}
