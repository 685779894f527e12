package rcusim.scenarios.file.exec;

import java.util.Set;

/**
 * A type of the scenario dialect: a base and a pointer depth. Memory is word-addressed: int,
 * pointers, atomic_t, spinlock_t and rcu_head take one word, a struct the sum of its fields.
 * The kernel objects of {@link #OBJECTS} are not memory but simulator objects, declared global
 * only, and a pointer to one is its handle.
 */
record CType(String base, int pointers) {
    static final CType INT = new CType("int", 0);
    static final CType VOID = new CType("void", 0);
    /** Kernel objects that live outside simulated memory. */
    static final Set<String> OBJECTS = Set.of("raw_spinlock_t", "struct mutex", "struct completion",
            "wait_queue_head_t", "struct timer_list", "seqcount_t", "seqcount_raw_spinlock_t", "seqcount_mutex_t",
            "seqlock_t", "seqcount_latch_t");

    boolean isPointer() {
        return pointers > 0;
    }

    /** A value that fits a register: int, a pointer, a handle. */
    boolean isScalar() {
        return pointers > 0 || base.equals("int");
    }

    boolean isStruct() {
        return pointers == 0 && base.startsWith("struct ") && !OBJECTS.contains(base) && !base.equals("struct rcu_head");
    }

    boolean isObject() {
        return pointers == 0 && OBJECTS.contains(base);
    }

    CType pointee() {
        return new CType(base, pointers - 1);
    }

    CType pointerTo() {
        return new CType(base, pointers + 1);
    }

    /** Numbers and NULL go anywhere a scalar does; pointers must match except void *. */
    boolean accepts(CType from) {
        if (equals(from) || (base.equals("int") && pointers == 0 && from.isScalar())) {
            return true;
        }
        if (pointers > 0 && from.pointers == 0 && from.base.equals("int")) {
            return true; // NULL, or an address computed as a number
        }
        return pointers > 0 && from.pointers > 0 && (base.equals("void") || from.base.equals("void"));
    }

    @Override
    public String toString() {
        return base + (pointers == 0 ? "" : " " + "*".repeat(pointers));
    }
}
