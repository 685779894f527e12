package rcusim.scenarios.file.exec;

import java.util.Map;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.parse.LitmusSyntaxException;
import rcusim.scenarios.file.ast.Expr;
import rcusim.scenarios.file.exec.Code.Ex;
import rcusim.scenarios.file.exec.Code.Place;

/**
 * Compiles expressions to closures, checking types: a value has a scalar type (int, a
 * pointer, a kernel object's handle); a place is a local slot or a memory address. A global of
 * simulated memory read or written as plain C is a plain access ({@link PlainAccess}).
 */
final class ExprCompiler {
    /** A compiled value and its type. */
    record Typed(Ex ex, CType type) {
    }

    /** A compiled place: addr is null for a local (no memory, so no address). */
    record PlaceT(Place place, CType type, Ex addr, int arrayLength) {
    }

    final Symbols sym;
    Scope scope;
    private final KernelCalls calls;

    ExprCompiler(Symbols sym) {
        this.sym = sym;
        this.calls = new KernelCalls(this);
    }

    LitmusSyntaxException error(Pos pos, String detail) {
        return sym.error(pos, detail);
    }

    /** A value of scalar type. */
    Typed value(Expr e) {
        Typed t = valueOrVoid(e);
        if (t.type().equals(CType.VOID)) {
            throw error(e.pos(), "a void expression has no value");
        }
        return t;
    }

    Typed valueOrVoid(Expr e) {
        return switch (e) {
            case Expr.Num n -> constant(n.value(), CType.INT);
            case Expr.Name n -> name(n);
            case Expr.Unary u -> unary(u);
            case Expr.Postfix p -> increment(p.operand(), p.op().equals("++") ? 1 : -1, false, p.pos());
            case Expr.Binary b -> binary(b);
            case Expr.Assign a -> assign(a);
            case Expr.Ternary t -> ternary(t);
            case Expr.Call c -> calls.call(c);
            case Expr.Index i -> load(place(i));
            case Expr.Field f -> load(place(f));
            case Expr.SizeOf s -> constant(sym.sizeOf(sym.resolve(s.type()), s.pos()), CType.INT);
            case Expr.SizeOfExpr s -> constant(sizeOfExpr(s), CType.INT);
            case Expr.ContainerOf c -> containerOf(c);
        };
    }

    /** A value that must be an int or pointer, for a condition. */
    Ex condition(Expr e) {
        return value(e).ex();
    }

    static Typed constant(long v, CType t) {
        return new Typed(f -> v, t);
    }

    private long sizeOfExpr(Expr.SizeOfExpr s) {
        if (s.operand() instanceof Expr.Unary u && u.op().equals("*")) {
            Typed p = value(u.operand());
            if (!p.type().isPointer()) {
                throw error(u.pos(), "'*' needs a pointer, " + describe(u.operand()) + " is " + p.type());
            }
            return sym.sizeOf(p.type().pointee(), s.pos());
        }
        if (s.operand() instanceof Expr.Name n) {
            Scope.Local l = scope == null ? null : scope.find(n.name());
            if (l != null) {
                return sym.sizeOf(l.type(), s.pos());
            }
            Symbols.Global g = sym.globals.get(n.name());
            if (g != null) {
                return (long) sym.sizeOf(g.type(), s.pos()) * Math.max(1, g.arrayLength());
            }
        }
        return 1;
    }

    private Typed name(Expr.Name n) {
        Scope.Local l = scope == null ? null : scope.find(n.name());
        if (l != null) {
            int slot = l.slot();
            return new Typed(f -> f.locals[slot], l.type());
        }
        Symbols.Global g = sym.globals.get(n.name());
        if (g != null) {
            if (g.isObject()) {
                throw error(n.pos(), n.name() + " is a " + g.type() + "; pass &" + n.name());
            }
            if (g.arrayLength() > 0) {
                int idx = g.index();
                return new Typed(f -> f.rs.globals[idx], g.type().pointerTo()); // an array is its address
            }
            if (g.type().isStruct()) {
                throw error(n.pos(), n.name() + " is a " + g.type() + ", not a value: use &" + n.name() + " or "
                        + n.name() + ".field");
            }
            return load(place(n));
        }
        Long c = KernelCalls.CONSTANTS.get(n.name());
        if (c != null) {
            return constant(c, CType.INT);
        }
        if (n.name().equals("NULL")) {
            return constant(0, new CType("void", 1));
        }
        if (n.name().equals("jiffies")) {
            return new Typed(f -> f.k.jiffies(), CType.INT);
        }
        if (sym.functions.containsKey(n.name())) {
            throw error(n.pos(), "function " + n.name() + " is not a value here (pass it to call_rcu(), DEFINE_TIMER(),"
                    + " smp_call_function_single() or open_softirq(), or call it)");
        }
        throw error(n.pos(), "unknown name '" + n.name() + "'");
    }

