package rcusim.litmus.ast;

/**
 * One name declared by a {@link Stmt.Decl}: in {@code int *r1, r2 = 3;} there are two,
 * {@code r1} of type {@code int *} and {@code r2} of type {@code int} initialised to 3.
 *
 * @param init initialiser, or null
 */
public record Declarator(Pos pos, CType type, String name, Expr init) {}
