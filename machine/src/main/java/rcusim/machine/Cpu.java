package rcusim.machine;

/**
 * One simulated CPU as hardware: whether it is online, its interrupt flag, the interrupt
 * vectors pending on it and whether an interrupt ended its wait-for-interrupt. What the kernel
 * keeps per CPU (run queue, preempt_count, softirqs, timers, ...) is the kernel's, not here.
 *
 * <p>The fields are the CPU's registers: the kernel sets them as code running on the CPU
 * would (cli/sti, an IPI raising a vector), so they are plain public fields.
 */
public final class Cpu {
    public final int id;
    /** Takes interrupts and runs code; false between a CPU's death and its next boot. */
    public boolean online = true;
    /** The interrupt flag is clear (local_irq_disable()). */
    public boolean irqsDisabled;
    /** Pending interrupt vectors, one bit per {@link Vector}. */
    public int pendingIrqs;
    /** The CPU waits in WFI; an interrupt taken there ends the wait. */
    public boolean wfiWoken;

    Cpu(int id) {
        this.id = id;
    }

    /** Raises vector v on this CPU. */
    public void raise(Vector v) {
        pendingIrqs |= v.bit();
    }

    /** Whether an interrupt may be taken now, top running: online, irqs on or halted in WFI (which enables them). */
    boolean interruptible(Context top) {
        return online && (!irqsDisabled || (top != null && top.op == Op.WFI));
    }
}
