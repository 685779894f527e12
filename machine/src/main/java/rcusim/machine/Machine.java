package rcusim.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import rcusim.machine.decide.DecisionLog;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemorySystem;
import rcusim.machine.strand.Strand;
import rcusim.machine.strand.StrandFactory;

/**
 * The simulated machine and its decision loop: list the enabled options (step a CPU's running
 * context, drain a store-buffer entry, take a pending interrupt), ask the {@link Decider},
 * perform the option, advance virtual time, repeat until every workload task has exited,
 * nothing can happen any more (deadlock) or the step limit is hit (livelock).
 *
 * <p>One run happens on one Java thread. Every context (a task, the scheduler preempting a
 * task, a hardirq) runs as a {@link Strand} that posts one operation at a time and parks until
 * the machine decides to perform it. Choices made inside an operation (which value a load
 * reads, where a woken task runs, which task runs next, whether a tick asks for a reschedule)
 * are decisions too, asked through {@link #decide}.
 */
public final class Machine {
    private final MachineConfig config;
    private final MemorySystem memory;
    private final StrandFactory strands;
    final Cpu[] cpus;
    private final Kernel kernel;
    private DecisionLog decisions = new DecisionLog();
    private final StringBuilder trace;
    final Scheduler scheduler;
    final Clock clock;
    final Tracepoints tracepoints;
    KernelHooks hooks = KernelHooks.NONE;

    final List<Task> tasks = new ArrayList<>();
    /** "Sometimes" events this run reached (coverage), in name order. */
    private final java.util.TreeSet<String> coverage = new java.util.TreeSet<>();
    private int nextPid = 1;
    private long armSeq;
    private int liveWorkload;
    private boolean booted;

    private Context current;
    private Decider decider;
    private long steps;
    /** The CPU of the last STEP performed, or -1. */
    private int lastStepCpu = -1;

    // the options of the current step decision
    private int optCount;
    /** CPUs that offered at least one option at this step. */
    private int busyCpus;
    private OptionKind[] optKind;
    private int[] optCpu;
    private int[] optArg;
    private final StepOptions stepOptions = new StepOptions();
    private final InnerChoice innerChoice = new InnerChoice();

    /**
     * CPUs that may offer an option. A CPU halted in WFI (or dead) with nothing pending and an
     * empty store buffer offers none, and only another CPU or the clock can change that, by
     * the writes that call {@link #wake}; such a CPU leaves this set until then, so a step
     * costs the busy CPUs, not all of them (a 4096-CPU machine is mostly idle).
     */
    private final java.util.BitSet awake = new java.util.BitSet();
    /** Test builds check that no CPU left out of {@link #awake} would offer an option. */
    static final boolean CHECK_DORMANT = Boolean.getBoolean("rcusim.machine.checkDormant");

    public Machine(MachineConfig config, StrandFactory strands, boolean tracing) {
        this.config = config;
        this.memory = new MemorySystem(config.model(), config.cpus(), config.staleWindow());
        this.strands = strands;
        this.cpus = new Cpu[config.cpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new Cpu(i);
        }
        awake.set(0, cpus.length);
        this.scheduler = new Scheduler(this);
        this.clock = new Clock(this);
        this.kernel = new Kernel(this);
        this.trace = tracing ? new StringBuilder() : null;
        this.tracepoints = new Tracepoints(this, tracing);
        int cap = Math.max(8, cpus.length * 2);
        optKind = new OptionKind[cap];
        optCpu = new int[cap];
        optArg = new int[cap];
    }

    public Machine(MachineConfig config) {
        this(config, StrandFactory.best(), false);
    }

    public MachineConfig config() {
        return config;
    }

    /**
     * Before {@link #run}: record neither the decisions (they are counted and hashed: see
     * {@link DecisionLog#countingOnly()}) nor, in lockdep's records, where locks were taken (a
     * stack walk at every lock operation, a quarter of a torture run's allocation; reports then
     * say "(site not recorded)"). Lockdep checks the same rules either way, and the failure's
     * first line, its signature, names no site. For a campaign's runs: a failing one is run
     * again in full for its replay file.
     */
    public void skipRecording() {
        decisions = DecisionLog.countingOnly();
        kernel.lockdep.sites = false;
    }

    KernelConfig kernelConfig() {
        return config.kernel();
    }

