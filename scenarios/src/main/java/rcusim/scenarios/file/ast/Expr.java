package rcusim.scenarios.file.ast;

import java.util.List;
import rcusim.litmus.ast.Pos;

/** A C expression of a scenario file, as written (types are checked when it is compiled). */
public sealed interface Expr {
    Pos pos();

    record Num(Pos pos, long value) implements Expr {
    }

    /** A variable, a function or a constant (NULL, jiffies, TASKLET_SOFTIRQ, ...). */
    record Name(Pos pos, String name) implements Expr {
    }

    /** Prefix {@code - ! ~ * & ++ --}. */
    record Unary(Pos pos, String op, Expr operand) implements Expr {
    }

    /** Postfix {@code ++ --}. */
    record Postfix(Pos pos, String op, Expr operand) implements Expr {
    }

    record Binary(Pos pos, String op, Expr left, Expr right) implements Expr {
    }

    /** {@code =} or a compound assignment such as {@code +=}. */
    record Assign(Pos pos, String op, Expr target, Expr value) implements Expr {
    }

    record Ternary(Pos pos, Expr cond, Expr then, Expr otherwise) implements Expr {
    }

    record Call(Pos pos, String function, List<Expr> args) implements Expr {
    }

    record Index(Pos pos, Expr base, Expr index) implements Expr {
    }

    /** {@code base.field} or {@code base->field}. */
    record Field(Pos pos, Expr base, String field, boolean arrow) implements Expr {
    }

    /** {@code sizeof(type)}; sizes are in words, memory being word-addressed. */
    record SizeOf(Pos pos, TypeRef type) implements Expr {
    }

    /** {@code sizeof(*p)} and the like. */
    record SizeOfExpr(Pos pos, Expr operand) implements Expr {
    }

    /** {@code container_of(ptr, struct foo, field)}. */
    record ContainerOf(Pos pos, Expr ptr, TypeRef type, String field) implements Expr {
    }
}
