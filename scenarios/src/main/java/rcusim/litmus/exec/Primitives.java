package rcusim.litmus.exec;

import java.util.Map;
import java.util.TreeMap;
import rcusim.machine.Ordering;
import rcusim.machine.RmwOp;
import rcusim.machine.memory.RmwResult;

/**
 * The atomic read-modify-write primitives of linux-kernel.def, by name: xchg, cmpxchg and the
 * atomic_t family in every ordering, with the kernel's argument order.
 */
final class Primitives {
    /**
     * How to lower one atomic: which argument is the address, which the operand (or a fixed
     * operand when -1), whether the operand is negated (sub, dec), and the second operand
     * (cmpxchg's new value, add_unless's "unless" value).
     */
    record Atomic(RmwOp op, Ordering ordering, RmwResult result, int arity, int addressArg, int operandArg,
                  long fixedOperand, boolean negate, int secondArg) {
    }

    private static final Map<String, Atomic> ATOMICS = new TreeMap<>();

    private static final String[] SUFFIXES = {"", "_relaxed", "_acquire", "_release"};
    private static final Ordering[] ORDERINGS = {Ordering.FULL, Ordering.RELAXED, Ordering.ACQUIRE, Ordering.RELEASE};

    static {
        for (int i = 0; i < SUFFIXES.length; i++) {
            String s = SUFFIXES[i];
            Ordering o = ORDERINGS[i];
            put("xchg" + s, new Atomic(RmwOp.XCHG, o, RmwResult.OLD, 2, 0, 1, 0, false, -1));
            put("atomic_xchg" + s, new Atomic(RmwOp.XCHG, o, RmwResult.OLD, 2, 0, 1, 0, false, -1));
            put("cmpxchg" + s, new Atomic(RmwOp.CMPXCHG, o, RmwResult.OLD, 3, 0, 1, 0, false, 2));
            put("atomic_cmpxchg" + s, new Atomic(RmwOp.CMPXCHG, o, RmwResult.OLD, 3, 0, 1, 0, false, 2));
            put("atomic_add_return" + s, new Atomic(RmwOp.ADD, o, RmwResult.NEW, 2, 1, 0, 0, false, -1));
            put("atomic_sub_return" + s, new Atomic(RmwOp.ADD, o, RmwResult.NEW, 2, 1, 0, 0, true, -1));
            put("atomic_inc_return" + s, new Atomic(RmwOp.ADD, o, RmwResult.NEW, 1, 0, -1, 1, false, -1));
            put("atomic_dec_return" + s, new Atomic(RmwOp.ADD, o, RmwResult.NEW, 1, 0, -1, -1, false, -1));
            put("atomic_fetch_inc" + s, new Atomic(RmwOp.ADD, o, RmwResult.OLD, 1, 0, -1, 1, false, -1));
            put("atomic_fetch_dec" + s, new Atomic(RmwOp.ADD, o, RmwResult.OLD, 1, 0, -1, -1, false, -1));
            put("atomic_fetch_add" + s, new Atomic(RmwOp.ADD, o, RmwResult.OLD, 2, 1, 0, 0, false, -1));
            put("atomic_fetch_sub" + s, new Atomic(RmwOp.ADD, o, RmwResult.OLD, 2, 1, 0, 0, true, -1));
            put("atomic_fetch_and" + s, new Atomic(RmwOp.AND, o, RmwResult.OLD, 2, 1, 0, 0, false, -1));
            put("atomic_fetch_or" + s, new Atomic(RmwOp.OR, o, RmwResult.OLD, 2, 1, 0, 0, false, -1));
            put("atomic_fetch_xor" + s, new Atomic(RmwOp.XOR, o, RmwResult.OLD, 2, 1, 0, 0, false, -1));
            put("atomic_fetch_andnot" + s, new Atomic(RmwOp.ANDNOT, o, RmwResult.OLD, 2, 1, 0, 0, false, -1));
        }
        Ordering r = Ordering.RELAXED;
        put("atomic_add", new Atomic(RmwOp.ADD, r, RmwResult.NONE, 2, 1, 0, 0, false, -1));
        put("atomic_sub", new Atomic(RmwOp.ADD, r, RmwResult.NONE, 2, 1, 0, 0, true, -1));
        put("atomic_and", new Atomic(RmwOp.AND, r, RmwResult.NONE, 2, 1, 0, 0, false, -1));
        put("atomic_or", new Atomic(RmwOp.OR, r, RmwResult.NONE, 2, 1, 0, 0, false, -1));
        put("atomic_xor", new Atomic(RmwOp.XOR, r, RmwResult.NONE, 2, 1, 0, 0, false, -1));
        put("atomic_andnot", new Atomic(RmwOp.ANDNOT, r, RmwResult.NONE, 2, 1, 0, 0, false, -1));
        put("atomic_inc", new Atomic(RmwOp.ADD, r, RmwResult.NONE, 1, 0, -1, 1, false, -1));
        put("atomic_dec", new Atomic(RmwOp.ADD, r, RmwResult.NONE, 1, 0, -1, -1, false, -1));
        Ordering f = Ordering.FULL;
        put("atomic_sub_and_test", new Atomic(RmwOp.ADD, f, RmwResult.NEW_IS_ZERO, 2, 1, 0, 0, true, -1));
        put("atomic_dec_and_test", new Atomic(RmwOp.ADD, f, RmwResult.NEW_IS_ZERO, 1, 0, -1, -1, false, -1));
        put("atomic_inc_and_test", new Atomic(RmwOp.ADD, f, RmwResult.NEW_IS_ZERO, 1, 0, -1, 1, false, -1));
        put("atomic_add_negative", new Atomic(RmwOp.ADD, f, RmwResult.NEW_IS_NEGATIVE, 2, 1, 0, 0, false, -1));
        put("atomic_add_unless", new Atomic(RmwOp.ADD_UNLESS, f, RmwResult.CHANGED, 3, 0, 1, 0, false, 2));
    }

    private Primitives() {
    }

    private static void put(String name, Atomic a) {
        ATOMICS.put(name, a);
    }

    static boolean isAtomicRmw(String name) {
        return ATOMICS.containsKey(name);
    }

    static Atomic atomic(String name) {
        return ATOMICS.get(name);
    }
}
