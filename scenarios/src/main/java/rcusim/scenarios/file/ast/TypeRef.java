package rcusim.scenarios.file.ast;

import rcusim.litmus.ast.Pos;

/**
 * A type as written: a base ({@code int}, {@code long}, {@code struct foo}, {@code spinlock_t},
 * {@code struct mutex}, ...) and how many {@code *} follow it.
 */
public record TypeRef(Pos pos, String base, int pointers) {
    @Override
    public String toString() {
        return base + " " + "*".repeat(pointers);
    }
}
