package rcusim.litmus.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rcusim.litmus.ast.AddressValue;
import rcusim.litmus.ast.Cond;
import rcusim.litmus.ast.Expr;
import rcusim.litmus.ast.InitEntry;
import rcusim.litmus.ast.InitValue;
import rcusim.litmus.ast.IntValue;
import rcusim.litmus.ast.LitmusProcess;
import rcusim.litmus.ast.LitmusTest;
import rcusim.litmus.ast.LocValue;
import rcusim.litmus.ast.Observed;
import rcusim.litmus.ast.Param;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.ast.RegValue;
import rcusim.litmus.ast.Stmt;
import rcusim.litmus.parse.LitmusSyntaxException;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemOp;
import rcusim.machine.memory.RmwResult;

/**
 * Compiles a parsed litmus test into {@link LitmusProgram} code. Shared locations are the
 * processes' parameters and the names of the initial state and final condition; every other
 * name in a body must be a register (declared, assigned or initialised). Memory reads nested
 * in expressions are hoisted into temporaries before the statement, in evaluation order.
 */
public final class LitmusCompiler {
    private final LitmusTest test;
    private final Map<String, Integer> locations = new LinkedHashMap<>();
    private boolean usesRcu;

    private LitmusCompiler(LitmusTest test) {
        this.test = test;
    }

    /** Compiles, or throws {@link LitmusSyntaxException} naming the file, line and column. */
    public static LitmusProgram compile(LitmusTest test) {
        return new LitmusCompiler(test).compile();
    }

    private LitmusSyntaxException error(Pos pos, String message) {
        return new LitmusSyntaxException(test.file(), pos, message);
    }

    private LitmusProgram compile() {
        collectLocations();
        long[] init = new long[locations.size()];
        Map<Integer, Map<String, InitValue>> regInits = new LinkedHashMap<>();
        for (InitEntry e : test.init()) {
            switch (e) {
                case InitEntry.LocationInit li -> {
                    if (li.value() != null) {
                        init[locations.get(li.location())] = initValue(li.value());
                    }
                }
                case InitEntry.RegisterInit ri ->
                        regInits.computeIfAbsent(ri.proc(), p -> new LinkedHashMap<>()).put(ri.register(),
                                ri.value() == null ? new IntValue(ri.pos(), 0) : ri.value());
            }
        }
        for (Integer proc : regInits.keySet()) {
            if (test.process(proc).isEmpty()) {
                throw error(test.init().get(0).pos(), "the initial state sets a register of P" + proc
                        + ", but the test has no P" + proc);
            }
        }
        List<LitmusProgram.Process> procs = new ArrayList<>();
        for (LitmusProcess p : test.processes()) {
            procs.add(new ProcessCompiler(p, regInits.getOrDefault(p.index(), Map.of())).compile());
        }
        if (procs.isEmpty()) {
            throw error(new Pos(1, 1), "the test has no process");
        }
        List<Observed> observed = observed(procs);
        return new LitmusProgram(test.file(), test.name(), List.copyOf(locations.keySet()), init, procs,
                observed, test.filter(), test.quantifier(), test.condition(), usesRcu);
    }

    private long initValue(InitValue v) {
        return switch (v) {
            case IntValue i -> i.value();
            case AddressValue a -> address(a.location(), a.pos());
        };
    }

    private long address(String location, Pos pos) {
        Integer l = locations.get(location);
        if (l == null) {
            throw error(pos, "'" + location + "' is not a shared location of this test");
        }
        return Address.of(l);
    }

    private void collectLocations() {
        for (InitEntry e : test.init()) {
            if (e instanceof InitEntry.LocationInit li) {
                addLocation(li.location());
            }
        }
        for (InitEntry e : test.init()) {
            if (e.value() instanceof AddressValue a) {
                addLocation(a.location());
            }
        }
        for (LitmusProcess p : test.processes()) {
            for (Param param : p.params()) {
                addLocation(param.name());
            }
        }
        List<Cond> conds = new ArrayList<>();
        conds.add(test.condition());
        if (test.filter() != null) {
            conds.add(test.filter());
        }
        for (Cond c : conds) {
            for (Cond.Atom a : c.atoms()) {
                if (a.lhs() instanceof LocValue lv) {
                    addLocation(lv.location());
                }
                if (a.rhs() instanceof AddressValue av) {
                    addLocation(av.location());
                }
            }
        }
        for (Observed o : test.locations()) {
            if (o instanceof LocValue lv) {
                addLocation(lv.location());
            }
        }
    }

