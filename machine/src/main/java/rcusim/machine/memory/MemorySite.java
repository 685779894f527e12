package rcusim.machine.memory;

/**
 * Where a memory event of simulated code happened (a kfree(), an allocation that reused a
 * block): the CPU, the context (task) and the machine step, with the simulated code's stack
 * as this throwable's. The message stays {@code "<what> by CPU n"}; reports add the rest.
 */
public final class MemorySite extends Throwable {
    private static final long serialVersionUID = 1L;
    private final int cpu;
    private final String task;
    private final long step;

    public MemorySite(String what, int cpu, String task, long step) {
        super(what + " by CPU " + cpu);
        this.cpu = cpu;
        this.task = task;
        this.step = step;
    }

    public int cpu() {
        return cpu;
    }

    public String task() {
        return task;
    }

    public long step() {
        return step;
    }

    /** "CPU 1 (reader) at step 120". */
    public String where() {
        return "CPU " + cpu + " (" + task + ") at step " + step;
    }
}
