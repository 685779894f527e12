package rcusim.machine;

import rcusim.machine.own.AccessContext;

/** What ownership rules see of the code doing an access: the machine's current context. */
final class MachineAccessContext implements AccessContext {
    private final Machine m;
    private final Kernel k;

    MachineAccessContext(Machine m, Kernel k) {
        this.m = m;
        this.k = k;
    }

    private Context x() {
        return m.current();
    }

    @Override
    public int cpu() {
        return x().cpu.id;
    }

    @Override
    public boolean preemptDisabled() {
        Cpu c = x().cpu;
        return c.preemptCount != 0 || c.irqsDisabled || x().kind == ContextKind.HARDIRQ;
    }

    @Override
    public boolean irqsDisabled() {
        return x().cpu.irqsDisabled;
    }

    @Override
    public boolean inHardirq() {
        return x().cpu.inHardirq();
    }

    @Override
    public boolean holds(Object lock) {
        if (lock instanceof RawSpinlock l) {
            return l.owner == x().cpu.id;
        }
        if (lock instanceof Mutex mx) {
            return mx.owner == x().task;
        }
        return k.lockdep.holds(x(), lock);
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
        Context x = x();
        Cpu c = x.cpu;
        return "CPU " + c.id + ", " + (x.kind == ContextKind.HARDIRQ ? "hardirq " + x.name + " over " : "")
                + "task " + x.task + ", preempt " + (preemptDisabled() ? "disabled" : "enabled")
                + ", irqs " + (c.irqsDisabled ? "disabled" : "enabled") + ", holding " + k.lockdep.heldNames(x);
    }
}
