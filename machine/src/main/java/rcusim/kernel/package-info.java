/**
 * The kernel environment that runs on the machine: tasks and the run queues, __schedule(),
 * contexts and preempt_count, interrupts, softirqs, IPIs, timers and the tick, spinlocks,
 * mutexes, wait queues and completions, kthreads, CPU hotplug, context tracking, lockdep,
 * ownership checks and tracepoints. Simulated code calls it through
 * {@link rcusim.kernel.Kernel}; a run is set up with {@link rcusim.kernel.Simulation}.
 *
 * <p>It reaches the hardware only through the machine's public methods, and the machine
 * reaches it only through {@link rcusim.machine.OperatingSystem}, which
 * {@link rcusim.kernel.KernelEnvironment} implements.
 */
package rcusim.kernel;
