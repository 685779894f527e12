package rcusim.bench;

import java.util.SplittableRandom;
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
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.ContinuationStrands;
import rcusim.machine.strand.StrandFactory;
import rcusim.machine.strand.ThreadStrands;
import rcusim.sched.RandomDecider;

/**
 * (b) and (c) The simulator's cost per machine step on a random workload: 4 CPUs under WEAK,
 * each running {@code opsPerCpu} marked accesses (45% READ_ONCE, 50% WRITE_ONCE, 5% smp_mb)
 * on 8 shared locations, scheduled by a {@link RandomDecider} with a fixed seed, so every
 * invocation is the same run.
 *
 * <p>One benchmark operation is one whole run (machine construction included; it is tiny).
 * The figure that matters is the secondary result {@code steps}: time per machine step
 * ({@link RunResult#steps()}), i.e. per performed option, whether the decider was asked (two or
 * more options) or the move was forced. Forced moves cost a CPU step too, so steps, not asked
 * decisions, are the unit comparable with one strand switch. {@code decisions} (time per asked
 * decision, {@code RunResult.decisions().size()}) is reported alongside for reference.
 *
 * <p>About half the steps are store-buffer drains, which need no strand switch; the rest are
 * CPU steps, each exactly one resume/park round trip (the {@link StrandSwitch} figure).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Xss4m"})
public class DecisionCost {
    static final int CPUS = 4;
    static final int LOCATIONS = 8;
    static final long SEED = 0x5eedL;

    static final int READ = 0;
    static final int WRITE = 1;
    static final int MB = 2;

    @Param({"continuation", "thread"})
    public String substrate;

    @Param({"2000"})
    public int opsPerCpu;

    /** For experiments (-p model=SC): the memory model. The reported figure is WEAK. */
    @Param({"WEAK"})
    public MemoryModel model;

    /**
     * For experiments (-p machineCpus=4096): the machine's CPU count; only 4 of them run the
     * workload, the rest stay idle (nothing spawned), which shows per-step costs that grow
     * with the machine rather than with the work.
     */
    @Param({"4"})
    public int machineCpus;

    /**
     * Whether a stepped strand whose next option is its own step goes on without parking
     * ({@code Machine.setInlineSteps}); -p inlineSteps=true,false compares the two in one run.
     */
    @Param({"true"})
    public boolean inlineSteps;

    /**
     * Whether the run keeps its decision log, as a replay or an explorer's run does (the
     * reported figure); false counts and hashes the decisions only, as a campaign's runs do.
     */
    @Param({"true"})
    public boolean recorded = true;

    /** The last run's simulation (for {@link #main}). */
    Simulation lastRun;

    /** Per CPU: op kinds and location indexes, fixed for the trial. */
    int[][] kinds;
    int[][] locs;

    /** Steps and decisions of the run, counted as operations so JMH reports time per each. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counts {
        public long steps;
        public long decisions;

        @Setup(Level.Iteration)
        public void reset() {
            steps = 0;
            decisions = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        int[][][] w = workload(opsPerCpu);
        kinds = w[0];
        locs = w[1];
        RunResult r = runOnce();
        if (!r.passed()) {
            throw new IllegalStateException("workload failed: " + r.failure());
        }
    }

    /** Prints one run's steps, CPU steps and the steps that went on inline (no switch). */
    public static void main(String[] args) {
        DecisionCost d = new DecisionCost();
        d.substrate = "continuation";
        d.opsPerCpu = 2000;
        d.model = MemoryModel.WEAK;
        d.machineCpus = CPUS;
        d.inlineSteps = true;
        int[][][] w = workload(d.opsPerCpu);
        d.kinds = w[0];
        d.locs = w[1];
        RunResult r = d.runOnce();
        System.out.println(r.steps() + " steps, " + CPUS * d.opsPerCpu + " CPU steps, "
                + d.lastRun.machine().inlineSteps() + " of them inline (no switch)");
    }

    /** The workload's op kinds ([0]) and locations ([1]) per CPU, from {@link #SEED}. */
    static int[][][] workload(int opsPerCpu) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int[][] kinds = new int[CPUS][opsPerCpu];
        int[][] locs = new int[CPUS][opsPerCpu];
        for (int c = 0; c < CPUS; c++) {
            for (int i = 0; i < opsPerCpu; i++) {
                int p = rnd.nextInt(100);
                kinds[c][i] = p < 45 ? READ : p < 95 ? WRITE : MB;
                locs[c][i] = rnd.nextInt(LOCATIONS);
            }
        }
        return new int[][][] {kinds, locs};
    }

    StrandFactory strands() {
        return switch (substrate) {
            case "continuation" -> {
                if (!ContinuationStrands.isAvailable()) {
                    throw new IllegalStateException(ContinuationStrands.unavailableReason());
                }
                yield new ContinuationStrands();
            }
            case "thread" -> new ThreadStrands();
            default -> throw new IllegalArgumentException("substrate " + substrate);
        };
    }

    RunResult runOnce() {
        Simulation m = new Simulation(MachineConfig.of(machineCpus, model), strands(), false);
        m.machine().setInlineSteps(inlineSteps);
        if (!recorded) {
            m.machine().skipRecording();
        }
        lastRun = m;
        long base = m.kernel().alloc(LOCATIONS);
        for (int c = 0; c < CPUS; c++) {
            int[] kind = kinds[c];
            int[] loc = locs[c];
            m.spawn(c, "cpu" + c, k -> body(k, base, kind, loc));
        }
        return m.run(new RandomDecider(SEED));
    }

    private static void body(Kernel k, long base, int[] kind, int[] loc) {
        long sum = 0;
        for (int i = 0; i < kind.length; i++) {
            long x = base + loc[i];
            switch (kind[i]) {
                case READ -> sum += k.readOnce(x);
                case WRITE -> k.writeOnce(x, i + 1);
                default -> k.smpMb();
            }
        }
        if (sum < 0) {
            throw new AssertionError("values are positive");
        }
    }

    @Benchmark
    public RunResult run(Counts counts) {
        RunResult r = runOnce();
        counts.steps += r.steps();
        counts.decisions += r.decisions().size();
        return r;
    }
}
