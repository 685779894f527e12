package rcusim.kernel.seqlock;

import rcusim.kernel.Kernel;

/**
 * The accesses the kernel writes as plain C around sequence counts, in one place: the
 * writer's {@code s->sequence++} (only the writer stores the count, serialised by its lock or
 * its CPU) and the loads and stores of the protected data inside read and write sections
 * (seqlock readers are data-racy by design; their result is discarded when the retry says so).
 * They are marked (READ_ONCE/WRITE_ONCE). Plain, they would be data races under LKMM even
 * when the retry check works: a reader's plain read that a writer's later store overwrites is
 * not ordered before that store (the read's smp_rmb() and the writer's smp_wmb() order only
 * reads and only writes, respectively), and the data-race detector (--kcsan) reports it. The
 * kernel's own KCSAN hides these accesses instead (kcsan_atomic_next() in
 * read_seqcount_begin(), kcsan_nestable_atomic_begin() in the write side); code checked by
 * LKMM's rules marks them, as these do. The detector still forgives plain reads in a section
 * whose retry throws them away (the race-seqcount-plain program shows an accepted one).
 */
public final class SeqAccess {
    private SeqAccess() {
    }

    /** A load of protected data inside a read section. */
    public static long dataLoad(Kernel k, long addr) {
        return k.readOnce(addr);
    }

    /** A store of protected data inside a write section. */
    public static void dataStore(Kernel k, long addr, long v) {
        k.writeOnce(addr, v);
    }

    /** The writer's update of the count, {@code s->sequence += delta} (plain in the kernel). */
    static void sequenceAdd(Kernel k, long seqAddr, long delta) {
        k.writeOnce(seqAddr, k.readOnce(seqAddr) + delta);
    }
}
