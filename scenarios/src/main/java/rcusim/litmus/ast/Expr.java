package rcusim.litmus.ast;

import java.util.List;

/**
 * An expression in a process body. Primitives ({@code READ_ONCE}, {@code spin_lock}, ...) are
 * plain {@link Call}s; the parser keeps no list of them. A name is whatever it names (register,
 * local, parameter); resolving it is left to the compiler.
 */
public sealed interface Expr {

    Pos pos();

    /** Integer literal; a leading minus is folded in ({@code -1}). {@code NULL} parses as 0. */
    record IntLit(Pos pos, long value) implements Expr {}

    /** A bare identifier: {@code r0}, {@code x}. */
    record Name(Pos pos, String name) implements Expr {}

    /** {@code *pointer}. */
    record Deref(Pos pos, Expr pointer) implements Expr {}

    /** {@code &operand}. */
    record AddrOf(Pos pos, Expr operand) implements Expr {}

    /** {@code (type) operand}, e.g. {@code (intptr_t *)r1}. */
    record Cast(Pos pos, CType type, Expr operand) implements Expr {}

    record Unary(Pos pos, UnaryOp op, Expr operand) implements Expr {}

    /** {@code pos} is the position of the left operand. */
    record Binary(Pos pos, BinaryOp op, Expr left, Expr right) implements Expr {}

    /** {@code function(args)}; {@code pos} is the position of the function name. */
    record Call(Pos pos, String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code cond ? then : otherwise}. */
    record Ternary(Pos pos, Expr cond, Expr then, Expr otherwise) implements Expr {}

    enum UnaryOp {
        NEG("-"), NOT("!"), BIT_NOT("~");

        private final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    enum BinaryOp {
        MUL("*"), DIV("/"), MOD("%"),
        ADD("+"), SUB("-"),
        SHL("<<"), SHR(">>"),
        LT("<"), LE("<="), GT(">"), GE(">="),
        EQ("=="), NE("!="),
        BIT_AND("&"), BIT_XOR("^"), BIT_OR("|"),
        AND("&&"), OR("||");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
