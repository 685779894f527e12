package rcusim.litmus.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition of a {@code filter} or the final {@code exists}/{@code ~exists}/{@code forall}
 * clause. {@code /\} and {@code \/} chains are flattened into one {@link And} / {@link Or}
 * with two or more terms. {@code x!=1} is an {@link Atom} with {@link CmpOp#NE}.
 */
public sealed interface Cond {

    Pos pos();

    /** Every atom in this condition, left to right. */
    default List<Atom> atoms() {
        List<Atom> out = new ArrayList<>();
        collectAtoms(this, out);
        return out;
    }

    private static void collectAtoms(Cond c, List<Atom> out) {
        switch (c) {
            case Atom a -> out.add(a);
            case And a -> a.terms().forEach(t -> collectAtoms(t, out));
            case Or o -> o.terms().forEach(t -> collectAtoms(t, out));
            case Not n -> collectAtoms(n.operand(), out);
            case Implies i -> {
                collectAtoms(i.premise(), out);
                collectAtoms(i.conclusion(), out);
            }
            case Const k -> { }
        }
    }

    /** {@code a /\ b /\ ...} */
    record And(Pos pos, List<Cond> terms) implements Cond {
        public And {
            terms = List.copyOf(terms);
        }
    }

    /** {@code a \/ b \/ ...} */
    record Or(Pos pos, List<Cond> terms) implements Cond {
        public Or {
            terms = List.copyOf(terms);
        }
    }

    /** {@code ~c} or {@code not c}. */
    record Not(Pos pos, Cond operand) implements Cond {}

    /** {@code a => b} (herd syntax; binds tighter than {@code /\}). */
    record Implies(Pos pos, Cond premise, Cond conclusion) implements Cond {}

    /** {@code true} or {@code false}. */
    record Const(Pos pos, boolean value) implements Cond {}

    /**
     * {@code lhs op rhs}: {@code x=1}, {@code 0:r1=1}, {@code 0:r1=0:r4}, {@code 1:r0=x}
     * (address of x), {@code x!=1}. {@code =} and {@code ==} both give {@link CmpOp#EQ}.
     */
    record Atom(Pos pos, Observed lhs, CmpOp op, Operand rhs) implements Cond {}

    enum CmpOp {
        EQ("="), NE("!=");

        private final String symbol;

        CmpOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
