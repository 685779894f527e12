package rcusim.litmus.axiom;

import rcusim.litmus.ast.AddressValue;
import rcusim.litmus.ast.Cond;
import rcusim.litmus.ast.IntValue;
import rcusim.litmus.ast.RegValue;
import rcusim.litmus.exec.LitmusProgram;
import rcusim.machine.memory.Address;

/**
 * Evaluates a final condition or filter while only some threads' runs are chosen: true,
 * false, or null when it still depends on registers of threads not yet chosen or on final
 * memory. Lets the verdict search skip runs that cannot give the execution it looks for.
 */
final class PartialCondition {
    private final LitmusProgram program;

    PartialCondition(LitmusProgram program) {
        this.program = program;
    }

    /** Registers of the processes with index at most {@code upTo} are known in {@code chosen}. */
    Boolean eval(Cond c, ThreadRun[] chosen, int upTo) {
        return switch (c) {
            case Cond.And a -> {
                boolean unknown = false;
                for (Cond t : a.terms()) {
                    Boolean v = eval(t, chosen, upTo);
                    if (v == null) {
                        unknown = true;
                    } else if (!v) {
                        yield false;
                    }
                }
                yield unknown ? null : true;
            }
            case Cond.Or o -> {
                boolean unknown = false;
                for (Cond t : o.terms()) {
                    Boolean v = eval(t, chosen, upTo);
                    if (v == null) {
                        unknown = true;
                    } else if (v) {
                        yield true;
                    }
                }
                yield unknown ? null : false;
            }
            case Cond.Not n -> {
                Boolean v = eval(n.operand(), chosen, upTo);
                yield v == null ? null : !v;
            }
            case Cond.Implies i -> {
                Boolean p = eval(i.premise(), chosen, upTo);
                Boolean q = eval(i.conclusion(), chosen, upTo);
                if (Boolean.FALSE.equals(p) || Boolean.TRUE.equals(q)) {
                    yield true;
                }
                yield p == null || q == null ? null : false;
            }
            case Cond.Const k -> k.value();
            case Cond.Atom a -> {
                if (!(a.lhs() instanceof RegValue lhs)) {
                    yield null; // a location's final value: known only once co is chosen
                }
                Long l = register(lhs, chosen, upTo);
                Long r = switch (a.rhs()) {
                    case IntValue i -> i.value();
                    case RegValue rv -> register(rv, chosen, upTo);
                    case AddressValue av -> Address.of(program.locationIndex(av.location()));
                };
                if (l == null || r == null) {
                    yield null;
                }
                yield l.equals(r) == (a.op() == Cond.CmpOp.EQ);
            }
        };
    }

    private Long register(RegValue r, ThreadRun[] chosen, int upTo) {
        for (int i = 0; i <= upTo && i < chosen.length; i++) {
            LitmusProgram.Process p = program.processes().get(i);
            if (p.name().equals("P" + r.proc())) {
                return chosen[i].registers()[p.registers().indexOf(r.register())];
            }
        }
        return null;
    }
}
