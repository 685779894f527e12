package rcusim.machine;

import java.util.Arrays;

/**
 * What one context knows of the pointers it holds: for each block whose address it last
 * obtained from memory or from the allocator, the block's generation then and where that
 * happened. Simulated code keeps pointers in plain Java longs, so this side table stands in
 * for the provenance a C compiler would track. Indexed by the block's first location, grown on
 * demand; a context that never sees a pointer never has one.
 */
final class PointerProvenance {
    /** generation + 1 at the last load; 0: never loaded by this context. */
    private int[] gen = new int[16];
    private long[] step = new long[16];
    private int[] cpu = new int[16];
    private String[] what = new String[16];

    void record(int block, int generation, long atStep, int onCpu, String how) {
        if (block >= gen.length) {
            int cap = Math.max(block + 1, gen.length * 2);
            gen = Arrays.copyOf(gen, cap);
            step = Arrays.copyOf(step, cap);
            cpu = Arrays.copyOf(cpu, cap);
            what = Arrays.copyOf(what, cap);
        }
        gen[block] = generation + 1;
        step[block] = atStep;
        cpu[block] = onCpu;
        what[block] = how;
    }

    /** The generation block had when this context last obtained a pointer into it, or -1. */
    int generation(int block) {
        return block < gen.length ? gen[block] - 1 : -1;
    }

    long step(int block) {
        return step[block];
    }

    int cpu(int block) {
        return cpu[block];
    }

    String what(int block) {
        return what[block];
    }
}
