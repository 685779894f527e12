package rcusim.scenarios.file.exec;

import rcusim.kernel.Kernel;

/**
 * Plain C accesses of a scenario file ({@code x = 1;}, {@code r = p->a;}): the machine's plain
 * loads and stores, which the data-race detector ({@code --kcsan}) checks, named by the
 * file and line they were written at.
 */
final class PlainAccess {
    private PlainAccess() {
    }

    static long read(Kernel k, long addr, String site) {
        return k.plainRead(addr, site);
    }

    static void write(Kernel k, long addr, long v, String site) {
        k.plainWrite(addr, v, site);
    }
}
