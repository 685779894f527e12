package rcusim.kernel;

/**
 * The one spinlock implementation: spinlock_t at a bare address and raw_spinlock_t with its
 * lockdep class. Both take and release their lock word through the machine's lock
 * instructions, which keep the one record of who holds each word; a raw spinlock adds what
 * the kernel adds around it (preemption off, lockdep, the irq variants).
 */
final class Spinlocks {
    private final Kernel k;
    private final KernelEnvironment env;

    Spinlocks(Kernel k, KernelEnvironment env) {
        this.k = k;
        this.env = env;
    }

    /** spin_lock(): waits (spin-assume) until the lock is free, then takes it with acquire ordering. */
    public void spinLock(long addr) {
        k.insn.lock(addr, "spin_lock", "spin_lock");
    }

    public boolean spinTrylock(long addr) {
        return k.insn.trylock(addr, "spin_trylock", "spin_trylock", true);
    }

    /** spin_unlock(): a release store of 0; unlocking a lock this CPU does not hold fails the run. */
    public void spinUnlock(long addr) {
        k.insn.unlock(addr, "spin_unlock", "spin_unlock", null);
    }

    /** raw_spin_lock(): preemption off, lockdep, then the acquire (spinning without decisions). */
    public void rawSpinLock(RawSpinlock l) {
        k.preemptDisable();
        k.lockdep.acquire(env.current(), l, false);
        spinLockWord(l);
    }

    private void spinLockWord(RawSpinlock l) {
        k.insn.lock(l.addr, "raw_spin_lock", l.lockText);
    }

    public boolean rawSpinTrylock(RawSpinlock l) {
        k.preemptDisable();
        boolean ok = k.insn.trylock(l.addr, "raw_spin_trylock", null, false);
        if (ok) {
            k.lockdep.acquireTry(env.current(), l);
        } else {
            k.preemptEnableNoResched();
        }
        return ok;
    }

    public void rawSpinUnlock(RawSpinlock l) {
        spinUnlockWord(l);
        k.preemptEnable();
    }

    private void spinUnlockWord(RawSpinlock l) {
        k.lockdep.release(env.current(), l);
        k.insn.unlock(l.addr, "raw_spin_unlock", l.unlockText, l.unlockText);
    }

    public void rawSpinLockIrq(RawSpinlock l) {
        k.localIrqDisable();
        rawSpinLock(l);
    }

    public void rawSpinUnlockIrq(RawSpinlock l) {
        spinUnlockWord(l);
        k.thisCpu().preemptCount -= PreemptCount.PREEMPT_OFFSET;
        k.localIrqEnable();
        k.preemptCheck();
    }

    public long rawSpinLockIrqsave(RawSpinlock l) {
        long flags = k.localIrqSave();
        rawSpinLock(l);
        return flags;
    }

    public void rawSpinUnlockIrqrestore(RawSpinlock l, long flags) {
        spinUnlockWord(l);
        k.thisCpu().preemptCount -= PreemptCount.PREEMPT_OFFSET;
        k.localIrqRestore(flags);
        k.preemptCheck();
    }
}
