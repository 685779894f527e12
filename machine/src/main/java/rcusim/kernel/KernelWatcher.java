package rcusim.kernel;

/**
 * Told of the named points a run passes, as they happen: labels ({@link Kernel#label}) and
 * trace events. A scripted schedule waits for them ({@code run reader until label x},
 * {@code until tracepoint rcu_grace_period gpstart}). Watching never changes the run.
 */
public interface KernelWatcher {
    /**
     * Simulated code on cpu passed label name; task is the task whose own code passed it, or
     * null in a hardirq, softirq or the scheduler.
     */
    void label(int cpu, String task, String name);

    /** A trace event was emitted on cpu (only in runs that trace: {@link Kernel#tracing()}). */
    void tracepoint(int cpu, String event, String fields);
}