    public MemorySystem memory() {
        return memory;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** Sets the subsystem hooks (RCU's), before the run. */
    public void setHooks(KernelHooks h) {
        hooks = h;
    }

    /** The event trace of the run so far ("" unless tracing was enabled). */
    public String trace() {
        return trace == null ? "" : trace.toString();
    }

    /** Statistics simulated code counted (Kernel.count()), in name order. */
    private final java.util.TreeMap<String, Long> counters = new java.util.TreeMap<>();

    public java.util.SortedMap<String, Long> counters() {
        return java.util.Collections.unmodifiableSortedMap(counters);
    }

    void count(String name, long delta) {
        counters.merge(name, delta, Long::sum);
    }

    /** The coverage events the run reached, in name order. */
    public java.util.SortedSet<String> coverage() {
        return java.util.Collections.unmodifiableSortedSet(coverage);
    }

    void cover(String event) {
        coverage.add(event);
    }

    /** The kernel trace events of the run in ftrace's text format (empty unless tracing). */
    public String ftrace() {
        return tracepoints.tracer.text();
    }

    /** Virtual nanoseconds since boot. */
    public long nowNs() {
        return clock.nowNs;
    }

    public long steps() {
        return steps;
    }

    // ---------------------------------------------------------------- tasks

    /**
     * A workload kthread bound to cpu, runnable from the start: the run ends once every
     * workload task has exited.
     */
    public Task spawn(int cpu, String name, Consumer<Kernel> body) {
        Cpu c = cpu(cpu);
        Task t = newTask(name, Task.Kind.KTHREAD, true, body);
        t.boundCpu = cpu;
        scheduler.enqueueAtBoot(c, t);
        return t;
    }

    /**
     * A kthread runnable at boot that the run does not wait for (a subsystem's kthread, such as
     * RCU's grace-period kthread); bound to cpu when bound is true.
     */
    public Task spawnKthread(int cpu, String name, boolean bound, Consumer<Kernel> body) {
        Task t = newTask(name, Task.Kind.KTHREAD, false, body);
        if (bound) {
            t.boundCpu = cpu;
        }
        scheduler.enqueueAtBoot(cpu(cpu), t);
        return t;
    }

    /** A workload task that may run on any CPU, first placed on cpu. */
    public Task spawnUnbound(int cpu, String name, Task.Kind kind, Consumer<Kernel> body) {
        Task t = newTask(name, kind, true, body);
        scheduler.enqueueAtBoot(cpu(cpu), t);
        return t;
    }

    Task newTask(String name, Task.Kind kind, boolean workload, Consumer<Kernel> body) {
        Task t = new Task(kind == Task.Kind.IDLE ? 0 : nextPid++, name, kind, workload);
        Context ctx = new Context(ContextKind.TASK, t, name, null);
        ctx.strand = strands.create(name, () -> body.accept(kernel));
        t.stack.add(ctx);
        tasks.add(t);
        if (workload) {
            liveWorkload++;
        }
        return t;
    }

    /** A context running body on top of task t (the scheduler preempting it at irq exit). */
    Context pushTaskContext(Task t, Cpu c, String name, Runnable body) {
        Context ctx = new Context(ContextKind.TASK, t, name, c);
        ctx.strand = strands.create(name, body);
        t.stack.add(ctx);
        return ctx;
    }

    Context pushIrqContext(Cpu c, String name, Runnable body) {
        Context ctx = new Context(ContextKind.HARDIRQ, c.curr, name, c);
        ctx.strand = strands.create(name, body);
        c.irqStack.add(ctx);
        return ctx;
    }

    void taskExited(Task t) {
        t.state = TaskState.DEAD;
        if (t.workload) {
            liveWorkload--;
        }
    }

    long nextArmSeq() {
        return ++armSeq;
    }

    Cpu cpu(int id) {
        if (id < 0 || id >= cpus.length) {
            throw new SimFailure(SimFailure.Kind.BAD_CPU,
                    "CPU " + id + " is out of range (the machine has CPUs 0 to " + (cpus.length - 1) + ")");
        }
        return cpus[id];
    }

    Context current() {
        if (current == null) {
            throw new IllegalStateException("kernel API called outside simulated code");
        }
        return current;
    }

    boolean inSimulatedCode() {
        return current != null;
    }

    /** Called by simulated code that has posted an operation: it waits until the machine performs it. */
    void park() {
        strands.park();
    }

    boolean tracing() {
        return trace != null;
    }

    void traceEvent(Cpu c, String what) {
        if (trace != null) {
            trace.append(decisions.size()).append(' ').append(c.id).append(' ').append(what).append('\n');
        }
    }

    // ---------------------------------------------------------------- the run

    /** Runs the spawned code to the end under the given decider. */
    public RunResult run(Decider d) {
        this.decider = d;
        try {
            boot();
            while (true) {
                boolean draining = liveWorkload == 0;
                int n = collectOptions(draining);
                if (draining && n == 0) {
                    break;
                }
                if (n == 0) {
                    if (clock.advanceToNextEvent()) {
                        continue;
                    }
                    throw new SimFailure(SimFailure.Kind.DEADLOCK, deadlockReport());
                }
                int i = n == 1 ? 0 : ask(stepOptions, n);
                perform(i);
                steps++;
                clock.tick(busyCpus);
                if (steps > config.stepLimit()) {
                    throw new SimFailure(SimFailure.Kind.LIVELOCK,
                            "no end after " + config.stepLimit() + " steps (livelock?)");
                }
            }
            decisions.end(steps);
            return new RunResult(null, decisions.size(), steps, decisions);
        } catch (SimFailure f) {
            decisions.end(steps);
            return new RunResult(f, decisions.size(), steps, decisions);
        } finally {
            for (Task t : tasks) {
                for (Context ctx : t.stack) {
                    discard(ctx);
                }
            }
            for (Cpu c : cpus) {
                for (Context ctx : c.irqStack) {
                    discard(ctx);
                }
            }
        }
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
        if (kernelConfig().idleTasks()) {
            kernel.bootKernelEnvironment();
        }
        for (Cpu c : cpus) {
            scheduler.startCpu(c);
        }
        for (Cpu c : cpus) {
            settle(c);
        }
        clock.start();
    }

    /**
     * A decision inside an operation: n choices of the given kind for CPU cpu. Forced (n == 1)
     * choices are not asked.
     */
    int decide(OptionKind kind, int cpu, int n) {
        if (n <= 1) {
            return 0;
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
        busyCpus = 0;
        boolean buffers = config.model() != MemoryModel.SC;
        for (int id = awake.nextSetBit(0); id >= 0; id = awake.nextSetBit(id + 1)) {
            Cpu c = cpus[id];
            Context top = c.top();
            if (dormant(c, top)) {
                awake.clear(id);
                continue;
            }
            int before = optCount;
            if (!drainOnly && top != null && enabled(c, top)) {
                addOption(OptionKind.STEP, c.id, 0);
            }
            if (buffers) {
                int d = memory.drainableCount(c.id);
                for (int k = 0; k < d; k++) {
                    addOption(OptionKind.DRAIN, c.id, k);
                }
            }
            if (!drainOnly && c.pendingIrqs != 0 && c.interruptible()) {
                for (Vector v : Vector.ALL) {
                    if ((c.pendingIrqs & v.bit()) != 0) {
                        addOption(OptionKind.INTERRUPT, c.id, v.ordinal());
                    }
                }
            }
            if (optCount > before) {
                busyCpus++;
            }
        }
        if (CHECK_DORMANT) {
            for (Cpu c : cpus) {
                if (!awake.get(c.id) && !dormant(c, c.top())) {
                    throw new IllegalStateException("CPU " + c.id + " was left dormant but can act (a missing wake())");
                }
            }
        }
        return optCount;
    }

    /** Halted (WFI or dead) with nothing to drain, no pending interrupt and no reason to wake. */
    private boolean dormant(Cpu c, Context top) {
        return top != null && (top.op == Op.WFI || top.op == Op.DEAD) && c.irqStack.isEmpty() && c.pendingIrqs == 0
                && memory.storeBufferEmpty(c.id) && !enabled(c, top);
    }

    /**
     * Something another CPU or the clock did may let c act again (an interrupt raised, a
     * reschedule asked, a boot requested): it is looked at in the next step.
     */
    void wake(Cpu c) {
        awake.set(c.id);
        clock.unpark(c);
    }

    private void addOption(OptionKind kind, int cpu, int arg) {
        if (optCount == optKind.length) {
            optKind = java.util.Arrays.copyOf(optKind, optCount * 2);
            optCpu = java.util.Arrays.copyOf(optCpu, optCount * 2);
            optArg = java.util.Arrays.copyOf(optArg, optCount * 2);
        }
        optKind[optCount] = kind;
        optCpu[optCount] = cpu;
        optArg[optCount] = arg;
        optCount++;
    }

    /**
     * A store buffer's capacity: a CPU whose buffer is full cannot store until an entry drains,
     * as real store buffers hold a few dozen entries. Without a bound a strategy that never
     * drains a busy CPU would let stores pile up without end.
     */
    static final int STORE_BUFFER_CAPACITY = 32;

    private boolean enabled(Cpu c, Context x) {
        return switch (x.op) {
            case Op.STORE, Op.STORE_RELEASE -> memory.storeBufferSize(c.id) < STORE_BUFFER_CAPACITY;
            // free waits for the CPU's own earlier stores: kfree() is ordered after them
            case Op.MB, Op.FREE -> memory.storeBufferEmpty(c.id);
            case Op.RMW -> memory.rmwReady(c.id, x.loc, x.rmw, x.a, x.b, x.ordering);
            case Op.LOCK -> memory.lockReady(c.id, x.loc) && memory.latestValue(x.loc) == 0;
            case Op.TRYLOCK -> memory.lockReady(c.id, x.loc);
            case Op.COND_LOAD -> x.condition.test(memory.peekNewest(c.id, x.loc));
            case Op.WFI -> c.needResched || c.wfiWoken || !c.online;
            case Op.WAIT -> x.waitCondition.getAsBoolean();
            case Op.DEAD -> c.bootRequested;
            default -> true;
        };
    }

    private void perform(int i) {
        Cpu c = cpus[optCpu[i]];
        switch (optKind[i]) {
            case DRAIN -> {
                int l = memory.drainableLocation(c.id, optArg[i]);
                if (!memory.isLive(l)) {
                    throw new SimFailure(SimFailure.Kind.USE_AFTER_FREE, "CPU " + c.id
                            + "'s store to location " + l + " reached memory after the location was freed");
                }
                memory.drain(c.id, optArg[i]);
                if (trace != null) {
                    traceEvent(c, "drain " + l + " " + memory.latestValue(l));
                }
            }
            case INTERRUPT -> kernel.irqs.take(c, Vector.ALL[optArg[i]]);
            default -> {
                lastStepCpu = c.id;
                Context x = c.top();
                x.choice = 0;
                if (x.op == Op.LOAD || x.op == Op.LOAD_ACQUIRE) {
                    int n = memory.exists(x.loc) ? memory.readableCount(c.id, x.loc) : 1;
                    x.choice = decide(OptionKind.READ_VALUE, c.id, n);
                }
                resume(c, x);
            }
        }
    }

    /**
     * Runs context x on CPU c up to its next posted operation, then handles its end; a context
     * that the CPU switched to and that has not run yet (a task switched in) runs on at once,
     * as a switch is not a step of its own.
     */
    void resume(Cpu c, Context x) {
        resumeOnce(c, x);
        settle(c);
    }

    private void settle(Cpu c) {
        Context t = c.top();
        while (t != null && (t.op == Op.START || t.op == Op.RESUME)) {
            resumeOnce(c, t);
            t = c.top();
        }
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
            contextEnded(x);
        }
    }

    private void contextEnded(Context x) {
        Cpu c = x.cpu;
        if (x.kind == ContextKind.HARDIRQ) {
            c.irqStack.remove(c.irqStack.size() - 1);
            kernel.irqs.returned(c, x);
            return;
        }
        Task t = x.task;
        t.stack.remove(t.stack.size() - 1);
        if (t.stack.isEmpty()) {
            kernel.taskExit(c, t);
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
            Context top = c.top();
            if (top == null || top.op == Op.WFI || top.op == Op.DEAD) {
                continue;
            }
            sb.append("\n  CPU ").append(c.id).append(" (").append(top.name).append(") waits in ")
                    .append(top.op.text);
            if (top.waitsFor != null) {
                sb.append(" for ").append(top.waitsFor);
            } else if (top.loc >= 0) {
                sb.append(" on location ").append(top.loc);
                String holder = kernel.lockHolder(top.loc);
                if (holder != null) {
                    sb.append(", held by ").append(holder);
                }
            }
            if (c.irqsDisabled && !c.inWfi()) {
                sb.append(" with irqs disabled");
            }
        }
        for (Task t : tasks) {
            if (t.workload && t.state != TaskState.DEAD && t.state != TaskState.RUNNING) {
                sb.append("\n  task ").append(t).append(" sleeps (").append(t.state).append(")");
                if (t.blockedOn != null) {
                    sb.append(" on ").append(t.blockedOn);
                }
            }
        }
        return sb.toString();
    }

    /** The options of a step decision, as the decider sees them. */
    private final class StepOptions implements Options {
        @Override
        public int size() {
            return optCount;
        }

        @Override
        public OptionKind kind(int i) {
            return optKind[i];
        }

        @Override
        public int cpu(int i) {
            return optCpu[i];
        }

        @Override
        public long step() {
            return steps;
        }

        @Override
        public int lastStepCpu() {
            return lastStepCpu;
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
    }
}
