package rcusim.machine;

import java.util.Arrays;

/**
 * What each CPU offered when the machine last looked at it: whether its running context may
 * step, how many store-buffer entries may drain, which pending vectors it may take. The
 * machine looks again only at the CPUs an event may have changed since, so a step does not
 * re-derive every CPU's options (issue 18):
 * <ul>
 * <li>the CPU's own option was chosen (its step, a drain of its buffer, an interrupt taken):
 * {@link #changed};</li>
 * <li>another CPU or the clock raised an interrupt on it, asked it to reschedule or to boot,
 * brought it up or down: the kernel calls {@link Machine#wake}, which calls {@link #changed};</li>
 * <li>its context waits on the value of a location (a lock word, a conditional load, an atomic
 * behind its own buffered stores) and the location's version moved on ({@link #waitsOnMemory});</li>
 * <li>its context waits on a kernel condition, which other CPUs change without a wake: such a
 * CPU is {@link #volatileCpus volatile} and looked at every step.</li>
 * </ul>
 * Test builds compare the cached offers with a full look at every CPU each step
 * ({@link Machine#CHECK_DORMANT}).
 */
final class CpuOffers {
    /** The running context may step. */
    final boolean[] step;
    /** Store-buffer entries that may drain. */
    final int[] drains;
    /** Pending vectors it may take now (0 when it is not interruptible). */
    final int[] irqs;
    /** CPUs to look at again at the next step (arrays, not BitSets: cheaper to keep per step). */
    private final boolean[] dirty;
    /** CPUs looked at every step, as whether they may step depends on other CPUs' kernel state. */
    private final boolean[] volatileCpus;
    /**
     * CPUs whose step waits on the value of one location (a lock word, a conditional load, an
     * atomic behind its own buffered stores): looked at again once its version moved on.
     */
    final boolean[] waitsOnMemory;
    /** The location each {@link #waitsOnMemory} CPU waits on. */
    final int[] waitLocation;
    /** Its {@link rcusim.machine.memory.MemorySystem#version} when the CPU was looked at. */
    final long[] memoryVersion;

    /** Off: every CPU is looked at every step (to compare; {@link Machine#setOptionCache}). */
    boolean caching = true;
    /** Test seam: off, CPUs whose offers depend on other CPUs are not looked at each step (a wrong cache). */
    boolean trackVolatile = true;

    CpuOffers(int cpus) {
        step = new boolean[cpus];
        drains = new int[cpus];
        irqs = new int[cpus];
        dirty = new boolean[cpus];
        volatileCpus = new boolean[cpus];
        waitsOnMemory = new boolean[cpus];
        memoryVersion = new long[cpus];
        waitLocation = new int[cpus];
        Arrays.fill(dirty, true);
    }

    /** Something that may change what cpu offers happened. */
    void changed(int cpu) {
        dirty[cpu] = true;
    }

    /** Every CPU may offer something else (a scripted schedule acted before the step). */
    void allChanged() {
        Arrays.fill(dirty, true);
    }

    /**
     * Whether cpu must be looked at again before its offers are used, for any reason but the
     * location it waits on (the machine compares {@link #memoryVersion}).
     */
    boolean stale(int cpu) {
        return !caching || dirty[cpu] || volatileCpus[cpu];
    }

    /** Records a fresh look at cpu; for {@link Dependence#MEMORY}, location loc was at version. */
    void looked(int cpu, boolean canStep, int drainable, int takeable, Dependence on, int loc, long version) {
        step[cpu] = canStep;
        drains[cpu] = drainable;
        irqs[cpu] = takeable;
        dirty[cpu] = false;
        volatileCpus[cpu] = on == Dependence.KERNEL && trackVolatile;
        waitsOnMemory[cpu] = on == Dependence.MEMORY && trackVolatile;
        waitLocation[cpu] = loc;
        memoryVersion[cpu] = version;
    }

    /** What other CPUs may change, without a wake, about whether a CPU's context may step. */
    enum Dependence {
        /** Nothing: its own steps, drains and wakes. */
        NONE,
        /** The value of its operation's location. */
        MEMORY,
        /** The kernel's state (a wait's condition). */
        KERNEL
    }

    /** cpu was found dormant and leaves the scan until {@link Machine#wake}. */
    void dormant(int cpu) {
        dirty[cpu] = true; // looked at afresh when it wakes
        volatileCpus[cpu] = false;
        waitsOnMemory[cpu] = false;
    }
}
