package rcusim.scenarios.file.exec;

import rcusim.kernel.Kernel;

/**
 * Plain C accesses of a scenario file ({@code x = 1;}, {@code r = p->a;}). The machine has no
 * plain access of its own yet, so they are READ_ONCE()/WRITE_ONCE() here: the one place to
 * change when a data-race detector gives plain accesses their own meaning.
 */
final class PlainAccess {
    private PlainAccess() {
    }

    static long read(Kernel k, long addr) {
        return k.readOnce(addr);
    }

    static void write(Kernel k, long addr, long v) {
        k.writeOnce(addr, v);
    }
}
