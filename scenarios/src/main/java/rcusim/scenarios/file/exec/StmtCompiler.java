package rcusim.scenarios.file.exec;

import java.util.ArrayList;
import java.util.List;
import rcusim.scenarios.file.ast.Stmt;
import rcusim.scenarios.file.exec.Code.Ex;
import rcusim.scenarios.file.exec.Code.St;

/** Compiles statements to closures; loops and blocks propagate break, continue and return. */
final class StmtCompiler {
    private final ExprCompiler x;
    private int loops;

    StmtCompiler(ExprCompiler x) {
        this.x = x;
    }

    /** A function's (or task's, or handler's) body, in a fresh scope whose first slots are the parameters. */
    St body(Stmt.Block b, Scope scope) {
        Scope outer = x.scope;
        x.scope = scope;
        try {
            loops = 0;
            return block(b.body(), false);
        } finally {
            x.scope = outer;
        }
    }

    St statement(Stmt s) {
        return switch (s) {
            case Stmt.ExprStmt e -> {
                Ex ex = x.valueOrVoid(e.expr()).ex();
                yield f -> {
                    ex.eval(f);
                    return Code.NORMAL;
                };
            }
            case Stmt.Decl d -> declaration(d);
            case Stmt.Decls d -> block(new ArrayList<>(d.decls()), false);
            case Stmt.Block b -> block(b.body(), true);
            case Stmt.If i -> {
                Ex c = x.condition(i.cond());
                St then = scoped(i.then());
                St otherwise = i.otherwise() == null ? null : scoped(i.otherwise());
                yield otherwise == null ? f -> c.eval(f) != 0 ? then.exec(f) : Code.NORMAL
                        : f -> c.eval(f) != 0 ? then.exec(f) : otherwise.exec(f);
            }
            case Stmt.While w -> {
                Ex c = x.condition(w.cond());
                St body = loopBody(w.body());
                yield f -> {
                    while (c.eval(f) != 0) {
                        int r = body.exec(f);
                        if (r == Code.BREAK) {
                            break;
                        }
                        if (r == Code.RETURN) {
                            return r;
                        }
                    }
                    return Code.NORMAL;
                };
            }
            case Stmt.DoWhile w -> {
                St body = loopBody(w.body());
                Ex c = x.condition(w.cond());
                yield f -> {
                    do {
                        int r = body.exec(f);
                        if (r == Code.BREAK) {
                            break;
                        }
                        if (r == Code.RETURN) {
                            return r;
                        }
                    } while (c.eval(f) != 0);
                    return Code.NORMAL;
                };
            }
            case Stmt.For fo -> forLoop(fo);
            case Stmt.Break b -> {
                if (loops == 0) {
                    throw x.error(b.pos(), "'break' outside a loop");
                }
                yield f -> Code.BREAK;
            }
            case Stmt.Continue c -> {
                if (loops == 0) {
                    throw x.error(c.pos(), "'continue' outside a loop");
                }
                yield f -> Code.CONTINUE;
            }
            case Stmt.Return r -> {
                if (r.value() == null) {
                    yield f -> Code.RETURN;
                }
                Ex v = x.value(r.value()).ex();
                yield f -> {
                    f.ret = v.eval(f);
                    return Code.RETURN;
                };
            }
            case Stmt.Label l -> {
                String name = l.name();
                yield f -> {
                    f.k.label(name);
                    return Code.NORMAL;
                };
            }
        };
    }

    private St forLoop(Stmt.For fo) {
        x.scope.push();
        try {
            St init = fo.init() == null ? f -> Code.NORMAL : statement(fo.init());
            Ex c = fo.cond() == null ? f -> 1 : x.condition(fo.cond());
            Ex step = fo.step() == null ? f -> 0 : x.valueOrVoid(fo.step()).ex();
            St body = loopBody(fo.body());
            return f -> {
                init.exec(f);
                while (c.eval(f) != 0) {
                    int r = body.exec(f);
                    if (r == Code.BREAK) {
                        break;
                    }
                    if (r == Code.RETURN) {
                        return r;
                    }
                    step.eval(f);
                }
                return Code.NORMAL;
            };
        } finally {
            x.scope.pop();
        }
    }

    private St loopBody(Stmt s) {
        loops++;
        try {
            return scoped(s);
        } finally {
            loops--;
        }
    }

    private St scoped(Stmt s) {
        x.scope.push();
        try {
            return statement(s);
        } finally {
            x.scope.pop();
        }
    }

    private St declaration(Stmt.Decl d) {
        CType t = x.sym.resolve(d.type());
        if (d.arrayLength() > 0) {
            throw x.error(d.pos(), "local arrays are not supported (locals are registers); declare " + d.name()
                    + " global");
        }
        if (!t.isScalar()) {
            throw x.error(d.pos(), "a local " + t + " is not supported (locals are registers holding an int or a"
                    + " pointer); declare " + d.name() + " global");
        }
        // declared before its initialiser, as in C: struct foo *p = kmalloc(sizeof(*p));
        int slot = x.scope.declare(d.pos(), d.name(), t).slot();
        Ex init = null;
        if (d.init() != null) {
            ExprCompiler.Typed v = x.value(d.init());
            if (!t.accepts(v.type())) {
                throw x.error(d.init().pos(), "cannot initialise " + d.name() + ", a " + t + ", with a " + v.type());
            }
            init = v.ex();
        }
        if (init == null) {
            return f -> {
                f.locals[slot] = 0;
                return Code.NORMAL;
            };
        }
        Ex i = init;
        return f -> {
            f.locals[slot] = i.eval(f);
            return Code.NORMAL;
        };
    }

    private St block(List<? extends Stmt> body, boolean newScope) {
        if (newScope) {
            x.scope.push();
        }
        try {
            St[] code = new St[body.size()];
            for (int i = 0; i < code.length; i++) {
                code[i] = statement(body.get(i));
            }
            if (code.length == 1) {
                return code[0];
            }
            return f -> {
                for (St s : code) {
                    int r = s.exec(f);
                    if (r != Code.NORMAL) {
                        return r;
                    }
                }
                return Code.NORMAL;
            };
        } finally {
            if (newScope) {
                x.scope.pop();
            }
        }
    }
}
