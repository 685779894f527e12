package rcusim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import rcusim.kernel.Completion;
import rcusim.kernel.Kernel;
import rcusim.machine.KernelConfig;
import rcusim.kernel.KernelHooks;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.sched.RandomDecider;

/**
 * (e)-(h) What the kernel environment costs on 8 CPUs: simulated context switches and
 * scheduling-clock ticks, in host time, to be compared with the bare per-step figure of
 * {@link DecisionCost} measured in the same JMH run (BenchMain prints the ratios).
 *
 * <p>Every benchmark operation is one whole run of a fixed workload on a fresh 8-CPU WEAK
 * machine with {@link KernelConfig#kernel()} (full preemption, idle tasks, 1000 virtual ns a
 * step), decided by a {@link RandomDecider} with a fixed seed, so every invocation is the same
 * run: the same steps, switches and ticks.
 *
 * <ul>
 * <li>{@link #contextSwitch}: on each CPU two tasks bound to it ping-pong {@code roundTrips}
 *     times through two {@link Completion}s ({@code complete(a); wait(b)} against
 *     {@code wait(a); complete(b)}), so every wait sleeps and every sleep is a switch to the
 *     other task. HZ stays 1000, so the ticks of a real kernel happen too. Aux counters:
 *     {@code switches} (time per simulated context switch), {@code steps} (per machine step).
 * <li>{@link #tick}: each CPU runs one task doing {@code readsPerCpu} READ_ONCE of its own
 *     location, with HZ = {@code tickHz} (10000: a tick per CPU every 100 machine steps, i.e.
 *     about every 12 of its own steps). Aux counters: {@code ticks} (host time per tick taken,
 *     everything else in the run included), {@code steps}.
 * <li>{@link #tickless}: the same workload with HZ = 0, so BenchMain can give the marginal
 *     cost of a tick: (tick run - tickless run) / ticks.
 * <li>{@link #bare}: the same READ_ONCE loop on a bare 8-CPU machine ({@link KernelConfig#BARE}:
 *     no idle tasks, no tick, no preemption): the foundation's per-step cost on this machine
 *     size and workload, next to (b)'s 4-CPU mixed workload.
 * </ul>
 *
 * <p>Switches are counted in the run by the {@code noteContextSwitch} hook (one call per
 * {@code __schedule()}, which in the ping-pong always switches: the other task is always
 * queued), ticks by the {@code schedClockIrq} hook. {@link #main} runs each workload once with
 * tracing on and checks those counts against the trace's {@code sched_switch} and
 * {@code irq_handler_entry tick} events, and that the untraced run is the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Xss4m"})
public class KernelCost {
    static final int CPUS = 8;
    static final long SEED = 0x5eedL;

    /** The ping-pong workload's size. */
    @State(Scope.Thread)
    public static class PingPong {
        /** Round trips per CPU; a round trip is two context switches. */
        @Param({"1000"})
        public int roundTrips;

        @Setup(Level.Trial)
        public void check() {
            requireContinuations();
            requirePass(pingPong(roundTrips, false));
        }
    }

    /** The READ_ONCE loop's size (tick, tickless, bare). */
    @State(Scope.Thread)
    public static class Reads {
        /** READ_ONCE per CPU. */
        @Param({"10000"})
        public int readsPerCpu;

        @Setup(Level.Trial)
        public void check() {
            requireContinuations();
            requirePass(reads(readsPerCpu, 0, 1000, false));
            requirePass(reads(readsPerCpu, KernelConfig.BARE, false));
        }
    }

    /** The tick rate of {@link #tick}. */
    @State(Scope.Thread)
    public static class Ticking {
        /** HZ (at most 10000, the machine's limit). */
        @Param({"10000"})
        public int tickHz;

        /**
         * Virtual ns per machine step. 1000: a CPU's tick every 100 machine steps at HZ 10000
         * (the reported figure). For experiments, {@code -p tickStepNs=1000,5000}: 5000 makes
         * ticks about a third of the steps, which resolves the marginal cost of a tick on a
         * noisy host.
         */
        @Param({"1000"})
        public long tickStepNs;

        @Setup(Level.Trial)
        public void check(Reads reads) {
            requirePass(reads(reads.readsPerCpu, tickHz, tickStepNs, false));
        }
    }

    /** Counts of one run, reported by the hooks. */
    static final class Counter implements KernelHooks {
        long switches;
        long ticks;

        @Override
        public void noteContextSwitch(Kernel k, boolean preempt) {
            switches++;
        }

        @Override
        public void schedClockIrq(Kernel k, boolean user) {
            ticks++;
        }
    }

    /** One run: its result and what the hooks counted. */
    record Run(RunResult result, Counter counts, Simulation machine) {
    }

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class SwitchCounts {
        public long switches;
        public long steps;

        @Setup(Level.Iteration)
        public void reset() {
            switches = 0;
            steps = 0;
        }
    }

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class TickCounts {
        public long ticks;
        public long steps;

        @Setup(Level.Iteration)
        public void reset() {
            ticks = 0;
            steps = 0;
        }
    }

    /** Steps only: the tickless run has no ticks to count (0 would show as infinite time per tick). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class StepCounts {
        public long steps;

        @Setup(Level.Iteration)
        public void reset() {
            steps = 0;
        }
    }

    static void requireContinuations() {
        if (!"continuation".equals(StrandFactory.best().name())) {
            throw new IllegalStateException("continuations unavailable: the figures would measure the thread fallback");
        }
    }

    static void requirePass(Run r) {
        if (!r.result().passed()) {
            throw new IllegalStateException("workload failed: " + r.result().describe());
        }
    }

    static Simulation machine(KernelConfig kernel, boolean tracing) {
        return new Simulation(MachineConfig.of(CPUS, MemoryModel.WEAK).withKernel(kernel).withStepLimit(100_000_000),
                StrandFactory.best(), tracing);
    }

    /** On each CPU, two bound tasks ping-ponging n round trips through two completions. */
    static Run pingPong(int n, boolean tracing) {
        Simulation m = machine(KernelConfig.kernel(), tracing);
        Counter counts = new Counter();
        m.setHooks(counts);
        for (int c = 0; c < CPUS; c++) {
            Completion ping = new Completion("ping" + c);
            Completion pong = new Completion("pong" + c);
            m.spawn(c, "ping/" + c, k -> {
                for (int i = 0; i < n; i++) {
                    ping.complete(k);
                    pong.waitForCompletion(k);
                }
            });
            m.spawn(c, "pong/" + c, k -> {
                for (int i = 0; i < n; i++) {
                    ping.waitForCompletion(k);
                    pong.complete(k);
                }
            });
        }
        return new Run(m.run(new RandomDecider(SEED)), counts, m);
    }

    /** On each CPU, one bound task doing n READ_ONCE of its own location; HZ = hz. */
    static Run reads(int n, int hz, boolean tracing) {
        return reads(n, hz, 1000, tracing);
    }

    static Run reads(int n, int hz, long stepNs, boolean tracing) {
        return reads(n, KernelConfig.kernel().withHz(hz).withStepNs(stepNs), tracing);
    }

    static Run reads(int n, KernelConfig kernel, boolean tracing) {
        Simulation m = machine(kernel, tracing);
        Counter counts = new Counter();
        m.setHooks(counts);
        long base = m.kernel().alloc(CPUS);
        for (int c = 0; c < CPUS; c++) {
            long x = base + c;
            m.spawn(c, "reader/" + c, k -> {
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += k.readOnce(x);
                }
                if (sum != 0) {
                    throw new AssertionError("nobody writes");
                }
            });
        }
        return new Run(m.run(new RandomDecider(SEED)), counts, m);
    }

    @Benchmark
    public RunResult contextSwitch(PingPong p, SwitchCounts counts) {
        Run r = pingPong(p.roundTrips, false);
        counts.switches += r.counts().switches;
        counts.steps += r.result().steps();
        return r.result();
    }

    @Benchmark
    public RunResult tick(Reads p, Ticking t, TickCounts counts) {
        Run r = reads(p.readsPerCpu, t.tickHz, t.tickStepNs, false);
        counts.ticks += r.counts().ticks;
        counts.steps += r.result().steps();
        return r.result();
    }

    @Benchmark
    public RunResult tickless(Reads p, StepCounts counts) {
        Run r = reads(p.readsPerCpu, 0, 1000, false);
        counts.steps += r.result().steps();
        return r.result();
    }

    @Benchmark
    public RunResult bare(Reads p, StepCounts counts) {
        Run r = reads(p.readsPerCpu, KernelConfig.BARE, false);
        counts.steps += r.result().steps();
        return r.result();
    }

    /**
     * The per-run counts behind the figures, checked against the trace: {@code java
     * --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED -cp benchmarks.jar
     * rcusim.bench.KernelCost [roundTrips readsPerCpu tickHz tickStepNs]}.
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        int hz = args.length > 2 ? Integer.parseInt(args[2]) : 10000;
        long stepNs = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        describe("contextSwitch", pingPong(n, true), pingPong(n, false));
        // exact steps per switch: two runs differing by one round trip, no tick
        System.out.printf("  without ticks: %d steps per round trip (two switches) on one CPU%n",
                pingPongSteps(n + 1) - pingPongSteps(n));
        describe("tick", reads(reads, hz, stepNs, true), reads(reads, hz, stepNs, false));
        describe("tickless", reads(reads, 0, true), reads(reads, 0, false));
        describe("bare", reads(reads, KernelConfig.BARE, true), reads(reads, KernelConfig.BARE, false));
    }

    /** Steps of a one-CPU ping-pong of n round trips with HZ 0: no tick, no decision. */
    private static long pingPongSteps(int n) {
        Simulation m = new Simulation(MachineConfig.of(1, MemoryModel.WEAK).withKernel(KernelConfig.kernel().withHz(0))
                .withStepLimit(100_000_000), StrandFactory.best(), false);
        Completion ping = new Completion("ping");
        Completion pong = new Completion("pong");
        m.spawn(0, "ping", k -> {
            for (int i = 0; i < n; i++) {
                ping.complete(k);
                pong.waitForCompletion(k);
            }
        });
        m.spawn(0, "pong", k -> {
            for (int i = 0; i < n; i++) {
                ping.waitForCompletion(k);
                pong.complete(k);
            }
        });
        return m.run(new RandomDecider(SEED)).steps();
    }

    private static void describe(String what, Run traced, Run plain) {
        RunResult r = traced.result();
        String trace = traced.machine().trace();
        long switches = trace.lines().filter(l -> l.contains(" sched_switch ")).count();
        long ticks = trace.lines().filter(l -> l.contains(" irq_handler_entry tick")).count();
        long irqs = trace.lines().filter(l -> l.contains(" irq_handler_entry ")).count();
        long mbs = trace.lines().filter(l -> l.endsWith(" smp_mb -1")).count();
        long loads = trace.lines().filter(l -> l.contains(" READ_ONCE ")).count();
        long drains = trace.lines().filter(l -> l.contains(" drain ")).count();
        long atomics = trace.lines().filter(l -> l.contains(" add_full ")).count();
        System.out.printf("%s: %s, %d virtual ns%n", what, r.describe(), traced.machine().nowNs());
        System.out.printf("  hooks: %d __schedule() calls, %d ticks; trace: %d sched_switch, %d tick irqs (%d irqs)%n",
                traced.counts().switches, traced.counts().ticks, switches, ticks, irqs);
        System.out.printf("  traced steps: %d smp_mb, %d READ_ONCE, %d context-tracking atomics, %d drains, %d irq entries;"
                + " the other %d are untraced kernel steps%n", mbs, loads, atomics, drains, irqs,
                r.steps() - mbs - loads - atomics - drains - irqs);
        if (switches > 0) {
            System.out.printf("  %.2f steps per switch (%.2f smp_mb)%n", (double) r.steps() / switches, (double) mbs / switches);
        }
        if (ticks > 0) {
            System.out.printf("  %.2f steps per tick%n", (double) r.steps() / ticks);
        }
        if (plain.result().steps() != r.steps() || plain.counts().switches != traced.counts().switches
                || plain.counts().ticks != traced.counts().ticks || plain.result().decisionIndex() != r.decisionIndex()) {
            System.out.printf("  NOT the same run untraced: %s, %d switches, %d ticks%n", plain.result().describe(),
                    plain.counts().switches, plain.counts().ticks);
        }
    }
}
