package rcusim.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import rcusim.machine.Context;
import rcusim.machine.KernelConfig;
import rcusim.machine.Machine;
import rcusim.machine.MachineConfig;
import rcusim.machine.Op;
import rcusim.machine.OperatingSystem;
import rcusim.machine.Vector;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.MemorySystem;

/**
 * The kernel's state for one run and its side of the machine interface: the per-CPU data,
 * the tasks, the run queues, the clock, the tracepoints and the subsystem hooks. The machine
 * calls in here to boot, to learn what runs on a CPU, to deliver an interrupt, to report a
 * context that ended and to let time pass; the kernel's parts reach the machine through it.
 */
final class KernelEnvironment implements OperatingSystem {
    final Machine machine;
    final PerCpu[] cpus;
    final RunQueues runQueues;
    final Clock clock;
    final Tracepoints tracepoints;
    final Kernel kernel;
    KernelHooks hooks = KernelHooks.NONE;
    /** Told of labels and trace events (a scripted schedule), or null. */
    KernelWatcher watcher;
    /** The data-race detector's view of the kernel's synchronisation, or null (none runs). */
    SyncListener sync;

    final List<Task> tasks = new ArrayList<>();
    /** "Sometimes" events this run reached (coverage), in name order. */
    private final TreeSet<String> coverage = new TreeSet<>();
    /** Statistics simulated code counted (Kernel.count()), in name order. */
    private final TreeMap<String, Long> counters = new TreeMap<>();
    private int nextPid = 1;
    private long armSeq;
    private int liveWorkload;

    KernelEnvironment(Machine machine, boolean tracing) {
        this.machine = machine;
        this.cpus = new PerCpu[machine.cpuCount()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new PerCpu(machine.cpu(i));
        }
        this.runQueues = new RunQueues(this);
        this.clock = new Clock(this);
        this.tracepoints = new Tracepoints(this, tracing);
        this.kernel = new Kernel(this);
        machine.install(this);
    }

    MachineConfig config() {
        return machine.config();
    }

    KernelConfig kernelConfig() {
        return machine.config().kernel();
    }

    MemorySystem memory() {
        return machine.memory();
    }

    // ---------------------------------------------------------------- run records

    SortedMap<String, Long> counters() {
        return Collections.unmodifiableSortedMap(counters);
    }

    void count(String name, long delta) {
        counters.merge(name, delta, Long::sum);
    }

    SortedSet<String> coverage() {
        return Collections.unmodifiableSortedSet(coverage);
    }

    void cover(String event) {
        coverage.add(event);
    }

    @Override
    public void vcpuFrozen(int cpu, long steps, boolean afterLoad) {
        cover(rcusim.machine.MachineCoverage.VCPU_FROZEN.text());
        if (afterLoad) {
            cover(rcusim.machine.MachineCoverage.VCPU_FROZEN_AFTER_LOAD.text());
        }
        count("machine: vCPU freezes", 1);
        count("machine: vCPU frozen steps", steps);
    }

    // ---------------------------------------------------------------- tasks and contexts

    Task newTask(String name, Task.Kind kind, boolean workload, Consumer<Kernel> body) {
        Task t = new Task(kind == Task.Kind.IDLE ? 0 : nextPid++, name, kind, workload, kernel.ownership());
        KernelContext ctx = new KernelContext(ContextKind.TASK, t, name, null);
        machine.start(ctx, () -> body.accept(kernel));
        t.stack.add(ctx);
        if (sync != null) {
            sync.taskCreated(machine.inSimulatedCode() ? machine.current() : null, t);
        }
        tasks.add(t);
        if (workload) {
            liveWorkload++;
        }
        return t;
    }

    /** A context running body on top of task t (the scheduler preempting it at irq exit). */
    KernelContext pushTaskContext(Task t, PerCpu c, String name, Runnable body) {
        KernelContext ctx = new KernelContext(ContextKind.TASK, t, name, c.hw);
        machine.start(ctx, body);
        t.stack.add(ctx);
        c.topChanged();
        return ctx;
    }

    KernelContext pushIrqContext(PerCpu c, String name, Runnable body) {
        KernelContext ctx = new KernelContext(ContextKind.HARDIRQ, c.curr, name, c.hw);
        machine.start(ctx, body);
        c.irqStack.add(ctx);
        c.topChanged();
        return ctx;
    }

