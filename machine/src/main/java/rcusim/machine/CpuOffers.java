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
 * <li>whether its context may step depends on what other CPUs do without a wake (a wait on a
 * kernel condition, a lock word, a conditional load, an atomic behind its own buffered stores):
 * such a CPU is {@link #volatileCpus volatile} and looked at every step.</li>
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
    /** CPUs looked at every step, as whether they may step depends on other CPUs. */
    private final boolean[] volatileCpus;

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

    /** Whether cpu must be looked at again before its offers are used. */
    boolean stale(int cpu) {
        return !caching || dirty[cpu] || volatileCpus[cpu];
    }

    /** Records a fresh look at cpu. */
    void looked(int cpu, boolean canStep, int drainable, int takeable, boolean dependsOnOthers) {
        step[cpu] = canStep;
        drains[cpu] = drainable;
        irqs[cpu] = takeable;
        dirty[cpu] = false;
        volatileCpus[cpu] = dependsOnOthers && trackVolatile;
    }

    /** cpu was found dormant and leaves the scan until {@link Machine#wake}. */
    void dormant(int cpu) {
        dirty[cpu] = true; // looked at afresh when it wakes
        volatileCpus[cpu] = false;
    }
}
