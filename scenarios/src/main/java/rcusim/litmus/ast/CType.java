package rcusim.litmus.ast;

/**
 * A C type as written in a litmus test, reduced to what the simulator needs: the base type
 * name and the number of {@code *}. {@code const}, {@code volatile} and {@code _Atomic}
 * qualifiers are dropped.
 *
 * @param base     base type words joined by one space: "int", "intptr_t", "spinlock_t",
 *                 "atomic_t", "struct srcu_struct", "unsigned long"
 * @param pointers how many levels of pointer ({@code int **} has 2)
 */
public record CType(String base, int pointers) {

    public CType {
        if (base == null || base.isEmpty()) throw new IllegalArgumentException("empty base type");
        if (pointers < 0) throw new IllegalArgumentException("negative pointer depth");
    }

    public static CType of(String base) {
        return new CType(base, 0);
    }

    public boolean isPointer() {
        return pointers > 0;
    }

    /** The type one dereference away ({@code int **} gives {@code int *}). */
    public CType pointee() {
        if (pointers == 0) throw new IllegalStateException(this + " is not a pointer");
        return new CType(base, pointers - 1);
    }

    public CType pointerTo() {
        return new CType(base, pointers + 1);
    }

    /** A declaration of {@code name} with this type: "int x", "int **p". */
    public String declare(String name) {
        return pointers == 0 ? base + " " + name : toString() + name;
    }

    /** C spelling: "int", "int *", "struct srcu_struct **". */
    @Override
    public String toString() {
        return pointers == 0 ? base : base + " " + "*".repeat(pointers);
    }
}
