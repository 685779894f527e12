/**
 * Sequence counts and sequence locks as {@code include/linux/seqlock.h} has them:
 * {@link rcusim.kernel.seqlock.Seqcount} ({@code seqcount_t} and {@code seqcount_LOCKNAME_t}),
 * {@link rcusim.kernel.seqlock.Seqlock} ({@code seqlock_t}) and
 * {@link rcusim.kernel.seqlock.SeqcountLatch} ({@code seqcount_latch_t}), in simulated memory
 * through the machine's instructions, with lockdep's writer checks and the kernel's preemption
 * rules; {@link rcusim.kernel.seqlock.SeqFault} the bugs they can be built with. Simulated code
 * calls them through the {@code Kernel} facade; {@link rcusim.kernel.seqlock.SeqAccess} is where
 * the kernel's plain accesses around them are marked until the machine has plain accesses.
 */
package rcusim.kernel.seqlock;
