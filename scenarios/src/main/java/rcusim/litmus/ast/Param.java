package rcusim.litmus.ast;

/**
 * A process parameter such as {@code int *x} or {@code spinlock_t *s}. By litmus convention
 * the parameter names the shared location of the same name, and its type is a pointer to it.
 */
public record Param(Pos pos, CType type, String name) {}
