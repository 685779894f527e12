package rcusim.machine;

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
 * The simulated machine and its decision loop: list the enabled options (step a CPU, drain a
 * store-buffer entry), ask the {@link Decider}, perform the option, repeat until every CPU
 * has finished, nothing is enabled (deadlock) or the step limit is hit (livelock).
 *
 * <p>One run happens on one Java thread; each CPU's code runs as a {@link Strand} that posts
 * one operation at a time and parks until the machine decides to perform it.
 */
public final class Machine {
    private final MachineConfig config;
    private final MemorySystem memory;
    private final StrandFactory strands;
    private final Cpu[] cpus;
    private final Kernel kernel;
    private final DecisionLog decisions = new DecisionLog();
    private final StringBuilder trace;

    private Cpu current;
    private long steps;

    // the options of the current decision
    private int optCount;
    private OptionKind[] optKind;
    private int[] optCpu;
    private int[] optArg;
    private final ReadChoice readChoice = new ReadChoice();
    private final StepOptions stepOptions = new StepOptions();

    public Machine(MachineConfig config, StrandFactory strands, boolean tracing) {
        this.config = config;
        this.memory = new MemorySystem(config.model(), config.cpus(), config.staleWindow());
        this.strands = strands;
        this.cpus = new Cpu[config.cpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new Cpu(i);
        }
        this.kernel = new Kernel(this);
        this.trace = tracing ? new StringBuilder() : null;
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

    public MemorySystem memory() {
        return memory;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The event trace of the run so far ("" unless tracing was enabled). */
    public String trace() {
        return trace == null ? "" : trace.toString();
    }

    /** Gives CPU cpu the code it runs; one body per CPU. */
    public void spawn(int cpu, String name, Consumer<Kernel> body) {
        Cpu c = cpu(cpu);
        if (c.strand != null) {
            throw new IllegalStateException("CPU " + cpu + " already runs " + c.name);
        }
        c.name = name;
        c.done = false;
        c.strand = strands.create(name, () -> body.accept(kernel));
    }

    Cpu cpu(int id) {
        if (id < 0 || id >= cpus.length) {
            throw new SimFailure(SimFailure.Kind.BAD_CPU,
                    "CPU " + id + " is out of range (the machine has CPUs 0 to " + (cpus.length - 1) + ")");
        }
        return cpus[id];
    }

    Cpu current() {
        if (current == null) {
            throw new IllegalStateException("kernel API called outside simulated code");
        }
        return current;
    }

    /** Called by simulated code: posts the operation and parks until the machine performs it. */
    void post(Cpu c) {
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

    /** Runs the spawned code to the end under the given decider. */
    public RunResult run(Decider decider) {
        try {
            for (Cpu c : cpus) {
                if (c.strand != null) {
                    resume(c);
                }
            }
            while (true) {
                int n = collectOptions();
                if (n == 0) {
                    checkFinished();
                    break;
                }
                int i = n == 1 ? 0 : ask(decider, stepOptions, n);
                perform(decider, i);
                if (++steps > config.stepLimit()) {
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
            for (Cpu c : cpus) {
                if (c.strand != null && !c.strand.isDone()) {
                    c.strand.discard();
                }
            }
        }
    }

    private int ask(Decider decider, Options options, int n) {
        int i = decider.choose(options);
        if (i < 0 || i >= n) {
            throw new IllegalStateException("decider chose " + i + " of " + n + " options");
        }
        decisions.add(n, i, options.fingerprint());
        return i;
    }

    private void checkFinished() {
        StringBuilder blocked = new StringBuilder();
        for (Cpu c : cpus) {
            if (!c.done) {
                blocked.append("\n  CPU ").append(c.id).append(" (").append(c.name).append(") waits in ")
                        .append(Op.name(c.op)).append(" on location ").append(c.loc);
            }
        }
        if (!blocked.isEmpty()) {
            throw new SimFailure(SimFailure.Kind.DEADLOCK, "deadlock: nothing can run" + blocked);
        }
    }

    private int collectOptions() {
        optCount = 0;
        boolean buffers = config.model() != MemoryModel.SC;
        for (Cpu c : cpus) {
            if (!c.done && enabled(c)) {
                addOption(OptionKind.STEP, c.id, 0);
            }
            if (buffers) {
                int d = memory.drainableCount(c.id);
                for (int k = 0; k < d; k++) {
                    addOption(OptionKind.DRAIN, c.id, k);
                }
            }
        }
        return optCount;
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

    private boolean enabled(Cpu c) {
        return switch (c.op) {
            case Op.MB -> memory.storeBufferEmpty(c.id);
            case Op.RMW -> memory.rmwReady(c.id, c.loc, c.rmw, c.a, c.b, c.ordering);
            case Op.LOCK -> memory.lockReady(c.id, c.loc) && memory.latestValue(c.loc) == 0;
            case Op.TRYLOCK -> memory.lockReady(c.id, c.loc);
            case Op.COND_LOAD -> c.condition.test(memory.peekNewest(c.id, c.loc));
            default -> true;
        };
    }

    private void perform(Decider decider, int i) {
        Cpu c = cpus[optCpu[i]];
        if (optKind[i] == OptionKind.DRAIN) {
            int l = memory.drainableLocation(c.id, optArg[i]);
            if (!memory.isLive(l)) {
                throw new SimFailure(SimFailure.Kind.USE_AFTER_FREE, "CPU " + c.id
                        + "'s store to location " + l + " reached memory after the location was freed");
            }
            memory.drain(c.id, optArg[i]);
            if (trace != null) {
                traceEvent(c, "drain " + l + " " + memory.latestValue(l));
            }
            return;
        }
        c.choice = 0;
        if (c.op == Op.LOAD || c.op == Op.LOAD_ACQUIRE) {
            int n = memory.exists(c.loc) ? memory.readableCount(c.id, c.loc) : 1;
            if (n > 1) {
                readChoice.set(c.id, n);
                c.choice = ask(decider, readChoice, n);
            }
        }
        resume(c);
    }

    private void resume(Cpu c) {
        current = c;
        boolean finished;
        try {
            finished = c.strand.resume();
        } catch (RuntimeException e) {
            throw unwrap(e);
        } finally {
            current = null;
        }
        if (finished) {
            c.done = true;
            c.op = Op.NONE;
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
    }

    /** The options of a value choice: n values a load on one CPU may read. */
    private final class ReadChoice implements Options {
        private int cpu;
        private int n;

        void set(int cpu, int n) {
            this.cpu = cpu;
            this.n = n;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public OptionKind kind(int i) {
            return OptionKind.READ_VALUE;
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