    private void addLocation(String name) {
        locations.putIfAbsent(name, locations.size());
    }

    private List<Observed> observed(List<LitmusProgram.Process> procs) {
        Set<String> seen = new LinkedHashSet<>();
        List<Observed> out = new ArrayList<>();
        List<Observed> candidates = new ArrayList<>();
        List<Cond.Atom> atoms = new ArrayList<>(test.condition().atoms());
        if (test.filter() != null) {
            atoms.addAll(test.filter().atoms());
        }
        for (Cond.Atom a : atoms) {
            candidates.add(a.lhs());
            if (a.rhs() instanceof RegValue rv) {
                candidates.add(rv);
            }
        }
        candidates.addAll(test.locations());
        for (Observed o : candidates) {
            if (o instanceof RegValue rv) {
                LitmusProgram.Process p = procs.stream().filter(x -> x.name().equals("P" + rv.proc()))
                        .findFirst().orElseThrow(() -> error(rv.pos(), "the condition names register "
                                + rv + ", but the test has no P" + rv.proc()));
                if (!p.registers().contains(rv.register())) {
                    throw error(rv.pos(), "the condition names register " + rv + ", which P" + rv.proc()
                            + " never declares, assigns or initialises");
                }
            }
            if (seen.add(o.toString())) {
                out.add(o);
            }
        }
        return out;
    }

    /** Compiles one process body. */
    private final class ProcessCompiler {
        private final LitmusProcess process;
        private final Map<String, InitValue> regInit;
        private final Set<String> params = new LinkedHashSet<>();
        private final Map<String, Integer> registers = new LinkedHashMap<>();
        private final List<Insn> code = new ArrayList<>();
        private int temps;

        ProcessCompiler(LitmusProcess process, Map<String, InitValue> regInit) {
            this.process = process;
            this.regInit = regInit;
        }

        LitmusProgram.Process compile() {
            for (Param p : process.params()) {
                params.add(p.name());
            }
            regInit.keySet().forEach(this::register);
            declareRegisters(process.body());
            lower(process.body());
            long[] init = new long[registers.size()];
            for (Map.Entry<String, InitValue> e : regInit.entrySet()) {
                init[registers.get(e.getKey())] = initValue(e.getValue());
            }
            // temporaries are named "$tN", which no condition can name
            return new LitmusProgram.Process(process.name(), code.toArray(Insn[]::new),
                    List.copyOf(registers.keySet()), init);
        }

        private int register(String name) {
            return registers.computeIfAbsent(name, n -> registers.size());
        }

        private void declareRegisters(Stmt s) {
            switch (s) {
                case Stmt.Decl d -> d.declarators().forEach(x -> register(x.name()));
                case Stmt.Assign a -> {
                    if (a.target() instanceof Expr.Name n && !params.contains(n.name())) {
                        register(n.name());
                    }
                }
                case Stmt.If i -> {
                    declareRegisters(i.then());
                    if (i.otherwise() != null) {
                        declareRegisters(i.otherwise());
                    }
                }
                case Stmt.Block b -> b.stmts().forEach(this::declareRegisters);
                case Stmt.ExprStmt e -> { }
                case Stmt.Empty e -> { }
            }
        }

        private int temp() {
            return register("$t" + temps++);
        }

        private void lower(Stmt s) {
            switch (s) {
                case Stmt.Decl d -> {
                    for (var x : d.declarators()) {
                        if (x.init() != null) {
                            assign(registers.get(x.name()), x.init());
                        }
                    }
                }
                case Stmt.Assign a -> {
                    if (a.target() instanceof Expr.Name n && registers.containsKey(n.name())) {
                        assign(registers.get(n.name()), a.value());
                    } else if (a.target() instanceof Expr.Deref d) {
                        Val addr = value(d.pointer());
                        Val v = value(a.value());
                        code.add(new Insn.Store(a.pos(), addr, v, false, "store"));
                    } else {
                        throw error(a.pos(), "cannot assign to this expression (expected a register or *pointer)");
                    }
                }
                case Stmt.ExprStmt e -> {
                    if (e.expr() instanceof Expr.Call c) {
                        call(c, -1);
                    } else {
                        value(e.expr());
                    }
                }
                case Stmt.If i -> {
                    Val c = value(i.cond());
                    int jump = code.size();
                    code.add(null);
                    lower(i.then());
                    if (i.otherwise() == null) {
                        code.set(jump, new Insn.JumpIfZero(i.pos(), c, code.size()));
                    } else {
                        int skip = code.size();
                        code.add(null);
                        code.set(jump, new Insn.JumpIfZero(i.pos(), c, code.size()));
                        lower(i.otherwise());
                        code.set(skip, new Insn.Jump(i.pos(), code.size()));
                    }
                }
                case Stmt.Block b -> b.stmts().forEach(this::lower);
                case Stmt.Empty e -> { }
            }
        }

