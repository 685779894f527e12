package rcusim.kernel;

import java.util.function.Consumer;

/** An irq_work item: a function run in hardirq context soon, on the CPU it was queued on. */
public final class IrqWork {
    final String name;
    final Consumer<Kernel> func;
    boolean pending;

    public IrqWork(String name, Consumer<Kernel> func) {
        this.name = name;
        this.func = func;
    }

    public boolean isPending() {
        return pending;
    }
}