    void taskExited(Task t) {
        t.state = TaskState.DEAD;
        if (t.workload) {
            liveWorkload--;
        }
    }

    long nextArmSeq() {
        return ++armSeq;
    }

    // ---------------------------------------------------------------- the machine, as the kernel uses it

    /** CPU id's per-CPU data; a CPU number out of range fails the run. */
    PerCpu cpu(int id) {
        return cpus[machine.cpu(id).id];
    }

    KernelContext current() {
        return (KernelContext) machine.current();
    }

    boolean inSimulatedCode() {
        return machine.inSimulatedCode();
    }

    boolean tracing() {
        return machine.tracing();
    }

    /**
     * The running step used or changed kernel state shared between CPUs (a task's state, a run
     * queue it does not own, softirq work): a partial-order reduction orders it with every step.
     */
    void sharedStateTouched() {
        machine.sharedStateTouched();
    }

    void traceEvent(PerCpu c, String what) {
        machine.traceEvent(c.id, what);
    }

    /**
     * Something another CPU or the clock did may let c act again (an interrupt raised, a
     * reschedule asked, a boot requested): the machine looks at it in the next step.
     */
    void wake(PerCpu c) {
        machine.wake(c.id);
        clock.unpark(c);
    }

    int decide(OptionKind kind, int cpu, int n) {
        return machine.decide(kind, cpu, n);
    }

    void resume(PerCpu c, KernelContext x) {
        machine.resume(c.hw, x);
    }

    // ---------------------------------------------------------------- OperatingSystem

    @Override
    public void boot() {
        if (kernelConfig().idleTasks()) {
            kernel.bootKernelEnvironment();
        }
        for (PerCpu c : cpus) {
            runQueues.startCpu(c);
        }
    }

    @Override
    public void started() {
        clock.start();
    }

    @Override
    public Context running(int cpu) {
        if (Machine.CHECK_DORMANT) {
            cpus[cpu].checkTop();
        }
        return cpus[cpu].top();
    }

    @Override
    public boolean haltEnds(int cpu, Context halted) {
        PerCpu c = cpus[cpu];
        return halted.op() == Op.WFI ? c.needResched || c.hw.wfiWoken || !c.hw.online : c.bootRequested;
    }

    @Override
    public void interrupt(int cpu, Vector v) {
        kernel.irqs.take(cpus[cpu], v);
    }

    @Override
    public void contextEnded(Context ended) {
        KernelContext x = (KernelContext) ended;
        PerCpu c = cpus[x.cpu().id];
        if (x.kind == ContextKind.HARDIRQ) {
            c.irqStack.remove(c.irqStack.size() - 1);
            c.topChanged();
            if (sync != null) {
                sync.irqExited(c.id, x, c.top());
            }
            kernel.irqs.returned(c, x);
            return;
        }
        Task t = x.task;
        t.stack.remove(t.stack.size() - 1);
        c.topChanged();
        if (t.stack.isEmpty()) {
            kernel.taskExit(c, t);
        }
    }

    @Override
    public boolean workloadDone() {
        return liveWorkload == 0;
    }

    @Override
    public void stepped(int busyCpus) {
        clock.tick(busyCpus);
    }

    @Override
    public long epoch() {
        return clock.jiffies();
    }

    @Override
    public boolean advanceToNextEvent() {
        return clock.advanceToNextEvent();
    }

    @Override
    public void forEachContext(Consumer<Context> action) {
        for (Task t : tasks) {
            t.stack.forEach(action);
        }
        for (PerCpu c : cpus) {
            c.irqStack.forEach(action);
        }
    }

    @Override
    public String deadlockDetail() {
        StringBuilder sb = new StringBuilder();
        for (Task t : tasks) {
            if (t.workload && t.state != TaskState.DEAD && t.state != TaskState.RUNNING) {
                sb.append("\n  task ").append(t).append(" sleeps (").append(t.state).append(")");
                if (t.blockedOn != null) {
                    sb.append(" on ").append(t.blockedOn);
                }
            }
        }
        return sb.toString();
    }
}