        private void assign(int reg, Expr value) {
            if (value instanceof Expr.Call c) {
                call(c, reg);
                return;
            }
            if (value instanceof Expr.Cast cast && cast.operand() instanceof Expr.Call c) {
                call(c, reg);
                return;
            }
            code.add(new Insn.Assign(value.pos(), reg, value(value)));
        }

        /** A register-only value for e, emitting hoisted loads and calls first. */
        private Val value(Expr e) {
            return switch (e) {
                case Expr.IntLit i -> new Val.Const(i.value());
                case Expr.Name n -> name(n);
                case Expr.Deref d -> {
                    int t = temp();
                    code.add(new Insn.Load(d.pos(), t, value(d.pointer()), false, "load"));
                    yield new Val.Reg(t);
                }
                case Expr.AddrOf a -> switch (a.operand()) {
                    case Expr.Name n when isLocationName(n.name()) -> new Val.Const(address(n.name(), n.pos()));
                    case Expr.Deref d -> value(d.pointer());
                    default -> throw error(a.pos(), "can only take the address of a shared location");
                };
                case Expr.Cast c -> value(c.operand());
                case Expr.Unary u -> new Val.Unary(u.op(), value(u.operand()));
                case Expr.Binary b -> {
                    Val l = value(b.left());
                    yield new Val.Binary(b.op(), l, value(b.right()));
                }
                case Expr.Ternary t -> {
                    Val c = value(t.cond());
                    Val a = value(t.then());
                    yield new Val.Ternary(c, a, value(t.otherwise()));
                }
                case Expr.Call c -> {
                    int t = temp();
                    call(c, t);
                    yield new Val.Reg(t);
                }
            };
        }

        private boolean isLocationName(String n) {
            return !registers.containsKey(n) && (params.contains(n) || locations.containsKey(n));
        }

        private Val name(Expr.Name n) {
            Integer r = registers.get(n.name());
            if (r != null) {
                return new Val.Reg(r);
            }
            if (params.contains(n.name()) || locations.containsKey(n.name())) {
                return new Val.Const(address(n.name(), n.pos()));
            }
            throw error(n.pos(), "'" + n.name() + "' is not a register, parameter or shared location of "
                    + process.name());
        }

        /** The address a primitive acts on: READ_ONCE(*p) and smp_load_acquire(p) both mean p. */
        private Val addressArg(Expr e) {
            return e instanceof Expr.Deref d ? value(d.pointer()) : value(e);
        }

        private void call(Expr.Call c, int dest) {
            new PrimitiveLowering(c, dest).lower();
        }

        /** Lowers one primitive call into instructions. */
        private final class PrimitiveLowering {
            private final Expr.Call c;
            private final int dest;
            private final Pos pos;

            PrimitiveLowering(Expr.Call c, int dest) {
                this.c = c;
                this.dest = dest;
                this.pos = c.pos();
            }

            private void arity(int n) {
                if (c.args().size() != n) {
                    throw error(pos, c.function() + " takes " + n + " argument" + (n == 1 ? "" : "s")
                            + ", found " + c.args().size());
                }
            }

            private Expr arg(int i) {
                return c.args().get(i);
            }

            private void noValue() {
                if (dest >= 0) {
                    throw error(pos, c.function() + "() returns no value");
                }
            }

