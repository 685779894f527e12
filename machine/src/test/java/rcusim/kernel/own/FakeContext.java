package rcusim.kernel.own;

import java.util.ArrayList;
import java.util.List;

/** A settable AccessContext for rule tests. */
final class FakeContext implements AccessContext {
    int cpu;
    String task = "t/1";
    int preemptCount;
    boolean irqsDisabled;
    boolean inHardirq;
    boolean initializing;
    int offlining = -1;
    final List<Object> held = new ArrayList<>();
    final List<String> heldNames = new ArrayList<>();

    FakeContext(int cpu) {
        this.cpu = cpu;
    }

    FakeContext preemptOff() {
        preemptCount = 1;
        return this;
    }

    FakeContext irqsOff() {
        irqsDisabled = true;
        return this;
    }

    FakeContext holding(Object lock, String name) {
        held.add(lock);
        heldNames.add(name);
        return this;
    }

    @Override
    public int cpu() {
        return cpu;
    }

    @Override
    public boolean preemptDisabled() {
        return preemptCount != 0 || irqsDisabled;
    }

    @Override
    public boolean irqsDisabled() {
        return irqsDisabled;
    }

    @Override
    public boolean inHardirq() {
        return inHardirq;
    }

    @Override
    public boolean holds(Object lock) {
        for (Object o : held) {
            if (o == lock) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean orchestratesOffliningOf(int c) {
        return offlining == c;
    }

    @Override
    public boolean isInitializing() {
        return initializing;
    }

    @Override
    public String describe() {
        return "CPU " + cpu + ", task " + task + ", preempt " + (preemptCount != 0 ? "disabled" : "enabled")
                + ", irqs " + (irqsDisabled ? "disabled" : "enabled") + ", holding " + heldNames;
    }
}
