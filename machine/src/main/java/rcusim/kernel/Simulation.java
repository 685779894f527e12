package rcusim.kernel;

import java.util.SortedMap;
import java.util.SortedSet;
import java.util.function.Consumer;
import rcusim.machine.Machine;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.DecisionLog;
import rcusim.machine.memory.MemorySystem;
import rcusim.machine.strand.StrandFactory;

/**
 * One simulated system: a {@link Machine} running the kernel. Spawn the workload, set the
 * subsystem hooks, then {@link #run} it once under a decider.
 */
public final class Simulation {
    private final Machine machine;
    private final KernelEnvironment env;

    public Simulation(MachineConfig config, StrandFactory strands, boolean tracing) {
        this.machine = new Machine(config, strands, tracing);
        this.env = new KernelEnvironment(machine, tracing);
    }

    public Simulation(MachineConfig config) {
        this(config, StrandFactory.best(), false);
    }

    public MachineConfig config() {
        return machine.config();
    }

    /** The hardware. */
    public Machine machine() {
        return machine;
    }

    public Kernel kernel() {
        return env.kernel;
    }

    public MemorySystem memory() {
        return machine.memory();
    }

    /**
     * Before {@link #run}: record neither the decisions (they are counted and hashed: see
     * {@link DecisionLog#countingOnly()}) nor, in lockdep's records, where locks were taken (a
     * stack walk at every lock operation, a quarter of a torture run's allocation; reports then
     * say "(site not recorded)"). Lockdep checks the same rules either way, and the failure's
     * first line, its signature, names no site. For a campaign's runs: a failing one is run
     * again in full for its replay file.
     */
    /**
     * Installs a data-race detector: it hears every memory access (through the machine's
     * access listener) and the kernel's synchronisation outside memory. Before {@link #run}.
     */
    public void setRaceDetector(rcusim.machine.AccessListener accesses, SyncListener sync) {
        machine.setAccessListener(accesses);
        env.sync = sync;
    }

    public void skipRecording() {
        machine.skipRecording();
        env.kernel.lockdep.sites = false;
    }

    /** Sets the subsystem hooks (RCU's), before the run. */
    public void setHooks(KernelHooks h) {
        env.hooks = h;
    }

    /** Tells w of the labels and trace events of the run (before {@link #run}; one watcher). */
    public void watch(KernelWatcher w) {
        env.watcher = w;
    }

    /** What a scripted schedule sees of the kernel and may raise on it between steps. */
    public ScheduleControl scheduleControl() {
        return new ScheduleControl(env);
    }

    /** Runs the spawned code to the end under the given decider. */
    public RunResult run(Decider d) {
        return machine.run(d);
    }

    /** The event trace of the run so far ("" unless tracing was enabled). */
    public String trace() {
        return machine.trace();
    }

    /** The kernel trace events of the run in ftrace's text format (empty unless tracing). */
    public String ftrace() {
        return env.tracepoints.tracer.text();
    }

    /** Statistics simulated code counted (Kernel.count()), in name order. */
    public SortedMap<String, Long> counters() {
        return env.counters();
    }

    /** The coverage events the run reached, in name order. */
    public SortedSet<String> coverage() {
        return env.coverage();
    }

    /** Virtual nanoseconds since boot. */
    public long nowNs() {
        return env.clock.nowNs;
    }

    public long steps() {
        return machine.steps();
    }

    // ---------------------------------------------------------------- the workload

    /**
     * A workload kthread bound to cpu, runnable from the start: the run ends once every
     * workload task has exited.
     */
    public Task spawn(int cpu, String name, Consumer<Kernel> body) {
        PerCpu c = env.cpu(cpu);
        Task t = env.newTask(name, Task.Kind.KTHREAD, true, body);
        t.boundCpu = cpu;
        env.runQueues.enqueueAtBoot(c, t);
        return t;
    }

    /**
     * A kthread runnable at boot that the run does not wait for (a subsystem's kthread, such as
     * RCU's grace-period kthread); bound to cpu when bound is true.
     */
    public Task spawnKthread(int cpu, String name, boolean bound, Consumer<Kernel> body) {
        Task t = env.newTask(name, Task.Kind.KTHREAD, false, body);
        if (bound) {
            t.boundCpu = cpu;
        }
        env.runQueues.enqueueAtBoot(env.cpu(cpu), t);
        return t;
    }

    /** A workload task that may run on any CPU, first placed on cpu. */
    public Task spawnUnbound(int cpu, String name, Task.Kind kind, Consumer<Kernel> body) {
        Task t = env.newTask(name, kind, true, body);
        env.runQueues.enqueueAtBoot(env.cpu(cpu), t);
        return t;
    }
}
