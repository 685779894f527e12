package rcusim.scenarios.file.ast;

import java.util.List;
import rcusim.litmus.ast.Pos;

/** A C statement of a scenario file. */
public sealed interface Stmt {
    Pos pos();

    record ExprStmt(Pos pos, Expr expr) implements Stmt {
    }

    /** A local: {@code int r1 = 0;}, {@code struct foo *p;}, {@code int a[4];} (arrayLength 0: not an array). */
    record Decl(Pos pos, TypeRef type, String name, int arrayLength, Expr init) implements Stmt {
    }

    /** Several locals of one declaration ({@code int a, b;}), in the enclosing scope. */
    record Decls(Pos pos, List<Decl> decls) implements Stmt {
    }

    record If(Pos pos, Expr cond, Stmt then, Stmt otherwise) implements Stmt {
    }

    record While(Pos pos, Expr cond, Stmt body) implements Stmt {
    }

    record DoWhile(Pos pos, Stmt body, Expr cond) implements Stmt {
    }

    /** {@code for (init; cond; step) body}; each part may be null. */
    record For(Pos pos, Stmt init, Expr cond, Expr step, Stmt body) implements Stmt {
    }

    record Block(Pos pos, List<Stmt> body) implements Stmt {
    }

    record Break(Pos pos) implements Stmt {
    }

    record Continue(Pos pos) implements Stmt {
    }

    /** value may be null. */
    record Return(Pos pos, Expr value) implements Stmt {
    }

    /** {@code name:}: a named point a scripted schedule can wait for. */
    record Label(Pos pos, String name) implements Stmt {
    }
}
