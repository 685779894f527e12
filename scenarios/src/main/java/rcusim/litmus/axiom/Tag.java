package rcusim.litmus.axiom;

/**
 * The annotations LKMM's bell file and lock.cat give events, as bits of an int: access
 * strengths (Once, Acquire, Release, Noreturn, Plain), fence kinds, RCU and SRCU markers, the
 * parts of an atomic RMW, and the lock events of lock.cat (LKR/LKW for a lock taken, UL for
 * an unlock, LF a failed trylock, RL/RU spin_is_locked() true/false).
 */
final class Tag {
    static final int ONCE = 1;
    static final int ACQUIRE = 1 << 1;
    static final int RELEASE = 1 << 2;
    static final int NORETURN = 1 << 3;
    static final int PLAIN = 1 << 4;
    static final int MB = 1 << 5;
    static final int RMB = 1 << 6;
    static final int WMB = 1 << 7;
    static final int BEFORE_ATOMIC = 1 << 8;
    static final int AFTER_ATOMIC = 1 << 9;
    static final int AFTER_SPINLOCK = 1 << 10;
    static final int AFTER_UNLOCK_LOCK = 1 << 11;
    static final int RCU_LOCK = 1 << 12;
    static final int RCU_UNLOCK = 1 << 13;
    static final int SYNC_RCU = 1 << 14;
    static final int SRCU_LOCK = 1 << 15;
    static final int SRCU_UNLOCK = 1 << 16;
    static final int SYNC_SRCU = 1 << 17;
    /** Part of an atomic read-modify-write instruction (the RMW set). */
    static final int RMW = 1 << 18;
    static final int LKR = 1 << 19;
    static final int LKW = 1 << 20;
    static final int UL = 1 << 21;
    static final int LF = 1 << 22;
    static final int RL = 1 << 23;
    static final int RU = 1 << 24;
    static final int INIT = 1 << 25;
    static final int BARRIER = 1 << 26;
    /** A failed trylock or a true spin_is_locked() inside the thread's own critical section. */
    static final int IN_OWN_CS = 1 << 27;
    /** The read or write of a fully ordered RMW (xchg(), cmpxchg() succeeding, ...): the bell's MB on an access. */
    static final int MB_ACCESS = 1 << 28;
    static final int AFTER_SRCU_UNLOCK = 1 << 29;

    static final int LOCK_EVENTS = LKR | LKW | UL | LF | RL | RU;

    private Tag() {
    }

    /** The fence tag of a fence primitive's name. */
    static int ofFence(String what) {
        return switch (what) {
            case "smp_rmb", "RMB" -> RMB;
            case "smp_wmb", "WMB" -> WMB;
            case "smp_mb__before_atomic" -> BEFORE_ATOMIC;
            case "smp_mb__after_atomic" -> AFTER_ATOMIC;
            case "smp_mb__after_spinlock" -> AFTER_SPINLOCK;
            case "smp_mb__after_unlock_lock" -> AFTER_UNLOCK_LOCK;
            case "smp_mb__after_srcu_read_unlock" -> AFTER_SRCU_UNLOCK;
            default -> MB; // smp_mb, smp_store_mb's fence
        };
    }
}
