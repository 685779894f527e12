package rcusim.scenarios.file.exec;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import rcusim.kernel.Completion;
import rcusim.kernel.Kernel;
import rcusim.kernel.KernelHooks;
import rcusim.kernel.Mutex;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Simulation;
import rcusim.kernel.Task;
import rcusim.kernel.TimerList;
import rcusim.kernel.WaitQueue;
import rcusim.litmus.ast.Pos;
import rcusim.machine.MachineConfig;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.TreeRcu;
import rcusim.scenarios.file.ast.Expr;
import rcusim.scenarios.file.ast.ScenarioFile;

/**
 * A scenario file compiled once: the machine header's configuration and closures for every
 * function, task and handler. {@link #load} sets up one simulation: Tree RCU, the globals and
 * kernel objects, the tasks.
 */
public final class CompiledFile {
    /** A task or irq handler: its compiled body and frame size. */
    private record Body(String name, int cpu, boolean unbound, boolean user, Code.St code, int locals) {
    }

    private final ScenarioFile file;
    private final MachineHeader header;
    private final Symbols sym;
    private final long[] initialValues;
    private final List<Body> tasks = new ArrayList<>();
    private final List<Body> irqs = new ArrayList<>();
    private final FinalJudge judge;
    private final String sha256;

    private CompiledFile(ScenarioFile file) {
        this.file = file;
        this.sym = new Symbols(file.file());
        this.header = file.kconfig() != null ? KconfigMachineHeader.read(file.file(), file.kconfig())
                : MachineHeader.read(sym, file.header());
        if (file.schedule() != null) {
            // parsed now, so that a bad step is an error of the file (file:line:col) before anything runs
            rcusim.sched.schedule.ScheduleFile.of(new rcusim.sched.replay.ReplayFile.ScheduleText(file.file(),
                    file.schedule().line(), file.schedule().text()));
        }
        file.structs().forEach(sym::declareStruct);
        file.globals().forEach(sym::declareGlobal);
        file.functions().forEach(sym::declareFunction);
        checkTimers();
        ExprCompiler x = new ExprCompiler(sym);
        StmtCompiler s = new StmtCompiler(x);
        this.initialValues = initialValues(x);
        for (ScenarioFile.FunctionDecl d : file.functions()) {
            Function fn = sym.functions.get(d.name());
            Scope scope = new Scope(sym);
            for (int i = 0; i < d.params().size(); i++) {
                scope.declare(d.params().get(i).pos(), d.params().get(i).name(), fn.params.get(i));
            }
            fn.body = s.body(d.body(), scope);
            fn.locals = scope.max;
        }
        int cpus = header.machine().cpus();
        List<Scope> taskScopes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ScenarioFile.TaskDecl t : file.tasks()) {
            checkCpu(t.cpu(), t.cpuPos(), cpus);
            if (names.contains(t.name())) {
                throw sym.error(t.pos(), "a second task named " + t.name());
            }
            if (t.user() && !t.unbound()) {
                throw sym.error(t.pos(), "a user task is unbound here (the simulator binds kthreads only): write"
                        + " 'task " + t.name() + " cpu " + t.cpu() + " unbound user'");
            }
            names.add(t.name());
            Scope scope = new Scope(sym);
            Code.St code = s.body(t.body(), scope);
            taskScopes.add(scope);
            tasks.add(new Body(t.name(), t.cpu(), t.unbound(), t.user(), code, scope.max));
        }
        if (tasks.isEmpty()) {
            throw sym.error(new Pos(1, 1), "the file has no task (task NAME cpu N { ... }): nothing would run");
        }
        for (ScenarioFile.IrqDecl i : file.irqs()) {
            checkCpu(i.cpu(), i.cpuPos(), cpus);
            Scope scope = new Scope(sym);
            irqs.add(new Body(i.name(), i.cpu(), false, false, s.body(i.body(), scope), scope.max));
        }
        this.judge = file.finalClause() == null ? null : FinalJudge.compile(sym, file.finalClause(), names, taskScopes);
        this.sha256 = sha256(file.text());
    }

    /**
     * Compiles a parsed file.
     *
     * @throws rcusim.litmus.parse.LitmusSyntaxException naming file:line:col and what is wrong
     */
    public static CompiledFile compile(ScenarioFile file) {
        return new CompiledFile(file);
    }

    private void checkCpu(int cpu, Pos pos, int cpus) {
        if (cpu >= cpus) {
            throw sym.error(pos, "CPU " + cpu + " is out of range: the machine has " + cpus + " CPU" + (cpus == 1 ? "" : "s")
                    + " (0-" + (cpus - 1) + "); see " + (file.kconfig() != null ? "CONFIG_NR_CPUS" : "cpus =") + " in the header");
        }
    }

    /** Globals' initial values, from constant initialisers (a number, NULL, a constant, -n). */
    private long[] initialValues(ExprCompiler x) {
        long[] v = new long[sym.memoryGlobals];
        for (Symbols.Global g : sym.globals.values()) {
            Expr init = g.decl().init();
            if (init == null) {
                continue;
            }
            if (g.isObject() || g.arrayLength() > 0 || g.type().isStruct()) {
                throw sym.error(init.pos(), "only an int or pointer global takes an initialiser");
            }
            v[g.index()] = constant(init);
        }
        return v;
    }

    private long constant(Expr e) {
        return switch (e) {
            case Expr.Num n -> n.value();
            case Expr.Unary u when u.op().equals("-") -> -constant(u.operand());
            case Expr.Name n when n.name().equals("NULL") -> 0;
            case Expr.Name n when KernelCalls.CONSTANTS.containsKey(n.name()) -> KernelCalls.CONSTANTS.get(n.name());
            default -> throw sym.error(e.pos(), "a global's initialiser must be a constant (a number, NULL, -n)");
        };
    }

    public MachineConfig machine() {
        return header.machine();
    }

    public RcuConfig rcu() {
        return header.rcu();
    }

    public String description() {
        return header.description();
    }

    /** The header's {@code alloc_reuse}: whether kfree()d blocks are handed out again. */
    public rcusim.machine.memory.AllocReuse allocReuse() {
        return header.allocReuse();
    }

    /**
     * The header's options that are not modelled but cannot change what RCU does, one line each
     * ({@code file:line: option: why}); empty for a machine { } header.
     */
    public List<String> warnings() {
        return header.warnings();
    }

    public ScenarioFile file() {
        return file;
    }

    /** The SHA-256 of the file's text, in hex. */
    public String sha256() {
        return sha256;
    }

    /** The expectation: null for must pass, else the signature a run must fail with. */
    public String mustFailWith() {
        return file.expectation() == null ? null : file.expectation().signature();
    }

    /** Sets up one simulation of the file on m, with Tree RCU configured as rcu (the header's, maybe injected). */
    public void load(Simulation m, RcuConfig rcu, long seed) {
        Kernel k0 = m.kernel();
        k0.setAllocReuse(header.allocReuse());
        List<Body> irqsHere = irqs;
        RunState[] holder = new RunState[1];
        KernelHooks hooks = irqsHere.isEmpty() ? KernelHooks.NONE : new KernelHooks() {
            @Override
            public void schedClockIrq(Kernel k, boolean user) {
                int cpu = k.smpProcessorId();
                for (int i = 0; i < irqsHere.size(); i++) {
                    Body b = irqsHere.get(i);
                    if (b.cpu() == cpu) {
                        b.code().exec(new Frame(holder[0], k, b.locals(), tasks.size()));
                    }
                }
            }
        };
        TreeRcu tree = TreeRcu.install(m, rcu, hooks);
        RunState rs = new RunState(m, tree, sym.memoryGlobals, sym.objects, tasks.size(), seed);
        holder[0] = rs;
        for (Symbols.Global g : sym.globals.values()) {
            if (g.isObject()) {
                rs.objects[g.handle()] = object(g, k0, rs);
            } else {
                int words = sym.sizeOf(g.type(), g.decl().pos()) * Math.max(1, g.arrayLength());
                rs.globals[g.index()] = k0.alloc(words, initialValues[g.index()]);
            }
        }
        for (int i = 0; i < tasks.size(); i++) {
            Body b = tasks.get(i);
            int index = i;
            java.util.function.Consumer<Kernel> body = k -> {
                Frame f = new Frame(rs, k, b.locals(), index);
                b.code().exec(f);
                // do_exit() orders the task's stores before its death (a full barrier here
                // drains this CPU's store buffer), so the final clause sees them
                k.smpMb();
                rs.finalLocals[index] = f.locals;
                if (--rs.liveTasks == 0 && judge != null) {
                    judge.judge(rs, k);
                }
            };
            if (b.unbound()) {
                m.spawnUnbound(b.cpu(), b.name(), b.user() ? Task.Kind.USER : Task.Kind.KTHREAD, body);
            } else {
                m.spawn(b.cpu(), b.name(), body);
            }
        }
    }

    private Object object(Symbols.Global g, Kernel k0, RunState rs) {
        return switch (g.type().base()) {
            case "raw_spinlock_t" -> RawSpinlock.create(k0, g.name());
            case "struct mutex" -> new Mutex(g.name());
            case "struct completion" -> new Completion(g.name());
            case "wait_queue_head_t" -> new WaitQueue(g.name());
            case "struct timer_list" -> {
                String cb = g.decl().callback();
                if (cb == null) {
                    throw sym.error(g.decl().pos(), "a timer needs its callback: DEFINE_TIMER(" + g.name() + ", fn);");
                }
                Function fn = sym.functions.get(cb);
                long handle = g.handle();
                int task = tasks.size();
                yield new TimerList(g.name(), kk -> fn.invoke1(rs, kk, task, handle));
            }
            default -> {
                if (!SeqlockCalls.TYPES.contains(g.type().base())) {
                    throw new IllegalStateException("no kernel object of type " + g.type());
                }
                yield SeqlockCalls.create(g.type().base(), g.name(), k0);
            }
        };
    }

    /** Checked at compile time: DEFINE_TIMER's callback exists. */
    private void checkTimers() {
        for (Symbols.Global g : sym.globals.values()) {
            String cb = g.decl().callback();
            if (cb != null && !sym.functions.containsKey(cb)) {
                throw sym.error(g.decl().pos(), "timer " + g.name() + "'s callback '" + cb
                        + "' is not a function of this file");
            }
            if (cb != null && sym.functions.get(cb).params.size() > 1) {
                throw sym.error(g.decl().pos(), "timer callback " + cb + " takes at most one parameter"
                        + " (struct timer_list *)");
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
