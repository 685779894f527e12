package rcusim.kernel.kcsan;

/**
 * One access as the shadow memory keeps it: who made it and when (context id and epoch, for
 * the happens-before test), what it was, and what a report shows of it. Records are reused in
 * place: a location keeps its last write and, per context, its last read.
 */
final class Access {
    static final int READ = 0;
    static final int WRITE = 1;
    static final int ASSERT_WRITER = 2;
    static final int ASSERT_ACCESS = 3;

    int ctx;
    long epoch;
    int type;
    boolean plain;
    /** For ASSERT_EXCLUSIVE_BITS: the bits no concurrent write may change; -1 otherwise. */
    long mask = -1L;
    String op;
    Site site;
    int cpu;
    String who;
    long value;
    long old;
    /** The seqcount read section a plain read was made in, or null. */
    SeqSection seq;

    void set(int ctx, long epoch, int type, boolean plain, long mask, String op, Site site, int cpu, String who,
            long value, long old, SeqSection seq) {
        this.ctx = ctx;
        this.epoch = epoch;
        this.type = type;
        this.plain = plain;
        this.mask = mask;
        this.op = op;
        this.site = site;
        this.cpu = cpu;
        this.who = who;
        this.value = value;
        this.old = old;
        this.seq = seq;
    }

    Access copy() {
        Access a = new Access();
        a.set(ctx, epoch, type, plain, mask, op, site, cpu, who, value, old, seq);
        return a;
    }

    boolean writes() {
        return type == WRITE;
    }

    boolean isAssert() {
        return type == ASSERT_WRITER || type == ASSERT_ACCESS;
    }
}