            void lower() {
                String f = c.function();
                if (Primitives.isAtomicRmw(f)) {
                    rmw(Primitives.atomic(f));
                    return;
                }
                switch (f) {
                    case "READ_ONCE", "rcu_dereference", "atomic_read" -> load(1, false);
                    case "srcu_dereference" -> load(2, false);
                    case "smp_load_acquire", "atomic_read_acquire" -> load(1, true);
                    case "WRITE_ONCE", "atomic_set" -> store(false);
                    case "smp_store_release", "atomic_set_release", "rcu_assign_pointer" -> store(true);
                    case "smp_store_mb" -> {
                        store(false);
                        code.add(new Insn.Fence(pos, MemOp.MB, "smp_store_mb"));
                    }
                    case "smp_mb__before_atomic" -> fence(MemOp.MB_BEFORE_ATOMIC);
                    case "smp_mb", "smp_mb__after_atomic", "smp_mb__after_spinlock",
                         "smp_mb__after_unlock_lock", "smp_mb__after_srcu_read_unlock" -> fence(MemOp.MB);
                    case "smp_rmb" -> fence(MemOp.RMB);
                    case "smp_wmb" -> fence(MemOp.WMB);
                    case "barrier" -> {
                        arity(0);
                        noValue();
                    }
                    case "spin_lock" -> {
                        arity(1);
                        noValue();
                        code.add(new Insn.Lock(pos, addressArg(arg(0))));
                    }
                    case "spin_unlock" -> {
                        arity(1);
                        noValue();
                        code.add(new Insn.Unlock(pos, addressArg(arg(0))));
                    }
                    case "spin_trylock" -> {
                        arity(1);
                        code.add(new Insn.Trylock(pos, dest, addressArg(arg(0))));
                    }
                    case "spin_is_locked" -> {
                        arity(1);
                        int t = dest >= 0 ? dest : temp();
                        code.add(new Insn.Load(pos, t, addressArg(arg(0)), false, "spin_is_locked"));
                        code.add(new Insn.Assign(pos, t, new Val.Binary(Expr.BinaryOp.NE, new Val.Reg(t),
                                new Val.Const(0))));
                    }
                    case "rcu_read_lock" -> {
                        arity(0);
                        noValue();
                        usesRcu = true;
                        code.add(new Insn.RcuLock(pos));
                    }
                    case "rcu_read_unlock" -> {
                        arity(0);
                        noValue();
                        usesRcu = true;
                        code.add(new Insn.RcuUnlock(pos));
                    }
                    case "synchronize_rcu", "synchronize_rcu_expedited" -> {
                        arity(0);
                        noValue();
                        usesRcu = true;
                        code.add(new Insn.SyncRcuStart(pos));
                        code.add(new Insn.SyncRcuWait(pos));
                    }
                    case "srcu_read_lock", "srcu_down_read" -> {
                        arity(1);
                        code.add(new Insn.SrcuLock(pos, dest, addressArg(arg(0))));
                    }
                    case "srcu_read_unlock", "srcu_up_read" -> {
                        arity(2);
                        noValue();
                        Val domain = addressArg(arg(0));
                        code.add(new Insn.SrcuUnlock(pos, domain, value(arg(1))));
                    }
                    case "synchronize_srcu", "synchronize_srcu_expedited" -> {
                        arity(1);
                        noValue();
                        Val domain = addressArg(arg(0));
                        for (int phase = 0; phase < 3; phase++) {
                            code.add(new Insn.SyncSrcu(pos, domain, phase));
                        }
                    }
                    default -> throw error(pos, "unknown primitive '" + f + "' (expected an LKMM primitive"
                            + " such as READ_ONCE, smp_store_release, xchg_acquire, atomic_inc, spin_lock,"
                            + " synchronize_rcu or srcu_read_lock)");
                }
            }

            private void load(int args, boolean acquire) {
                arity(args);
                code.add(new Insn.Load(pos, dest, addressArg(arg(0)), acquire, c.function()));
            }

            private void store(boolean release) {
                arity(2);
                noValue();
                Val addr = addressArg(arg(0));
                code.add(new Insn.Store(pos, addr, value(arg(1)), release, c.function()));
            }

            private void fence(MemOp kind) {
                arity(0);
                noValue();
                code.add(new Insn.Fence(pos, kind, c.function()));
            }

            private void rmw(Primitives.Atomic a) {
                arity(a.arity());
                if (a.result() == RmwResult.NONE) {
                    noValue();
                }
                // kernel argument order: atomic_add(i, v), atomic_add_unless(v, a, u), xchg(p, v)
                Val addr = addressArg(arg(a.addressArg()));
                Val x = a.operandArg() < 0 ? new Val.Const(a.fixedOperand()) : value(arg(a.operandArg()));
                if (a.negate()) {
                    x = new Val.Unary(Expr.UnaryOp.NEG, x);
                }
                Val y = a.secondArg() < 0 ? new Val.Const(0) : value(arg(a.secondArg()));
                code.add(new Insn.Rmw(pos, dest, addr, a.op(), x, y, a.ordering(), a.result(), c.function()));
            }
        }
    }
}
