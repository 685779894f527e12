package rcusim.kernel;

import rcusim.machine.Preemption;

/**
 * preempt_count and the irq flag as code on a CPU changes them: preempt_disable/enable (with
 * the preemption point when the count drops to 0), local_irq_* and local_bh_* (running pending
 * softirqs when the last bh-disabled section ends), and the in_*() context queries.
 */
final class PreemptIrq {
    private final Kernel k;
    private final KernelEnvironment env;

    PreemptIrq(Kernel k, KernelEnvironment env) {
        this.k = k;
        this.env = env;
    }

    public int preemptCount() {
        return k.thisCpu().preemptCount;
    }

    public void preemptDisable() {
        k.thisCpu().preemptCount += PreemptCount.PREEMPT_OFFSET;
    }

    /** preempt_enable(): a preemption point when the count drops to 0 and a reschedule is due. */
    public void preemptEnable() {
        PerCpu c = k.thisCpu();
        if ((c.preemptCount & PreemptCount.PREEMPT_MASK) == 0) {
            throw k.misuse("preempt_enable() without a matching preempt_disable() (preempt_count "
                    + Kernel.hex(c.preemptCount) + ")");
        }
        c.preemptCount -= PreemptCount.PREEMPT_OFFSET;
        k.localKernelStep("preempt_enable");
        preemptCheck();
    }

    /** preempt_enable_no_resched(). */
    public void preemptEnableNoResched() {
        PerCpu c = k.thisCpu();
        if ((c.preemptCount & PreemptCount.PREEMPT_MASK) == 0) {
            throw k.misuse("preempt_enable_no_resched() without a matching preempt_disable()");
        }
        c.preemptCount -= PreemptCount.PREEMPT_OFFSET;
    }

    /** Preempts the current task if the model allows it here and a reschedule is due. */
    void preemptCheck() {
        PerCpu c = k.thisCpu();
        KernelContext x = env.current();
        if (env.kernelConfig().preemption() == Preemption.FULL && c.needResched && c.preemptCount == 0
                && !c.hw.irqsDisabled && x.kind == ContextKind.TASK && x.task != c.idle) {
            k.schedule(true);
        }
    }

    public boolean irqsDisabled() {
        return k.thisCpu().hw.irqsDisabled;
    }

    /** in_task(): neither in a hardirq nor serving a softirq. */
    public boolean inTask() {
        PerCpu c = k.thisCpu();
        return !c.inHardirq() && !c.inServingSoftirq();
    }

    /** in_irq() / in_hardirq(). */
    public boolean inIrq() {
        return k.thisCpu().inHardirq();
    }

    /** in_softirq(): serving a softirq or with bottom halves disabled. */
    public boolean inSoftirq() {
        return (k.thisCpu().preemptCount & PreemptCount.SOFTIRQ_MASK) != 0;
    }

    public boolean inServingSoftirq() {
        return k.thisCpu().inServingSoftirq();
    }

    public boolean inInterrupt() {
        return k.thisCpu().inInterrupt();
    }

    /** preemptible(): preemption could happen here. */
    public boolean preemptible() {
        return k.thisCpu().preemptCount == 0 && !k.thisCpu().hw.irqsDisabled;
    }

    /** local_irq_disable(): a step (an interrupt may still come just before it). */
    public void localIrqDisable() {
        k.localKernelStep("local_irq_disable");
        k.thisCpu().hw.irqsDisabled = true;
    }

    public void localIrqEnable() {
        PerCpu c = k.thisCpu();
        if (c.inHardirq()) {
            throw k.misuse("local_irq_enable() in hardirq context");
        }
        k.localKernelStep("local_irq_enable");
        c = k.thisCpu();
        c.hw.irqsDisabled = false;
        k.lockdep.hardirqsOn(env.current());
    }

    /** local_irq_save(): returns the flags to restore (1: irqs were disabled). */
    public long localIrqSave() {
        k.localKernelStep("local_irq_save");
        PerCpu c = k.thisCpu();
        long flags = c.hw.irqsDisabled ? 1 : 0;
        c.hw.irqsDisabled = true;
        return flags;
    }

    public void localIrqRestore(long flags) {
        if (flags == 0) {
            localIrqEnable();
        } else {
            k.localKernelStep("local_irq_restore");
            k.thisCpu().hw.irqsDisabled = true;
        }
    }

    /** local_bh_disable(). */
    public void localBhDisable() {
        k.thisCpu().preemptCount += PreemptCount.SOFTIRQ_DISABLE_OFFSET;
    }

    /** local_bh_enable(): runs pending softirqs when it leaves the last bh-disabled section. */
    public void localBhEnable() {
        PerCpu c = k.thisCpu();
        if ((c.preemptCount & PreemptCount.SOFTIRQ_MASK) < PreemptCount.SOFTIRQ_DISABLE_OFFSET) {
            throw k.misuse("local_bh_enable() without a matching local_bh_disable()");
        }
        if (c.inHardirq() || c.hw.irqsDisabled) {
            throw k.misuse("local_bh_enable() with irqs disabled or in hardirq context");
        }
        c.preemptCount -= PreemptCount.SOFTIRQ_DISABLE_OFFSET;
        k.localKernelStep("local_bh_enable");
        c = k.thisCpu();
        k.lockdep.softirqsOn(env.current());
        if (!c.inInterrupt() && c.softirqPending != 0) {
            k.irqs.doSoftirq();
        }
        preemptCheck();
    }
}
