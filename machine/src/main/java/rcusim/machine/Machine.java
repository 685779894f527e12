package rcusim.machine;

import rcusim.machine.decide.DecisionLog;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;
import rcusim.machine.decide.SteeringDecider;
import rcusim.machine.memory.MemOp;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemoryRules;
import rcusim.machine.memory.MemorySystem;
import rcusim.machine.strand.Strand;
import rcusim.machine.strand.StrandFactory;

/**
 * The simulated machine and its decision loop: list the enabled options (step a CPU's running
 * context, drain a store-buffer entry, take a pending interrupt), ask the {@link Decider},
 * perform the option, let the {@link OperatingSystem} advance time, repeat until the software
 * says its workload is done, nothing can happen any more (deadlock) or the step limit is hit
 * (livelock). The machine is the hardware: CPUs, memory, the instructions that use them; it
 * sees the kernel only through {@link OperatingSystem}.
 *
 * <p>One run happens on one Java thread. Every context (a task, the scheduler preempting a
 * task, a hardirq) runs as a {@link Strand} that posts one operation at a time and parks until
 * the machine decides to perform it. Choices made inside an operation (which value a load
 * reads, where a woken task runs, which task runs next, whether a tick asks for a reschedule)
 * are decisions too, asked through {@link #decide}.
 *
 * <p>Why this class is long (about 850 lines): it is the per-step hot path, and the parts that
 * make a step cheap share its per-step state (the option arrays, the stepped context, the
 * counters): the inline continuation of a strand ({@link #continueInline}), the kept offers
 * ({@link CpuOffers}), vCPU freezes and the DPOR recorder hooks. What has state of its own
 * already lives apart ({@link CpuOffers}, {@link VcpuFreeze}, {@link StepRecorder}); splitting
 * the loop itself would put a call and a field indirection into every step.
 */
public final class Machine {
    private final MachineConfig config;
    private final MemorySystem memory;
    private final StrandFactory strands;
    private final Cpu[] cpus;
    private final Instructions instructions;
    private OperatingSystem os;
    private DecisionLog decisions = new DecisionLog();
    private final StringBuilder trace;
    private boolean booted;
    /** Kernel objects made so far ({@link #newKernelObject}). */
    private int kernelObjects;

    private Context current;
    /** Told of each memory step, or null (the usual case: one null check per step). */
    AccessListener accessListener;
    private Decider decider;
    /** The decider when it acts before each step (a scripted schedule), else null. */
    private SteeringDecider steering;
    private long steps;
    /** Records each step's footprint while a {@link StepObserver} decides, else null. */
    private StepRecorder recorder;
    /** The CPU of the last STEP performed, or -1. */
    private int lastStepCpu = -1;

    // the options of the current step decision
    private int optCount;
    /** CPUs that offered at least one option at this step. */
    private int busyCpus;
    /** Each option's {@link OptionKind} ordinal: a byte store per option, not a reference store. */
    private byte[] optKind;
    private int[] optCpu;
    private int[] optArg;
    /**
     * The options' part of {@link StepOptions#fingerprint}, folded in as they are added: the
     * fold of their (cpu, kind) values, and 31 to the power of their number.
     */
    private int optFold;
    private int optPow;
    private static final OptionKind[] KINDS = OptionKind.values();
    private static final byte STEP = (byte) OptionKind.STEP.ordinal();
    private static final byte DRAIN = (byte) OptionKind.DRAIN.ordinal();
    private static final byte INTERRUPT = (byte) OptionKind.INTERRUPT.ordinal();
    private final StepOptions stepOptions = new StepOptions();
    private final VcpuFreeze freeze;
    private final InnerChoice innerChoice = new InnerChoice();

