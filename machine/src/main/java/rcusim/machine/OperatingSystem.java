package rcusim.machine;

import java.util.function.Consumer;

/**
 * The software the machine runs, as the machine sees it: what runs on a CPU when it steps,
 * taking an interrupt, a context that ended, whether a halted CPU may go on, and the passing
 * of time. The machine knows nothing else of the kernel.
 */
public interface OperatingSystem {
    /** Before the first step: give every CPU its first context. */
    void boot();

    /** After every CPU ran up to its first operation: start the clock. */
    void started();

    /** The context that runs when cpu steps, or null. Asked for every awake CPU at every step. */
    Context running(int cpu);

    /** Whether cpu, halted in its top context (WFI or dead), may continue. */
    boolean haltEnds(int cpu, Context halted);

    /** The machine takes pending vector v on cpu. */
    void interrupt(int cpu, Vector v);

    /** Context x's code returned (its op is NONE now). */
    void contextEnded(Context x);

    /** Whether every context the run waits for has ended: only buffered stores are left to drain. */
    boolean workloadDone();

    /** A step was taken while busyCpus CPUs could act: time moves on. */
    void stepped(int busyCpus);

    /**
     * A number that changes whenever time as simulated code can see it changes (jiffies), for
     * a partial-order reduction to order a step that moves it with every other.
     */
    default long epoch() {
        return 0;
    }

    /** Nothing can act: move time to the next event. False when there is none. */
    boolean advanceToNextEvent();

    /** Every context that still exists (at the end of a run, to discard their strands). */
    void forEachContext(Consumer<Context> action);

    /** More lines for a deadlock report (who sleeps, on what), each starting with a newline. */
    String deadlockDetail();

    /**
     * The machine froze cpu for the given number of steps (vCPU preemption, see
     * MachineConfig#vcpuFreezeEvery), afterLoad when just before a spin_lock() that follows a
     * lockless load: for coverage, statistics and traces. Not a step.
     */
    default void vcpuFrozen(int cpu, long steps, boolean afterLoad) {
    }
}