    Typed load(PlaceT p) {
        if (p.arrayLength() > 0 || p.type().isStruct()) {
            if (p.addr() == null) {
                throw error(null, "internal: an aggregate without an address");
            }
            Ex a = p.addr();
            return new Typed(a, p.arrayLength() > 0 ? p.type().pointerTo() : p.type().pointerTo());
        }
        Place pl = p.place();
        return new Typed(pl::load, p.type());
    }

    /** Where e stores: a local, a global, *p, a[i], p->f, s.f. */
    PlaceT place(Expr e) {
        switch (e) {
            case Expr.Name n -> {
                Scope.Local l = scope == null ? null : scope.find(n.name());
                if (l != null) {
                    int slot = l.slot();
                    return new PlaceT(new Place() {
                        @Override
                        public long load(Frame f) {
                            return f.locals[slot];
                        }

                        @Override
                        public void store(Frame f, long v) {
                            f.locals[slot] = v;
                        }
                    }, l.type(), null, 0);
                }
                Symbols.Global g = sym.globals.get(n.name());
                if (g == null) {
                    if (sym.functions.containsKey(n.name()) || KernelCalls.CONSTANTS.containsKey(n.name())
                            || n.name().equals("NULL") || n.name().equals("jiffies")) {
                        throw error(n.pos(), n.name() + " cannot be assigned");
                    }
                    throw error(n.pos(), "unknown name '" + n.name() + "'");
                }
                if (g.isObject()) {
                    throw error(n.pos(), n.name() + " is a " + g.type() + ", not memory; pass &" + n.name()
                            + " to the kernel's calls");
                }
                int idx = g.index();
                return memory(f -> f.rs.globals[idx], g.type(), g.arrayLength(), n.pos());
            }
            case Expr.Unary u when u.op().equals("*") -> {
                Typed p = value(u.operand());
                if (!p.type().isPointer()) {
                    throw error(u.pos(), "'*' needs a pointer, " + describe(u.operand()) + " is " + p.type());
                }
                if (p.type().pointee().isObject() || p.type().pointee().base().equals("void")) {
                    throw error(u.pos(), "'*' of a " + p.type() + ": not memory a file can read");
                }
                return memory(p.ex(), p.type().pointee(), 0, u.pos());
            }
            case Expr.Index i -> {
                Typed base = value(i.base());
                if (!base.type().isPointer()) {
                    throw error(i.pos(), "'[]' needs an array or a pointer, " + describe(i.base()) + " is " + base.type());
                }
                CType elem = base.type().pointee();
                int size = sym.sizeOf(elem, i.pos());
                Ex b = base.ex();
                Ex idx = value(i.index()).ex();
                return memory(size == 1 ? f -> b.eval(f) + idx.eval(f) : f -> b.eval(f) + idx.eval(f) * size, elem, 0, i.pos());
            }
            case Expr.Field fe -> {
                Ex structAddr;
                CType st;
                if (fe.arrow()) {
                    Typed p = value(fe.base());
                    if (!p.type().isPointer() || !p.type().pointee().isStruct()) {
                        throw error(fe.pos(), "'->' needs a pointer to a struct, " + describe(fe.base()) + " is "
                                + p.type());
                    }
                    structAddr = p.ex();
                    st = p.type().pointee();
                } else {
                    PlaceT s = place(fe.base());
                    if (!s.type().isStruct() || s.addr() == null || s.arrayLength() > 0) {
                        throw error(fe.pos(), "'.' needs a struct, " + describe(fe.base()) + " is " + s.type()
                                + (s.type().isPointer() ? " (use '->')" : ""));
                    }
                    structAddr = s.addr();
                    st = s.type();
                }
                Symbols.FieldInfo fi = field(st, fe.field(), fe.pos());
                int off = fi.offset();
                Ex a = structAddr;
                return memory(off == 0 ? a : f -> a.eval(f) + off, fi.type(), fi.arrayLength(), fe.pos());
            }
            default -> throw error(e.pos(), "this expression cannot be assigned or have its address taken");
        }
    }