    /** {@link #nextOption}: the run is over. */
    private static final int END = -1;
    /** {@link #inlineNext}: nothing decided inline. */
    private static final int NONE = -2;
    /** The context a STEP option is running now, resumed by the loop itself (see {@link #park}); else null. */
    private Context stepped;
    /**
     * Set by a strand that finished a step and chose the next option inline but had to park
     * after all (another CPU's option, or the end): the option, or {@link #END}, for the loop
     * to go on with; {@link #NONE} otherwise.
     */
    private int inlineNext = NONE;
    /** What the inline loop threw, for the loop to throw once the strand has parked. */
    private Throwable inlineFailure;
    /** Whether a strand may go on inline (see {@link #park}); off only to compare. */
    private boolean inlineSteps = true;
    /** Steps a strand went on with without parking. */
    private long inlineStepCount;

    /**
     * CPUs that may offer an option. A CPU halted in WFI (or dead) with nothing pending and an
     * empty store buffer offers none, and only another CPU or the clock can change that, by
     * the writes that call {@link #wake}; such a CPU leaves this set until then, so a step
     * costs the busy CPUs, not all of them (a 4096-CPU machine is mostly idle).
     */
    private final long[] awake;
    /** What each awake CPU offered when last looked at (see {@link CpuOffers}). */
    private final CpuOffers offers;
    /**
     * Test builds check at every step that no CPU left out of {@link #awake} would offer an
     * option and that the {@link CpuOffers} cache equals a fresh look at every CPU.
     */
    public static final boolean CHECK_DORMANT = Boolean.getBoolean("rcusim.machine.checkDormant");

    public Machine(MachineConfig config, StrandFactory strands, boolean tracing) {
        this.config = config;
        this.memory = new MemorySystem(config.model(), config.cpus(), config.staleWindow());
        this.strands = strands;
        this.cpus = new Cpu[config.cpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new Cpu(i);
        }
        awake = new long[(cpus.length + 63) >>> 6]; // a bit set, walked word by word in collectOptions
        for (int i = 0; i < cpus.length; i++) {
            awake[i >>> 6] |= 1L << i;
        }
        offers = new CpuOffers(cpus.length);
        this.trace = tracing ? new StringBuilder() : null;
        this.instructions = new Instructions(this);
        this.freeze = new VcpuFreeze(config.vcpuFreezeEvery(), cpus.length);
        int cap = Math.max(8, cpus.length * 2);
        optKind = new byte[cap];
        optCpu = new int[cap];
        optArg = new int[cap];
    }

    /**
     * Installs (or, with null, removes) the listener told of every memory step: the per-step
     * access record of the data-race detector. Before {@link #run}.
     */
    public void setAccessListener(AccessListener l) {
        accessListener = l;
    }

    /**
     * Simulated code used the kernel's or the machine's shared state outside a memory access
     * (an allocation): a partial-order reduction must order this step with every other.
     */
    public void sharedStateTouched() {
        if (recorder != null) {
            recorder.global();
        }
    }

    /**
     * A new kernel object: a piece of the kernel's Java state outside simulated memory that
     * code on several CPUs uses without a simulated lock, and that reports every use
     * ({@link #kernelObjectRead}, {@link #kernelObjectWritten}). A partial-order reduction then
     * orders a step that writes it with the steps that use it, not with every step as
     * {@link #sharedStateTouched} does. Before {@link #run}, in the same order in every run.
     */
    public int newKernelObject() {
        if (booted) {
            throw new IllegalStateException("kernel objects are made before the run");
        }
        return kernelObjects++;
    }

    /** Simulated code read kernel object k (see {@link #newKernelObject}). */
    public void kernelObjectRead(int k) {
        if (recorder != null) {
            recorder.kernelObject(k, false);
        }
    }

    /** Simulated code changed kernel object k (see {@link #newKernelObject}). */
    public void kernelObjectWritten(int k) {
        if (recorder != null) {
            recorder.kernelObject(k, true);
        }
    }

    /** The installed access listener, or null. */
    public AccessListener accessListener() {
        return accessListener;
    }

    /** Installs the software the machine runs; once, before {@link #run}. */
    public void install(OperatingSystem software) {
        if (os != null) {
            throw new IllegalStateException("the machine already runs an operating system");
        }
        os = software;
    }

