/**
 * The simulated hardware: CPUs (online, the irq flag, pending interrupt vectors, the wait for
 * an interrupt), memory with its store buffers, the instructions code executes on them
 * ({@link rcusim.machine.Instructions}), strands (one per execution context) and the decision
 * loop ({@link rcusim.machine.Machine}), which asks a decider at every choice.
 *
 * <p>The machine runs whatever software is installed through
 * {@link rcusim.machine.OperatingSystem} and never names a class of the kernel environment
 * (an architecture test holds this).
 */
package rcusim.machine;
