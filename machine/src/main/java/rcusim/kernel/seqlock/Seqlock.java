package rcusim.kernel.seqlock;

import rcusim.kernel.Kernel;
import rcusim.kernel.RawSpinlock;

/**
 * seqlock_t: a seqcount_spinlock_t and its spinlock, so that writers serialise among
 * themselves. Readers use the count ({@code read_seqbegin()}/{@code read_seqretry()}) or
 * take the lock as a writer would, shutting out writers ({@code read_seqlock_excl()}).
 */
public final class Seqlock {
    final RawSpinlock lock;
    final Seqcount seqcount;

    private Seqlock(RawSpinlock lock, Seqcount seqcount) {
        this.lock = lock;
        this.seqcount = seqcount;
    }

    /** seqlock_init(): name names the lock (and its lockdep class); fault may be null. */
    public static Seqlock create(Kernel k, String name, SeqFault fault) {
        RawSpinlock l = RawSpinlock.create(k, name + ".lock", name);
        return new Seqlock(l, Seqcount.withSpinlock(k, name + ".seqcount", l, fault));
    }

    /** The spinlock writers (and exclusive readers) take. */
    public RawSpinlock lock() {
        return lock;
    }

    public Seqcount seqcount() {
        return seqcount;
    }

    @Override
    public String toString() {
        return "seqlock_t " + lock.name();
    }
}