    /**
     * Before {@link #run}: whether a stepped strand whose next option is its own step goes on
     * without parking (the default). Off, every step parks and the loop resumes the strand:
     * the same run, step for step, only slower (tests and benchmarks compare the two).
     */
    public void setInlineSteps(boolean on) {
        inlineSteps = on;
    }

    /**
     * Before {@link #run}: whether the options of a CPU that no event changed are taken from
     * {@link CpuOffers} (the default). Off, every awake CPU is looked at every step: the same
     * run, step for step, only slower (tests and benchmarks compare the two).
     */
    public void setOptionCache(boolean on) {
        offers.caching = on;
    }

    /** Test seam: a wrong cache, which forgets that some CPUs' offers depend on other CPUs. */
    void breakOptionCacheForTest() {
        offers.trackVolatile = false;
    }

    /** How many steps so far a strand went on with without parking. */
    public long inlineSteps() {
        return inlineStepCount;
    }

    public MachineConfig config() {
        return config;
    }

    /**
     * Before {@link #run}: do not record the decisions (they are counted and hashed: see
     * {@link DecisionLog#countingOnly()}).
     */
    public void skipRecording() {
        decisions = DecisionLog.countingOnly();
    }

    public MemorySystem memory() {
        return memory;
    }

    /** The CPU instructions simulated code executes (memory accesses, barriers, atomics, lock words). */
    public Instructions instructions() {
        return instructions;
    }

    public int cpuCount() {
        return cpus.length;
    }

    /** The event trace of the run so far ("" unless tracing was enabled). */
    public String trace() {
        return trace == null ? "" : trace.toString();
    }

    public long steps() {
        return steps;
    }

    /** CPU id; a CPU number out of range fails the run. */
    public Cpu cpu(int id) {
        if (id < 0 || id >= cpus.length) {
            throw new SimFailure(SimFailure.Kind.BAD_CPU,
                    "CPU " + id + " is out of range (the machine has CPUs 0 to " + (cpus.length - 1) + ")");
        }
        return cpus[id];
    }

    /** The context whose code is running now. */
    public Context current() {
        if (current == null) {
            throw new IllegalStateException("kernel API called outside simulated code");
        }
        return current;
    }

    public boolean inSimulatedCode() {
        return current != null;
    }

    /**
     * Called by simulated code that has posted an operation: it waits until the machine performs
     * it. When the loop's next choice is this very operation, the strand does not park at all:
     * it runs the loop's step on its own stack ({@link #continueInline}) and carries on, which
     * saves two continuation switches, the most a step costs.
     */
    public void park() {
        if (current != null && current == stepped && inlineSteps && continueInline(current)) {
            return;
        }
        strands.park();
    }

    /**
     * The loop's work between two steps, done on the stack of the strand x that was stepped
     * and has just posted its next operation: exactly what the loop would do after x parked,
     * in the same order (end of the step, next decision), so runs are the same step for step.
     * Drains run no strand, so x performs them too, as the loop would, and decides again.
     * True when the next option is x's own step (x goes on without parking); false when x
     * must park: the loop then goes on with {@link #inlineNext} or throws {@link #inlineFailure}.
     */
    private boolean continueInline(Context x) {
        Cpu c = x.cpu;
        if (os.running(c.id) != x || x.op == Op.START || x.op == Op.RESUME) {
            return false; // settle() has work after this step: the loop does it
        }
        current = null;
        try {
            endStep();
            int i = nextOption();
            while (i >= 0 && optKind[i] == DRAIN) {
                drain(cpus[optCpu[i]], optArg[i]);
                endStep();
                i = nextOption();
            }
            if (i >= 0 && optKind[i] == STEP && optCpu[i] == c.id && os.running(c.id) == x) {
                beginStep(c, x);
                inlineStepCount++;
                return true;
            }
            inlineNext = i;
        } catch (RuntimeException | Error e) {
            inlineFailure = e;
        } finally {
            current = x;
        }
        return false;
    }

    /** Whether the run keeps an event trace. */
    public boolean tracing() {
        return trace != null;
    }

