package rcusim.machine;

import java.util.Arrays;
import rcusim.machine.decide.OptionKind;

/**
 * What one machine step touched, for a partial-order reduction: the option performed and the
 * objects it read and wrote. An object is a simulated location (its index, &gt;= 0) or one of
 * the pseudo-objects below, which stand for state the machine and the kernel keep outside
 * simulated memory. Two steps are dependent when they share an object that one of them writes.
 *
 * <ul>
 *   <li>{@link #cpuObject(int)}: everything of CPU c (its context, store buffer, views,
 *       interrupt flag); written by every step of c, so a CPU's steps stay in order;</li>
 *   <li>{@link #GLOBAL}: the kernel's shared state (run queues, timers, pending interrupts,
 *       the clock, the allocator): written by a step that changed or used it, read by every
 *       other step, so such a step is dependent with everything;</li>
 *   <li>{@link #COMMIT}: the memory's commit order (a store reaching memory, an atomic),
 *       written by commits and read by what raises a CPU's view to "all committed so far"
 *       (fences, acquire loads, loads of pointers).</li>
 * </ul>
 * The machine fills one (reused) footprint per step when a {@link StepObserver} runs it.
 */
public final class StepFootprint {
    public static final int GLOBAL = -1;
    public static final int COMMIT = -2;

    /** The pseudo-object of CPU c's own state. */
    public static int cpuObject(int cpu) {
        return -3 - cpu;
    }

    private OptionKind kind;
    private int cpu;
    private int arg;
    private int[] reads = new int[8];
    private int readCount;
    private int[] writes = new int[8];
    private int writeCount;

    void begin(OptionKind k, int c, int a) {
        kind = k;
        cpu = c;
        arg = a;
        readCount = 0;
        writeCount = 0;
        write(cpuObject(c));
        read(GLOBAL);
    }

    /** The step used or changed the kernel's shared state: dependent with every other step. */
    void global() {
        write(GLOBAL);
    }

    void read(int object) {
        for (int i = 0; i < readCount; i++) {
            if (reads[i] == object) {
                return;
            }
        }
        if (readCount == reads.length) {
            reads = Arrays.copyOf(reads, readCount * 2);
        }
        reads[readCount++] = object;
    }

    void write(int object) {
        for (int i = 0; i < writeCount; i++) {
            if (writes[i] == object) {
                return;
            }
        }
        if (writeCount == writes.length) {
            writes = Arrays.copyOf(writes, writeCount * 2);
        }
        writes[writeCount++] = object;
    }

    public OptionKind kind() {
        return kind;
    }

    public int cpu() {
        return cpu;
    }

    /** The option's argument (a drain's entry index, an interrupt's vector), as {@code Options.arg}. */
    public int arg() {
        return arg;
    }

    public boolean isGlobal() {
        for (int i = 0; i < writeCount; i++) {
            if (writes[i] == GLOBAL) {
                return true;
            }
        }
        return false;
    }

    /** The objects read (written ones are not repeated here unless also read). */
    public int[] reads() {
        return Arrays.copyOf(reads, readCount);
    }

    public int[] writes() {
        return Arrays.copyOf(writes, writeCount);
    }

    @Override
    public String toString() {
        return kind + " " + cpu + "/" + arg + " r" + Arrays.toString(reads()) + " w" + Arrays.toString(writes());
    }
}
