package rcusim.scenarios.file.exec;

import rcusim.kernel.Kernel;

/** One activation of a function, task body or handler of a file: its locals and the kernel it runs on. */
final class Frame {
    final RunState rs;
    final Kernel k;
    final long[] locals;
    /** The task whose code this is (its pseudo-random stream), for prandom_u32(). */
    final int task;
    long ret;

    Frame(RunState rs, Kernel k, int locals, int task) {
        this.rs = rs;
        this.k = k;
        this.locals = new long[Math.max(locals, 1)];
        this.task = task;
    }
}