    /** Appends an event of CPU cpu to the trace. */
    public void traceEvent(int cpu, String what) {
        if (trace != null) {
            trace.append(decisions.size()).append(' ').append(cpu).append(' ').append(what).append('\n');
        }
    }

    // ---------------------------------------------------------------- the run

    /** Runs the spawned code to the end under the given decider. */
    public RunResult run(Decider d) {
        this.decider = d;
        this.steering = d instanceof SteeringDecider s ? s : null;
        if (d instanceof StepObserver o) {
            recorder = new StepRecorder(this, o, accessListener);
            accessListener = recorder;
        }
        try {
            boot();
            // A step may also end, and the next begin, inside a strand (continueInline): work
            // done at every step belongs in nextOption, beginStep or endStep, not in this loop.
            int i = nextOption();
            while (i != END) {
                perform(i);
                if (inlineFailure != null) {
                    Throwable f = inlineFailure;
                    inlineFailure = null;
                    if (f instanceof Error e) {
                        throw e;
                    }
                    throw (RuntimeException) f;
                }
                if (inlineNext != NONE) {
                    // the strand ended this step and chose the next option before it parked
                    i = inlineNext;
                    inlineNext = NONE;
                    continue;
                }
                endStep();
                i = nextOption();
            }
            decisions.end(steps);
            return new RunResult(null, decisions.size(), steps, decisions);
        } catch (SimFailure f) {
            if (recorder != null) {
                recorder.failed();
            }
            decisions.end(steps);
            return new RunResult(f, decisions.size(), steps, decisions);
        } finally {
            if (recorder != null) {
                recorder.pending(os);
            }
            os.forEachContext(Machine::discard);
        }
    }

    /**
     * The next option to perform, or {@link #END}: lists the options (letting time pass while
     * none is enabled) and asks the decider when there is more than one.
     */
    private int nextOption() {
        while (true) {
            if (steering != null) {
                steering.beforeStep(steps);
                offers.allChanged(); // a scripted schedule may have acted
            }
            boolean draining = os.workloadDone();
            if (freeze.enabled()) {
                vcpuPreemption(draining);
            }
            int n = collectOptions(draining);
            if (draining && n == 0) {
                return END;
            }
            if (recorder != null && freeze.enabled()) {
                recorder.global(); // freezes and thaws are not tracked one by one
            }
            if (n == 0 && freeze.frozen() >= 0) {
                thawed(freeze.thaw(), "nothing else can run");
                continue;
            }
            if (n == 0) {
                if (os.advanceToNextEvent()) {
                    if (recorder != null) {
                        recorder.timeJumped();
                    }
                    continue;
                }
                throw new SimFailure(SimFailure.Kind.DEADLOCK, deadlockReport());
            }
            int i = n == 1 ? 0 : ask(stepOptions, n);
            offers.changed(optCpu[i]); // what the CPU offers next is looked at afresh
            if (recorder != null) {
                recorder.begin(KINDS[optKind[i]], optCpu[i], optArg[i], os);
            }
            return i;
        }
    }

    /** After an option was performed: count the step, let time pass, stop a livelock. */
    private void endStep() {
        steps++;
        os.stepped(busyCpus);
        if (recorder != null) {
            recorder.end(os);
        }
        if (steps > config.stepLimit()) {
            throw new SimFailure(SimFailure.Kind.LIVELOCK,
                    "no end after " + config.stepLimit() + " steps (livelock?)");
        }
    }

    /** Simulated code on cpu is about to spin_lock() after a lockless load (see {@link VcpuFreeze}). */
    void lockAfterLoad(int cpu) {
        freeze.lockAfterLoad(cpu, steps);
    }

