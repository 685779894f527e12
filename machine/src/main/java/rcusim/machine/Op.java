package rcusim.machine;

/** The machine operations a CPU can post: each is one step, and a point where it may be switched out. */
final class Op {
    static final int NONE = 0;
    static final int LOAD = 1;
    static final int LOAD_ACQUIRE = 2;
    static final int STORE = 3;
    static final int STORE_RELEASE = 4;
    static final int MB = 5;
    static final int RMB = 6;
    static final int WMB = 7;
    static final int RMW = 8;
    static final int LOCK = 9;
    static final int TRYLOCK = 10;
    static final int UNLOCK = 11;
    static final int COND_LOAD = 12;
    static final int FREE = 13;

    private static final String[] NAMES = {
        "none", "READ_ONCE", "smp_load_acquire", "WRITE_ONCE", "smp_store_release", "smp_mb",
        "smp_rmb", "smp_wmb", "atomic", "spin_lock", "spin_trylock", "spin_unlock", "smp_cond_load", "free"
    };

    private Op() {
    }

    static String name(int op) {
        return NAMES[op];
    }
}
