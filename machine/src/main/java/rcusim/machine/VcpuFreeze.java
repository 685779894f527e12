package rcusim.machine;

/**
 * vCPU preemption: now and then the machine offers to freeze one CPU for a long stretch, as a
 * hypervisor descheduling a virtual CPU (or a long NMI or SMI) does on real hardware. A frozen
 * CPU takes no step and no interrupt (they stay pending); its store buffer still drains (the
 * exit to the hypervisor is serialising). The other CPUs run on and virtual time passes, so the
 * frozen CPU finds jiffies moved on when it resumes, as a descheduled guest does.
 *
 * <p>The offer is a decision like any other, so every strategy can make it, replay files record
 * it and replays reproduce it: every {@code every} machine steps (the bounded rate), the CPU that
 * stepped last, when it can still step, is offered "run on" (option 0), "freeze now for
 * {@link #LENGTHS}[j-1] steps" (options 1 to L) or "freeze for LENGTHS[j-1] steps just before
 * this CPU's next spin_lock()" (options L+1 to 2L; dropped at the next offer if no lock came).
 *
 * <p>The second kind aims the stall where it opens race windows: between a lockless check and
 * the lock taken after it (a hypervisor may preempt anywhere; a uniformly placed freeze lands in
 * a window a few steps wide once in thousands). It still misses most such windows, since the
 * offer goes to whichever CPU stepped last. So each CPU is also offered, at most once per
 * {@code every} steps, a freeze at its first spin_lock() that follows a READ_ONCE() or acquire
 * load of the same context with no lock operation between: "run on" (option 0) or "freeze for
 * LENGTHS[j-1] steps" (options 1 to L). That is the kernel's check-then-lock shape (look at
 * {@code rnp->gp_seq} locklessly, then take {@code rnp->lock} to act on what was seen), where a
 * descheduled vCPU lets the other CPUs end one grace period and start the next in between.
 *
 * <p>One CPU is frozen at a time. A frozen CPU thaws early when nothing else can act (the
 * hypervisor has nothing better to run; waiting would only be idle time).
 */
final class VcpuFreeze {
    /** How long a freeze lasts, in machine steps (at 1 us per step: 0.25, 1, 4 and 16 ms). */
    static final long[] LENGTHS = {250, 1000, 4000, 16000};

    private final long every;
    private long nextOffer;
    private int frozen = -1;
    private long thawAt;
    /** A CPU to freeze before its next spin_lock(), or -1; and for how long. */
    private int armed = -1;
    private long armedLength;
    /** Per CPU: the first step at which it may be offered a freeze at a lock after a load. */
    private final long[] nextLockOffer;
    /** The CPU about to take a lock after a lockless load, to be offered a freeze, or -1. */
    private int lockOffer = -1;

    VcpuFreeze(long every, int cpus) {
        this.every = every;
        this.nextOffer = every;
        this.nextLockOffer = new long[cpus];
    }

    boolean enabled() {
        return every > 0;
    }

    /** The frozen CPU, or -1. */
    int frozen() {
        return frozen;
    }

    /** Whether an offer is due at this step (and none is frozen). */
    boolean offerDue(long step) {
        if (every <= 0 || frozen >= 0 || step < nextOffer) {
            return false;
        }
        nextOffer = step + every;
        armed = -1;
        return true;
    }

    /** Number of options an offer has: run on, or one of the lengths. */
    static int options() {
        return 2 * LENGTHS.length + 1;
    }

    /** Applies option choice (0: run on) of an offer to cpu at step; returns the freeze's length or 0. */
    long apply(int cpu, int choice, long step) {
        if (choice == 0) {
            return 0;
        }
        if (choice > LENGTHS.length) {
            armed = cpu;
            armedLength = LENGTHS[choice - 1 - LENGTHS.length];
            return 0;
        }
        return freeze(cpu, LENGTHS[choice - 1], step);
    }

    private long freeze(int cpu, long length, long step) {
        frozen = cpu;
        thawAt = step + length;
        return length;
    }

    /** cpu is about to spin_lock() after a lockless load at step: offer it a freeze, unless it had one lately. */
    void lockAfterLoad(int cpu, long step) {
        if (every > 0 && frozen < 0 && step >= nextLockOffer[cpu]) {
            lockOffer = cpu;
        }
    }

    /** The CPU to offer a freeze at its lock (see {@link #lockAfterLoad}), or -1; the offer is used up. */
    int takeLockOffer() {
        int c = lockOffer;
        lockOffer = -1;
        return c;
    }

    /** Number of options of an offer at a lock: run on, or one of the lengths. */
    static int lockOptions() {
        return LENGTHS.length + 1;
    }

    /** Applies option choice of an offer at cpu's lock at step; returns the freeze's length or 0. */
    long applyAtLock(int cpu, int choice, long step) {
        nextLockOffer[cpu] = step + every;
        return choice == 0 ? 0 : freeze(cpu, LENGTHS[choice - 1], step);
    }

    /** The CPU armed to freeze before its next spin_lock(), or -1. */
    int armed() {
        return armed;
    }

    /** The armed CPU is about to take a lock: freeze it now; returns the length. */
    long fireArmed(long step) {
        int c = armed;
        armed = -1;
        return freeze(c, armedLength, step);
    }

    /** Thaws the frozen CPU once its stretch is over; returns the CPU thawed, or -1. */
    int thawIfDue(long step) {
        return frozen >= 0 && step >= thawAt ? thaw() : -1;
    }

    /** Thaws the frozen CPU now; returns it, or -1 when none was frozen. */
    int thaw() {
        int c = frozen;
        frozen = -1;
        return c;
    }
}