    /**
     * Thaws a CPU whose freeze is over, fires an armed freeze, offers one to a CPU about to take
     * a lock after a lockless load, or to the CPU that stepped last.
     */
    private void vcpuPreemption(boolean draining) {
        int t = freeze.thawIfDue(steps);
        if (t >= 0) {
            thawed(t, "its stretch is over");
        }
        int a = freeze.armed();
        if (a >= 0 && freeze.frozen() < 0 && atSpinLock(a)) {
            frozen(a, freeze.fireArmed(steps), " before " + Op.LOCK.text, false);
        }
        int l = freeze.takeLockOffer();
        if (l >= 0 && !draining && freeze.frozen() < 0 && atSpinLock(l)) {
            long len = freeze.applyAtLock(l, decide(OptionKind.FREEZE, l, VcpuFreeze.lockOptions()), steps);
            if (len > 0) {
                frozen(l, len, " before " + Op.LOCK.text + " after a lockless load", true);
            }
        }
        if (draining || !freeze.offerDue(steps) || lastStepCpu < 0) {
            return;
        }
        int cpu = lastStepCpu;
        Context top = os.running(cpu);
        if (top == null || top.op == Op.WFI || top.op == Op.DEAD || top.op == Op.NONE) {
            return;
        }
        long len = freeze.apply(cpu, decide(OptionKind.FREEZE, cpu, VcpuFreeze.options()), steps);
        if (len > 0) {
            frozen(cpu, len, "", false);
        }
    }

    /** Whether cpu's running context has posted a spin_lock() (where both lock-aimed freezes land). */
    private boolean atSpinLock(int cpu) {
        Context top = os.running(cpu);
        return top != null && top.op == Op.LOCK;
    }

    private void frozen(int cpu, long len, String where, boolean afterLoad) {
        offers.changed(cpu);
        traceEvent(cpu, "vcpu frozen for " + len + " steps" + where);
        os.vcpuFrozen(cpu, len, afterLoad);
    }

    private void thawed(int cpu, String why) {
        traceEvent(cpu, "vcpu thawed: " + why);
        wake(cpu);
    }

    /** The CPU a hypervisor has descheduled now (see {@link VcpuFreeze}), or -1. */
    public int frozenCpu() {
        return freeze.frozen();
    }

    private static void discard(Context ctx) {
        if (ctx.strand != null && !ctx.strand.isDone()) {
            ctx.strand.discard();
        }
    }

    private void boot() {
        if (booted) {
            throw new IllegalStateException("a machine runs once");
        }
        booted = true;
        if (os == null) {
            throw new IllegalStateException("no operating system installed");
        }
        os.boot();
        for (Cpu c : cpus) {
            settle(c);
        }
        os.started();
    }

    /**
     * A decision inside an operation: n choices of the given kind for CPU cpu. Forced (n == 1)
     * choices are not asked.
     */
    public int decide(OptionKind kind, int cpu, int n) {
        if (n <= 1) {
            return 0;
        }
        if (recorder != null && kind != OptionKind.READ_VALUE) {
            recorder.global(); // a kernel choice: placement, pick, reschedule, freeze
        }
        innerChoice.set(kind, cpu, n);
        return ask(innerChoice, n);
    }

    private int ask(Options options, int n) {
        int i = decider.choose(options);
        if (i < 0 || i >= n) {
            throw new IllegalStateException("decider chose " + i + " of " + n + " options");
        }
        decisions.add(n, i, options.fingerprint());
        return i;
    }

    /**
     * Lists the enabled options; once every workload task has exited only the stores still
     * buffered are drained (they are part of the final state), so the run ends.
     */
    private int collectOptions(boolean drainOnly) {
        optCount = 0;
        optFold = 0;
        optPow = 1;
        busyCpus = 0;
        boolean buffers = config.model() != MemoryModel.SC;
        int frozen = freeze.frozen();
        for (int w = 0; w < awake.length; w++) {
            for (long bits = awake[w]; bits != 0; bits &= bits - 1) {
                int id = w << 6 | Long.numberOfTrailingZeros(bits);
                if ((offers.stale(id) || valueMoved(id)) && !look(id, buffers)) {
                    continue; // dormant
                }
                if (addOffers(id, !drainOnly && id != frozen)) {
                    busyCpus++;
                }
            }
        }
        if (CHECK_DORMANT) {
            checkOffers(buffers);
        }
        return optCount;
    }

