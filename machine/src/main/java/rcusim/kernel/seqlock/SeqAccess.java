package rcusim.kernel.seqlock;

import rcusim.kernel.Kernel;

/**
 * The accesses the kernel writes as plain C around sequence counts, in one place: the
 * writer's {@code s->sequence++} (only the writer stores the count, serialised by its lock or
 * its CPU) and the loads and stores of the protected data inside read and write sections
 * (seqlock readers are data-racy by design; their result is discarded when the retry says so).
 * They are marked accesses here (READ_ONCE/WRITE_ONCE) because the machine has no plain
 * accesses yet; when it has, these three methods are what switches to them.
 */
public final class SeqAccess {
    private SeqAccess() {
    }

    /** A load of protected data inside a read section (plain in the kernel). */
    public static long dataLoad(Kernel k, long addr) {
        return k.readOnce(addr);
    }

    /** A store of protected data inside a write section (plain in the kernel). */
    public static void dataStore(Kernel k, long addr, long v) {
        k.writeOnce(addr, v);
    }

    /** The writer's update of the count, {@code s->sequence += delta} (plain in the kernel). */
    static void sequenceAdd(Kernel k, long seqAddr, long delta) {
        k.writeOnce(seqAddr, k.readOnce(seqAddr) + delta);
    }
}
