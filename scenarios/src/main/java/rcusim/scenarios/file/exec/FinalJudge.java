package rcusim.scenarios.file.exec;

import java.util.List;
import rcusim.kernel.Kernel;
import rcusim.machine.SimFailure;
import rcusim.scenarios.file.ast.ScenarioFile;
import rcusim.scenarios.file.ast.ScenarioFile.Cond;

/**
 * A file's final clause, judged by the last workload task to exit, on the tasks' final locals
 * and the coherence-latest values of globals (as the litmus runner judges its final state).
 * {@code ~exists C} and {@code forall C} fail the run when broken; {@code exists C} counts the
 * runs that reach C ("final: exists") without failing any.
 */
final class FinalJudge {
    private interface Test {
        boolean test(RunState rs, Kernel k);
    }

    private final String quantifier;
    private final String text;
    private final Test test;

    private FinalJudge(String quantifier, String text, Test test) {
        this.quantifier = quantifier;
        this.text = text;
        this.test = test;
    }

    static FinalJudge compile(Symbols sym, ScenarioFile.FinalClause clause, List<String> tasks, List<Scope> scopes) {
        Test t = compile(sym, clause.cond(), tasks, scopes);
        return new FinalJudge(clause.quantifier(), sym.file + ":" + clause.pos(), t);
    }

    private static Test compile(Symbols sym, Cond c, List<String> tasks, List<Scope> scopes) {
        return switch (c) {
            case Cond.Not n -> {
                Test inner = compile(sym, n.cond(), tasks, scopes);
                yield (rs, k) -> !inner.test(rs, k);
            }
            case Cond.And a -> {
                Test l = compile(sym, a.left(), tasks, scopes);
                Test r = compile(sym, a.right(), tasks, scopes);
                yield (rs, k) -> l.test(rs, k) && r.test(rs, k);
            }
            case Cond.Or o -> {
                Test l = compile(sym, o.left(), tasks, scopes);
                Test r = compile(sym, o.right(), tasks, scopes);
                yield (rs, k) -> l.test(rs, k) || r.test(rs, k);
            }
            case Cond.Atom a -> atom(sym, a, tasks, scopes);
        };
    }

    private static Test atom(Symbols sym, Cond.Atom a, List<String> tasks, List<Scope> scopes) {
        long v = a.value();
        String op = a.op();
        if (a.task() != null) {
            int t = tasks.indexOf(a.task());
            if (t < 0) {
                throw sym.error(a.pos(), "unknown task '" + a.task() + "' (the tasks: " + String.join(", ", tasks) + ")");
            }
            Scope.Local l = scopes.get(t).all.get(a.name());
            if (l == null) {
                throw sym.error(a.pos(), "task " + a.task() + " has no local '" + a.name() + "'");
            }
            int slot = l.slot();
            return (rs, k) -> compare(rs.finalLocals[t][slot], op, v);
        }
        Symbols.Global g = sym.globals.get(a.name());
        if (g == null) {
            throw sym.error(a.pos(), "unknown global '" + a.name() + "' (a task's local is written task:local)");
        }
        if (g.isObject() || g.arrayLength() > 0 || g.type().isStruct()) {
            throw sym.error(a.pos(), a.name() + " is a " + g.type() + (g.arrayLength() > 0 ? " array" : "")
                    + "; a final clause reads int and pointer globals");
        }
        int idx = g.index();
        return (rs, k) -> compare(k.machineMemoryPeek(rs.globals[idx]), op, v);
    }

    private static boolean compare(long x, String op, long v) {
        return switch (op) {
            case "=", "==" -> x == v;
            case "!=" -> x != v;
            case "<" -> x < v;
            case "<=" -> x <= v;
            case ">" -> x > v;
            default -> x >= v;
        };
    }

    void judge(RunState rs, Kernel k) {
        boolean holds = test.test(rs, k);
        switch (quantifier) {
            case "exists" -> {
                if (holds) {
                    k.count("final: exists", 1);
                }
            }
            case "~exists" -> {
                if (holds) {
                    throw new SimFailure(SimFailure.Kind.ASSERTION, "final clause ~exists at " + text
                            + " broken: the final state satisfies it");
                }
            }
            default -> {
                if (!holds) {
                    throw new SimFailure(SimFailure.Kind.ASSERTION, "final clause forall at " + text
                            + " broken: the final state does not satisfy it");
                }
            }
        }
    }
}