    /** Whether CPU id waits on a location whose value may have changed since it was looked at. */
    private boolean valueMoved(int id) {
        return offers.waitsOnMemory[id] && offers.memoryVersion[id] != memory.version(offers.waitLocation[id]);
    }

    /** Adds CPU id's cached options (its step and interrupts only if it runs); whether there were any. */
    private boolean addOffers(int id, boolean runs) {
        int before = optCount;
        if (runs && offers.step[id]) {
            addOption(STEP, id, 0);
        }
        int d = offers.drains[id];
        for (int k = 0; k < d; k++) {
            addOption(DRAIN, id, k);
        }
        int irqs = offers.irqs[id];
        if (runs && irqs != 0) {
            for (Vector v : Vector.ALL) {
                if ((irqs & v.bit()) != 0) {
                    addOption(INTERRUPT, id, v.ordinal());
                }
            }
        }
        return optCount > before;
    }

    /**
     * Looks at CPU id afresh and records what it offers in {@link #offers}; false when it is
     * dormant, which takes it out of {@link #awake}.
     */
    private boolean look(int id, boolean buffers) {
        Cpu c = cpus[id];
        Context top = os.running(id);
        // enabled() once: dormant() is the same test and a halted CPU's (haltEnds) is pure
        boolean stepOk = top != null && enabled(c, top);
        if (!stepOk && halted(c, top)) {
            awake[id >>> 6] &= ~(1L << id);
            offers.dormant(id);
            return false;
        }
        int d = buffers ? memory.drainableCount(id) : 0;
        int irqs = takeableIrqs(c, top);
        CpuOffers.Dependence on = top == null ? CpuOffers.Dependence.NONE : dependence(c, top);
        offers.looked(id, stepOk, d, irqs, on, on == CpuOffers.Dependence.MEMORY ? top.loc : -1,
                on == CpuOffers.Dependence.MEMORY ? memory.version(top.loc) : 0);
        return true;
    }

    /** The pending vectors c may take now: none while its running context cannot be interrupted. */
    private static int takeableIrqs(Cpu c, Context top) {
        return c.pendingIrqs != 0 && c.interruptible(top) ? c.pendingIrqs : 0;
    }

    /**
     * What the readiness of c's operation (x's) reads that other CPUs change without a
     * {@link #wake}: a kernel condition (a wait), or the value of x's location (a lock word, a
     * conditional load's location, an atomic's value while c's own store buffer is not empty;
     * with it empty an atomic is always ready). The others wait only on c's own store buffer,
     * or, halted, on what the kernel calls {@link #wake} for (the same rule that lets a halted
     * CPU leave {@link #awake}).
     */
    private CpuOffers.Dependence dependence(Cpu c, Context x) {
        return switch (x.op) {
            case WAIT -> CpuOffers.Dependence.KERNEL;
            case LOCK, COND_LOAD -> onLocation(x.loc);
            case RMW -> memory.storeBufferEmpty(c.id) ? CpuOffers.Dependence.NONE : onLocation(x.loc);
            default -> CpuOffers.Dependence.NONE;
        };
    }

    /** A wait on location loc's value; on a location that does not exist, looked at every step as before. */
    private CpuOffers.Dependence onLocation(int loc) {
        return memory.exists(loc) ? CpuOffers.Dependence.MEMORY : CpuOffers.Dependence.KERNEL;
    }

    /**
     * Test builds: the cached offers of every awake CPU against a fresh look, and no CPU left
     * out of {@link #awake} able to act (a missing {@link #wake}).
     */
    private void checkOffers(boolean buffers) {
        for (Cpu c : cpus) {
            Context top = os.running(c.id);
            if ((awake[c.id >>> 6] & 1L << c.id) == 0) {
                if (!dormant(c, top)) {
                    throw new IllegalStateException("CPU " + c.id + " was left dormant but can act (a missing wake())");
                }
                continue;
            }
            boolean stepOk = top != null && enabled(c, top);
            int d = buffers ? memory.drainableCount(c.id) : 0;
            int irqs = takeableIrqs(c, top);
            if (stepOk != offers.step[c.id] || d != offers.drains[c.id] || irqs != offers.irqs[c.id]) {
                throw new IllegalStateException("step " + steps + ": CPU " + c.id + " offers step " + stepOk + ", "
                        + d + " drains, irqs " + irqs + " (" + (top == null ? "no context" : top.name + " in " + top.op)
                        + "), but its cached offers say " + offers.step[c.id] + ", " + offers.drains[c.id] + ", "
                        + offers.irqs[c.id] + " (a missing CpuOffers.changed())");
            }
        }
    }

