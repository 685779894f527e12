/**
 * Strands: the coroutines that simulated contexts (tasks, kthreads, softirq and hardirq handlers)
 * run as, never one OS thread per simulated CPU.
 *
 * <p>A {@link rcusim.machine.strand.Strand} is resumed by its owner (the one thread that runs a
 * simulation) and runs until its body calls {@link rcusim.machine.strand.StrandFactory#park()}
 * or finishes. Exactly one of the owner and the strands runs at any time, so simulated code
 * never races with the machine and a run stays a pure function of its decisions.
 *
 * <p>Two substrates sit behind the same interface: {@link rcusim.machine.strand.ContinuationStrands}
 * ({@code jdk.internal.vm.Continuation}, about 100 ns a switch; needs
 * {@code --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED}) and the portable
 * {@link rcusim.machine.strand.ThreadStrands} (one parked platform thread per strand, microseconds
 * a switch). {@link rcusim.machine.strand.StrandFactory#best()} picks one.
 */
package rcusim.machine.strand;