    Symbols.FieldInfo field(CType struct, String name, Pos pos) {
        Symbols.FieldInfo fi = sym.structs.get(struct.base()).fields().get(name);
        if (fi == null) {
            throw error(pos, struct + " has no field '" + name + "' (its fields: "
                    + String.join(", ", sym.structs.get(struct.base()).fields().keySet()) + ")");
        }
        return fi;
    }

    private PlaceT memory(Ex addr, CType type, int arrayLength, Pos pos) {
        String site = sym.file + ":" + pos.line();
        return new PlaceT(new Place() {
            @Override
            public long load(Frame f) {
                return PlainAccess.read(f.k, addr.eval(f), site);
            }

            @Override
            public void store(Frame f, long v) {
                PlainAccess.write(f.k, addr.eval(f), v, site);
            }
        }, type, addr, arrayLength);
    }

    private Typed unary(Expr.Unary u) {
        switch (u.op()) {
            case "&" -> {
                if (u.operand() instanceof Expr.Name n && sym.globals.containsKey(n.name())
                        && (scope == null || scope.find(n.name()) == null) && sym.globals.get(n.name()).isObject()) {
                    Symbols.Global g = sym.globals.get(n.name());
                    return constant(g.handle(), g.type().pointerTo());
                }
                PlaceT p = place(u.operand());
                if (p.addr() == null) {
                    throw error(u.pos(), "'&' of local " + describe(u.operand()) + ": locals are registers, not memory;"
                            + " make it a global to share it");
                }
                return new Typed(p.addr(), p.type().pointerTo());
            }
            case "*" -> {
                return load(place(u));
            }
            case "++", "--" -> {
                return increment(u.operand(), u.op().equals("++") ? 1 : -1, true, u.pos());
            }
            default -> {
                Typed v = value(u.operand());
                Ex x = v.ex();
                return switch (u.op()) {
                    case "-" -> new Typed(f -> -x.eval(f), CType.INT);
                    case "!" -> new Typed(f -> x.eval(f) == 0 ? 1 : 0, CType.INT);
                    default -> new Typed(f -> ~x.eval(f), CType.INT);
                };
            }
        }
    }

    private Typed increment(Expr target, int delta, boolean prefix, Pos pos) {
        PlaceT p = scalarPlace(target, pos);
        Place pl = p.place();
        long step = p.type().isPointer() ? (long) delta * sym.sizeOf(p.type().pointee(), pos) : delta;
        if (prefix) {
            return new Typed(f -> {
                long v = pl.load(f) + step;
                pl.store(f, v);
                return v;
            }, p.type());
        }
        return new Typed(f -> {
            long v = pl.load(f);
            pl.store(f, v + step);
            return v;
        }, p.type());
    }

    private PlaceT scalarPlace(Expr target, Pos pos) {
        PlaceT p = place(target);
        if (p.arrayLength() > 0 || p.type().isStruct()) {
            throw error(pos, describe(target) + " is " + (p.arrayLength() > 0 ? "an array" : "a " + p.type())
                    + " and cannot be assigned");
        }
        return p;
    }

    private Typed assign(Expr.Assign a) {
        PlaceT p = scalarPlace(a.target(), a.pos());
        Typed v = value(a.value());
        Place pl = p.place();
        if (a.op().equals("=")) {
            if (!p.type().accepts(v.type())) {
                throw error(a.pos(), "cannot assign a " + v.type() + " to " + describe(a.target()) + ", a " + p.type());
            }
            Ex x = v.ex();
            return new Typed(f -> {
                long r = x.eval(f);
                pl.store(f, r);
                return r;
            }, p.type());
        }
        String op = a.op().substring(0, a.op().length() - 1);
        Typed combined = arithmetic(op, new Typed(pl::load, p.type()), v, a.pos());
        Ex x = combined.ex();
        return new Typed(f -> {
            long r = x.eval(f);
            pl.store(f, r);
            return r;
        }, p.type());
    }