    /**
     * Halted (WFI or dead) with nothing to drain, no pending interrupt and no reason to wake.
     * Only a task's context halts, so a halted top context means no hardirq runs over it.
     */
    private boolean dormant(Cpu c, Context top) {
        return halted(c, top) && !enabled(c, top);
    }

    /** {@link #dormant} but for the halt's end, which the caller has looked at. */
    private boolean halted(Cpu c, Context top) {
        return top != null && (top.op == Op.WFI || top.op == Op.DEAD) && c.pendingIrqs == 0
                && memory.storeBufferEmpty(c.id);
    }

    /**
     * Something another CPU or the clock did may let c act again (an interrupt raised, a
     * reschedule asked, a boot requested): it is looked at in the next step.
     */
    public void wake(int cpu) {
        awake[cpu >>> 6] |= 1L << cpu;
        offers.changed(cpu);
        if (recorder != null) {
            recorder.global();
        }
    }

    private void addOption(byte kind, int cpu, int arg) {
        if (optCount == optKind.length) {
            optKind = java.util.Arrays.copyOf(optKind, optCount * 2);
            optCpu = java.util.Arrays.copyOf(optCpu, optCount * 2);
            optArg = java.util.Arrays.copyOf(optArg, optCount * 2);
        }
        optKind[optCount] = kind;
        optCpu[optCount] = cpu;
        optArg[optCount] = arg;
        optCount++;
        optFold = optFold * 31 + (cpu << 2 | kind);
        optPow *= 31;
    }

    /**
     * Whether context x may act now. A memory operation follows the memory rules, the same the
     * litmus runner is graded by; the rest wait on the kernel.
     */
    private boolean enabled(Cpu c, Context x) {
        MemOp m = x.op.memOp;
        if (m != null) {
            return MemoryRules.ready(memory, c.id, m, x.loc, x.rmw, x.a, x.b, x.ordering, x.condition);
        }
        return switch (x.op) {
            case WFI, DEAD -> os.haltEnds(c.id, x);
            case WAIT -> x.waitCondition.getAsBoolean();
            default -> true;
        };
    }

    private void perform(int i) {
        Cpu c = cpus[optCpu[i]];
        byte kind = optKind[i];
        if (kind == DRAIN) {
            drain(c, optArg[i]);
        } else if (kind == INTERRUPT) {
            os.interrupt(c.id, Vector.ALL[optArg[i]]);
        } else {
            Context x = os.running(c.id);
            beginStep(c, x);
            stepped = x;
            try {
                resume(c, x);
            } finally {
                stepped = null;
            }
        }
    }

    /** Drains the k-th drainable entry of c's store buffer. */
    private void drain(Cpu c, int k) {
        int l = memory.drainableLocation(c.id, k);
        if (!memory.isLive(l)) {
            throw new SimFailure(SimFailure.Kind.USE_AFTER_FREE, "CPU " + c.id
                    + "'s store to location " + l + " reached memory after the location was freed");
        }
        memory.drain(c.id, k);
        if (trace != null) {
            traceEvent(c.id, "drain " + l + " " + memory.latestValue(l));
        }
    }

    /** What a STEP decides before x runs: the value a load reads. */
    private void beginStep(Cpu c, Context x) {
        lastStepCpu = c.id;
        x.choice = 0;
        if (x.op == Op.LOAD || x.op == Op.LOAD_ACQUIRE) {
            int n = MemoryRules.loadChoices(memory, c.id, x.loc);
            x.choice = decide(OptionKind.READ_VALUE, c.id, n);
        }
    }

