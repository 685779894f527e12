package rcusim.kernel;

import rcusim.kernel.own.AccessContext;

/** What ownership rules see of the code doing an access: the machine's current context. */
final class MachineAccessContext implements AccessContext {
    private final KernelEnvironment m;
    private final Kernel k;

    MachineAccessContext(KernelEnvironment m, Kernel k) {
        this.m = m;
        this.k = k;
    }

    private KernelContext x() {
        return m.current();
    }

    @Override
    public int cpu() {
        return x().cpu().id;
    }

    @Override
    public boolean preemptDisabled() {
        PerCpu c = m.cpus[x().cpu().id];
        return c.preemptCount != 0 || c.hw.irqsDisabled || x().kind == ContextKind.HARDIRQ;
    }

    @Override
    public boolean irqsDisabled() {
        return x().cpu().irqsDisabled;
    }

    @Override
    public boolean inHardirq() {
        return m.cpus[x().cpu().id].inHardirq();
    }

    @Override
    public boolean holds(Object lock) {
        if (lock instanceof RawSpinlock l) {
            return m.machine.instructions().lockOwner(l.addr) == x().cpu().id;
        }
        if (lock instanceof Mutex mx) {
            return mx.owner == x().task;
        }
        return k.lockdep.holds(x(), lock);
    }

    @Override
    public boolean runsAs(Object task) {
        return x().task == task;
    }

    @Override
    public boolean orchestratesOffliningOf(int cpu) {
        return k.orchestratesHotplugOf(cpu);
    }

    @Override
    public boolean isInitializing() {
        return !m.inSimulatedCode();
    }

    @Override
    public String describe() {
        KernelContext x = x();
        PerCpu c = m.cpus[x.cpu().id];
        return "CPU " + c.id + ", " + (x.kind == ContextKind.HARDIRQ ? "hardirq " + x.name + " over " : "")
                + "task " + x.task + ", preempt " + (preemptDisabled() ? "disabled" : "enabled")
                + ", irqs " + (c.hw.irqsDisabled ? "disabled" : "enabled") + ", holding " + k.lockdep.heldNames(x);
    }
}
