package rcusim.kernel;

import rcusim.machine.SimFailure;

/**
 * The kernel's debugging checks and reports: WARN_ON()/BUG_ON(), lockdep's irq and preemption
 * assertions, and what a CPU is doing, for stall warnings and deadlock reports.
 */
final class DebugChecks {
    private final Kernel k;
    private final KernelEnvironment env;

    DebugChecks(Kernel k, KernelEnvironment env) {
        this.k = k;
        this.env = env;
    }

    /** WARN_ON(cond): a true condition fails the run with the kernel's warning line and text. */
    public boolean warnOn(boolean cond, String condition) {
        if (cond) {
            throw new SimFailure(SimFailure.Kind.WARN, "WARNING: CPU: " + whereAmI() + ": WARN_ON(" + condition + ")");
        }
        return false;
    }

    /** WARN_ON_ONCE(): as WARN_ON, since a warning already ends the run. */
    public boolean warnOnOnce(boolean cond, String condition) {
        return warnOn(cond, condition);
    }

    /** BUG_ON(cond). */
    public void bugOn(boolean cond, String condition) {
        if (cond) {
            throw new SimFailure(SimFailure.Kind.BUG, "kernel BUG at " + condition + "! CPU: " + whereAmI());
        }
    }

    String whereAmI() {
        if (!env.inSimulatedCode()) {
            return "-";
        }
        KernelContext x = env.current();
        return x.cpu().id + " PID: " + x.task.pid + " Comm: " + x.task.comm
                + (x.kind == ContextKind.HARDIRQ ? " (in hardirq " + x.name + ")" : "");
    }

    public void lockdepAssertIrqsDisabled() {
        if (!k.thisCpu().hw.irqsDisabled) {
            throw new SimFailure(SimFailure.Kind.LOCKDEP,
                    "WARNING: lockdep_assert_irqs_disabled() failed: irqs are enabled (CPU: " + whereAmI() + ")");
        }
    }

    public void lockdepAssertPreemptionDisabled() {
        PerCpu c = k.thisCpu();
        if (c.preemptCount == 0 && !c.hw.irqsDisabled) {
            throw new SimFailure(SimFailure.Kind.LOCKDEP,
                    "WARNING: lockdep_assert_preemption_disabled() failed: preemption is enabled (CPU: " + whereAmI() + ")");
        }
    }

    /**
     * What CPU cpu is doing, for reports (as a stall warning's backtrace): its running context,
     * the operation it waits to perform and, for a lock, who holds it.
     */
    public String describeCpu(int cpu) {
        PerCpu c = env.cpu(cpu);
        KernelContext x = c.top();
        if (x == null) {
            return "CPU " + cpu + ": nothing to run";
        }
        StringBuilder sb = new StringBuilder("CPU ").append(cpu).append(c.hw.online ? "" : " (offline)").append(": ")
                .append(x.name).append(" in ").append(x.op().text);
        if (x.waitsFor() != null) {
            sb.append(" (").append(x.waitsFor()).append(')');
        }
        if (x.loc() >= 0) {
            sb.append(" on location ").append(x.loc());
            String holder = k.insn.lockHolder(x.loc());
            if (holder != null) {
                sb.append(" held by ").append(holder);
            }
        }
        sb.append(c.hw.irqsDisabled ? ", irqs off" : "").append(", preempt_count ").append(Kernel.hex(c.preemptCount))
                .append(", store buffer ").append(env.memory().storeBufferSize(c.id));
        if (c.hw.pendingIrqs != 0) {
            sb.append(", pending irqs ").append(Integer.toBinaryString(c.hw.pendingIrqs));
        }
        return sb.toString();
    }
}