    /**
     * Runs context x on CPU c up to its next posted operation, then handles its end; a context
     * that the CPU switched to and that has not run yet (a task switched in) runs on at once,
     * as a switch is not a step of its own.
     */
    public void resume(Cpu c, Context x) {
        resumeOnce(c, x);
        if (inlineNext == NONE && inlineFailure == null) {
            settle(c); // else the strand found nothing to settle before it went on inline
        }
    }

    private void settle(Cpu c) {
        Context t = os.running(c.id);
        while (t != null && (t.op == Op.START || t.op == Op.RESUME)) {
            resumeOnce(c, t);
            t = os.running(c.id);
        }
    }

    /** Gives context x a strand running body, to start at its first step. */
    public void start(Context x, Runnable body) {
        x.strand = strands.create(x.name, body);
    }

    private void resumeOnce(Cpu c, Context x) {
        x.cpu = c;
        Context saved = current;
        current = x;
        boolean finished;
        try {
            finished = x.strand.resume();
        } catch (RuntimeException e) {
            throw unwrap(e);
        } finally {
            current = saved;
        }
        if (finished) {
            x.op = Op.NONE;
            os.contextEnded(x);
        }
    }

    private static RuntimeException unwrap(RuntimeException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof SimFailure f) {
                return f;
            }
            t = t.getCause();
        }
        return e;
    }

    private String deadlockReport() {
        StringBuilder sb = new StringBuilder("deadlock: nothing can run");
        for (Cpu c : cpus) {
            Context top = os.running(c.id);
            if (top == null || top.op == Op.WFI || top.op == Op.DEAD) {
                continue;
            }
            sb.append("\n  CPU ").append(c.id).append(" (").append(top.name).append(") waits in ")
                    .append(top.op.text);
            if (top.waitsFor != null) {
                sb.append(" for ").append(top.waitsFor);
            } else if (top.loc >= 0) {
                sb.append(" on location ").append(top.loc);
                String holder = instructions.lockHolder(top.loc);
                if (holder != null) {
                    sb.append(", held by ").append(holder);
                }
            }
            if (c.irqsDisabled) {
                sb.append(" with irqs disabled");
            }
        }
        return sb.append(os.deadlockDetail()).toString();
    }

    /** The options of a step decision, as the decider sees them. */
    private final class StepOptions implements Options {
        @Override
        public int size() {
            return optCount;
        }

        @Override
        public OptionKind kind(int i) {
            return KINDS[optKind[i]];
        }

        @Override
        public int cpu(int i) {
            return optCpu[i];
        }

        @Override
        public int arg(int i) {
            return optArg[i];
        }

        @Override
        public int drainLocation(int i) {
            return optKind[i] == DRAIN ? memory.drainableLocation(optCpu[i], optArg[i]) : -1;
        }

        @Override
        public long step() {
            return steps;
        }

        @Override
        public int lastStepCpu() {
            return lastStepCpu;
        }

        /** {@link Options#fingerprint}'s hash, its options' part folded in by {@link #addOption}. */
        @Override
        public int fingerprint() {
            return (Long.hashCode(steps) * 31 + optCount) * optPow + optFold;
        }
    }

    /** A choice inside an operation: n alternatives of one kind for one CPU. */
    private final class InnerChoice implements Options {
        private OptionKind kind;
        private int cpu;
        private int n;

        void set(OptionKind k, int c, int count) {
            kind = k;
            cpu = c;
            n = count;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public OptionKind kind(int i) {
            return kind;
        }

        @Override
        public int cpu(int i) {
            return cpu;
        }

        @Override
        public long step() {
            return steps;
        }

        /** {@link Options#fingerprint}'s hash without its calls per option: they are all alike. */
        @Override
        public int fingerprint() {
            int h = Long.hashCode(steps) * 31 + n;
            int x = cpu << 2 | kind.ordinal();
            for (int i = 0; i < n; i++) {
                h = h * 31 + x;
            }
            return h;
        }
    }
}