    private Typed ternary(Expr.Ternary t) {
        Ex c = condition(t.cond());
        Typed a = value(t.then());
        Typed b = value(t.otherwise());
        Ex x = a.ex();
        Ex y = b.ex();
        return new Typed(f -> c.eval(f) != 0 ? x.eval(f) : y.eval(f), a.type().isPointer() ? a.type() : b.type());
    }

    private Typed binary(Expr.Binary b) {
        if (b.op().equals("&&") || b.op().equals("||")) {
            Ex l = condition(b.left());
            Ex r = condition(b.right());
            return b.op().equals("&&") ? new Typed(f -> l.eval(f) != 0 && r.eval(f) != 0 ? 1 : 0, CType.INT)
                    : new Typed(f -> l.eval(f) != 0 || r.eval(f) != 0 ? 1 : 0, CType.INT);
        }
        return arithmetic(b.op(), value(b.left()), value(b.right()), b.pos());
    }

    private Typed arithmetic(String op, Typed lt, Typed rt, Pos pos) {
        Ex l = lt.ex();
        Ex r = rt.ex();
        if ((op.equals("+") || op.equals("-")) && lt.type().isPointer() && !rt.type().isPointer()) {
            long size = sym.sizeOf(lt.type().pointee(), pos);
            return op.equals("+") ? new Typed(f -> l.eval(f) + r.eval(f) * size, lt.type())
                    : new Typed(f -> l.eval(f) - r.eval(f) * size, lt.type());
        }
        if ((lt.type().isPointer() || rt.type().isPointer()) && !Map.of("==", 1, "!=", 1, "-", 1).containsKey(op)) {
            throw error(pos, "'" + op + "' of a " + lt.type() + " and a " + rt.type() + ": pointers only compare,"
                    + " subtract, or add an int");
        }
        return new Typed(switch (op) {
            case "+" -> f -> l.eval(f) + r.eval(f);
            case "-" -> f -> l.eval(f) - r.eval(f);
            case "*" -> f -> l.eval(f) * r.eval(f);
            case "/" -> f -> divide(f, l, r, pos, false);
            case "%" -> f -> divide(f, l, r, pos, true);
            case "&" -> f -> l.eval(f) & r.eval(f);
            case "|" -> f -> l.eval(f) | r.eval(f);
            case "^" -> f -> l.eval(f) ^ r.eval(f);
            case "<<" -> f -> l.eval(f) << r.eval(f);
            case ">>" -> f -> l.eval(f) >> r.eval(f);
            case "==" -> f -> l.eval(f) == r.eval(f) ? 1 : 0;
            case "!=" -> f -> l.eval(f) != r.eval(f) ? 1 : 0;
            case "<" -> f -> l.eval(f) < r.eval(f) ? 1 : 0;
            case "<=" -> f -> l.eval(f) <= r.eval(f) ? 1 : 0;
            case ">" -> f -> l.eval(f) > r.eval(f) ? 1 : 0;
            case ">=" -> f -> l.eval(f) >= r.eval(f) ? 1 : 0;
            default -> throw error(pos, "unknown operator '" + op + "'");
        }, CType.INT);
    }

    private long divide(Frame f, Ex l, Ex r, Pos pos, boolean rem) {
        long d = r.eval(f);
        if (d == 0) {
            throw new rcusim.machine.SimFailure(rcusim.machine.SimFailure.Kind.BUG,
                    "division by zero at " + sym.file + ":" + pos);
        }
        long n = l.eval(f);
        return rem ? n % d : n / d;
    }

    private Typed containerOf(Expr.ContainerOf c) {
        Typed p = value(c.ptr());
        CType st = sym.resolve(c.type());
        if (!st.isStruct()) {
            throw error(c.pos(), "container_of() needs a struct type, got " + st);
        }
        Symbols.FieldInfo fi = field(st, c.field(), c.pos());
        if (!p.type().isPointer()) {
            throw error(c.pos(), "container_of() needs a pointer, " + describe(c.ptr()) + " is " + p.type());
        }
        int off = fi.offset();
        Ex x = p.ex();
        return new Typed(f -> x.eval(f) - off, st.pointerTo());
    }

    /** How a message names an expression: its name when it has one. */
    static String describe(Expr e) {
        return switch (e) {
            case Expr.Name n -> "'" + n.name() + "'";
            case Expr.Field f -> "field " + f.field();
            default -> "the expression at " + e.pos();
        };
    }
}
