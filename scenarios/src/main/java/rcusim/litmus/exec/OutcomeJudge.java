package rcusim.litmus.exec;

import java.util.List;
import rcusim.litmus.ast.AddressValue;
import rcusim.litmus.ast.Cond;
import rcusim.litmus.ast.IntValue;
import rcusim.litmus.ast.LocValue;
import rcusim.litmus.ast.Observed;
import rcusim.litmus.ast.RegValue;
import rcusim.machine.memory.Address;

/** Reads a final state's observed values and judges the filter and final condition on them. */
public final class OutcomeJudge {
    private final LitmusProgram program;
    private final List<String> keys;

    public OutcomeJudge(LitmusProgram program) {
        this.program = program;
        this.keys = program.observed().stream().map(Observed::toString).toList();
    }

    long[] observe(LitmusState s) {
        return observe(l -> s.memory().latestValue(l), s::register);
    }

    /** What a final state records, given its memory (by location index) and registers (by process, register). */
    public long[] observe(java.util.function.IntToLongFunction memory, RegisterFile regs) {
        List<Observed> obs = program.observed();
        long[] v = new long[obs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (obs.get(i)) {
                case LocValue l -> memory.applyAsLong(program.locationIndex(l.location()));
                case RegValue r -> regs.register(indexOf(r.proc()),
                        program.processes().get(indexOf(r.proc())).registers().indexOf(r.register()));
            };
        }
        return v;
    }

    /** A final state's registers. */
    public interface RegisterFile {
        long register(int process, int register);
    }

    private int indexOf(int proc) {
        List<LitmusProgram.Process> ps = program.processes();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).name().equals("P" + proc)) {
                return i;
            }
        }
        throw new IllegalStateException("no P" + proc);
    }

    public boolean passesFilter(long[] values) {
        return program.filter() == null || holds(program.filter(), values);
    }

    public boolean satisfies(long[] values) {
        return holds(program.condition(), values);
    }

    private boolean holds(Cond c, long[] v) {
        return switch (c) {
            case Cond.And a -> a.terms().stream().allMatch(t -> holds(t, v));
            case Cond.Or o -> o.terms().stream().anyMatch(t -> holds(t, v));
            case Cond.Not n -> !holds(n.operand(), v);
            case Cond.Implies i -> !holds(i.premise(), v) || holds(i.conclusion(), v);
            case Cond.Const k -> k.value();
            case Cond.Atom a -> {
                long lhs = v[keys.indexOf(a.lhs().toString())];
                long rhs = switch (a.rhs()) {
                    case IntValue i -> i.value();
                    case RegValue r -> v[keys.indexOf(r.toString())];
                    case AddressValue av -> Address.of(program.locationIndex(av.location()));
                };
                yield (lhs == rhs) == (a.op() == Cond.CmpOp.EQ);
            }
        };
    }

    /** herd7-style rendering: "0:r0=1; 1:r0=0; x=y;" with addresses shown as location names. */
    public String format(long[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(keys.get(i)).append('=').append(show(values[i])).append(';');
            if (i + 1 < values.length) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private String show(long v) {
        int l = Address.locationOf(v);
        if (l >= 0 && l < program.locations().size()) {
            return program.locations().get(l);
        }
        return Long.toString(v);
    }
}
