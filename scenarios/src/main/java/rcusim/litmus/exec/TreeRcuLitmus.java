package rcusim.litmus.exec;

import java.util.List;
import rcusim.litmus.ast.LitmusTest;
import rcusim.kernel.Kernel;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.TreeRcu;

/**
 * The real Tree RCU as a litmus backend: each process of a litmus test runs as a task bound to
 * its own CPU of a machine with the full kernel environment and Tree RCU installed;
 * rcu_read_lock(), rcu_read_unlock() and synchronize_rcu() are Tree RCU's. Schedules are
 * sampled by a decider (not enumerated: a grace period takes thousands of steps), and each
 * run's final state is judged like the litmus runner's. SRCU tests are not supported here.
 */
public final class TreeRcuLitmus {
    private final LitmusProgram program;
    private final OutcomeJudge judge;
    private final RcuConfig rcuConfig;
    private final boolean expedited;

    public TreeRcuLitmus(LitmusTest test, RcuConfig rcuConfig) {
        this(test, rcuConfig, false);
    }

    /**
     * With expedited, every grace period of the test (synchronize_rcu() or
     * synchronize_rcu_expedited(), which LKMM does not tell apart) is Tree RCU's expedited one.
     */
    public TreeRcuLitmus(LitmusTest test, RcuConfig rcuConfig, boolean expedited) {
        this.program = LitmusCompiler.compile(test);
        this.judge = new OutcomeJudge(program);
        this.rcuConfig = rcuConfig;
        this.expedited = expedited;
    }

    /** Whether every instruction has a Tree RCU counterpart here (no SRCU). */
    public boolean supported() {
        return KernelInterpreter.supports(program, true);
    }

    /** One run's outcome. */
    public record Outcome(boolean passedFilter, boolean satisfies, String state, RunResult run) {
    }

    public Outcome run(Decider decider) {
        int procs = program.processes().size();
        Simulation m = new Simulation(MachineConfig.of(Math.max(2, procs), MemoryModel.WEAK)
                .withKernel(KernelConfig.kernel()).withStepLimit(2_000_000), StrandFactory.best(), false);
        Kernel k0 = m.kernel();
        long[] init = program.locationInit();
        for (int l = 0; l < init.length; l++) {
            long a = k0.alloc(1, init[l]);
            if (Address.locationOf(a) != l) {
                throw new IllegalStateException("litmus locations must be the machine's first locations");
            }
        }
        TreeRcu rcu = TreeRcu.install(m, rcuConfig);
        KernelInterpreter.Rcu treeRcu = new KernelInterpreter.Rcu() {
            @Override
            public void readLock(Kernel k) {
                rcu.readLock(k);
            }

            @Override
            public void readUnlock(Kernel k) {
                rcu.readUnlock(k);
            }

            @Override
            public void synchronize(Kernel k) {
                if (expedited) {
                    rcu.synchronizeRcuExpedited(k);
                } else {
                    rcu.synchronizeRcu(k);
                }
            }
        };
        long[][] regs = KernelInterpreter.spawnAll(m, program, treeRcu);
        RunResult result = m.run(decider);
        if (!result.passed()) {
            return new Outcome(false, false, null, result);
        }
        long[] v = judge.observe(l -> m.memory().latestValue(l), (p, reg) -> regs[p][reg]);
        return new Outcome(judge.passesFilter(v), judge.satisfies(v), judge.format(v), result);
    }

    List<LitmusProgram.Process> processes() {
        return program.processes();
    }
}
