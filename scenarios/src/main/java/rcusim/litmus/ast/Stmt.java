package rcusim.litmus.ast;

import java.util.List;

/**
 * A statement of a process body. Compound assignments and {@code ++}/{@code --} statements are
 * rewritten by the parser into {@link Assign} ({@code r += 2} becomes {@code r = r + 2}).
 */
public sealed interface Stmt {

    Pos pos();

    /** {@code int r0, *r1 = &x;} — one or more declarators sharing a base type. */
    record Decl(Pos pos, List<Declarator> declarators) implements Stmt {
        public Decl {
            declarators = List.copyOf(declarators);
        }
    }

    /**
     * {@code target = value;}. {@code target} is an lvalue: an {@link Expr.Name} (a register or
     * local) or an {@link Expr.Deref} (a plain store such as {@code *x = a}).
     */
    record Assign(Pos pos, Expr target, Expr value) implements Stmt {}

    /** An expression used as a statement, typically a primitive call: {@code smp_mb();}. */
    record ExprStmt(Pos pos, Expr expr) implements Stmt {}

    /** {@code if (cond) then else otherwise}; {@code otherwise} is null without {@code else}. */
    record If(Pos pos, Expr cond, Stmt then, Stmt otherwise) implements Stmt {}

    /** {@code { ... }}; also every process body. */
    record Block(Pos pos, List<Stmt> stmts) implements Stmt {
        public Block {
            stmts = List.copyOf(stmts);
        }
    }

    /** A lone {@code ;}. */
    record Empty(Pos pos) implements Stmt {}
}
