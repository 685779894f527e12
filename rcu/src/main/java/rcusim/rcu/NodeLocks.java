package rcusim.rcu;

import rcusim.kernel.Kernel;

/**
 * raw_spin_lock_rcu_node() and friends: every rcu_node lock acquisition is followed by
 * smp_mb__after_unlock_lock(), so that an unlock followed by a lock, on the same node or on
 * different nodes by the same CPU, is a full barrier (without it LKMM, and the machine, let a
 * store before the unlock be reordered with a load after the lock). Tree RCU's ordering
 * guarantees are built from this web of barriers.
 */
final class NodeLocks {
    private final RcuConfig config;

    NodeLocks(RcuConfig config) {
        this.config = config;
    }

    /**
     * The smp_mb__after_unlock_lock() that raw_spin_lock_rcu_node() and its variants add after
     * the acquisition; callers that take a node lock by hand (trylock with irqs saved, the root
     * with irqs off) call it too, so that the injected fault removes every one of them.
     */
    void afterUnlockLock(Kernel k) {
        if (!config.injected(RcuFault.NO_MB_AFTER_UNLOCK_LOCK)) {
            k.smpMbAfterUnlockLock();
        }
    }

    void lock(Kernel k, RcuNode rnp) {
        k.rawSpinLock(rnp.lock);
        afterUnlockLock(k);
    }

    void unlock(Kernel k, RcuNode rnp) {
        k.rawSpinUnlock(rnp.lock);
    }

    long lockIrqsave(Kernel k, RcuNode rnp) {
        long flags = k.rawSpinLockIrqsave(rnp.lock);
        afterUnlockLock(k);
        return flags;
    }

    void unlockIrqrestore(Kernel k, RcuNode rnp, long flags) {
        k.rawSpinUnlockIrqrestore(rnp.lock, flags);
    }

    boolean trylock(Kernel k, RcuNode rnp) {
        if (!k.rawSpinTrylock(rnp.lock)) {
            return false;
        }
        afterUnlockLock(k);
        return true;
    }
}
