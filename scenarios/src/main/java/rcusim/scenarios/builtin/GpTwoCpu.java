package rcusim.scenarios.builtin;

import java.util.List;
import java.util.Map;
import rcusim.sched.scenario.Fault;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.RcuCoverage;
import rcusim.rcu.TreeRcu;
import rcusim.sched.scenario.Scenario;

/**
 * The grace-period guarantee in its smallest form, small enough to explore exhaustively
 * within a preemption bound (the shape Kokologiannakis and Sagonas verified with Nidhugg):
 *
 * <pre>
 *   CPU 0 (reader)              CPU 1 (updater)
 *   rcu_read_lock();            WRITE_ONCE(x, 1);
 *   r1 = READ_ONCE(y);          synchronize_rcu();
 *   r2 = READ_ONCE(x);          WRITE_ONCE(y, 1);
 *   rcu_read_unlock();
 *
 *   forbidden: r1 == 1 &amp;&amp; r2 == 0
 * </pre>
 *
 * If the reader sees y == 1, its critical section did not end before synchronize_rcu()
 * returned, so it began after the grace period began and must see x == 1. The reader fails the
 * run on the forbidden outcome, as rcutorture's "!!!" does.
 *
 * <p>Under sequential consistency that outcome cannot happen even with no grace period at
 * all (x is written before y, and read after it), so this shape tests the ordering that the
 * grace period supplies under a weak memory model. {@code gp-2cpu-span} ({@link #span()})
 * reads x first, then y, and fails on x == 0 and y == 1: a critical section that spanned the
 * whole grace period, which RCU forbids under every memory model, sc included (without the
 * grace period it happens under sc too).
 *
 * <p>{@code gp-3cpu} ({@link #threeCpus()}) is the same test on a two-level rcu_node tree:
 * RCU_FANOUT_LEAF 2 puts CPUs 0 and 1 under one leaf and CPU 2 under another, below the root;
 * the updater runs on CPU 1, the reader on CPU 2, CPU 0 idles. The reader's quiescent state
 * then has to climb from the second leaf to the root before the grace period can end.
 *
 * <p>The configuration keeps the decision tree small and nothing else: non-preemptible Tree
 * RCU (one rcu_node), no hotplug, a stall timeout far beyond the run, and a step cost of 1 ns
 * so that a tick (1 ms) falls due only when both CPUs are idle and virtual time jumps to it:
 * the grace period is then driven by the ticks of idle CPUs, not by ticks interleaved with
 * every step of the workload. The price: no tick, FQS scan or callback invocation falls inside
 * the reader's critical section, so faults in quiescent-state detection cannot fail here (the
 * torture scenarios find them); what can fail is a grace period that ends, or stalls, by itself.
 */
final class GpTwoCpu implements Scenario {
    static final String NAME = "gp-2cpu";
    static final String NAME_3CPU = "gp-3cpu";
    static final String NAME_SPAN = "gp-2cpu-span";

    private final RcuConfig rcu;
    private final int cpus;
    /** The reader reads x, then y (gp-2cpu-span); else y, then x. */
    private final boolean span;

    GpTwoCpu() {
        this(RcuConfig.nonPreemptibleDefaults().withStallTimeout(1_000_000), 2, false);
    }

    /** gp-3cpu: three CPUs on a two-level tree (two leaves under the root). */
    static GpTwoCpu threeCpus() {
        return new GpTwoCpu(RcuConfig.nonPreemptibleDefaults().withStallTimeout(1_000_000).withFanout(2, 2), 3, false);
    }

    /** gp-2cpu-span: gp-2cpu with the reader's loads the other way round. */
    static GpTwoCpu span() {
        return new GpTwoCpu(RcuConfig.nonPreemptibleDefaults().withStallTimeout(1_000_000), 2, true);
    }

    private GpTwoCpu(RcuConfig rcu, int cpus, boolean span) {
        this.rcu = rcu;
        this.cpus = cpus;
        this.span = span;
    }

    @Override
    public String name() {
        return span ? NAME_SPAN : cpus == 2 ? NAME : NAME_3CPU;
    }

    @Override
    public String description() {
        String shape = cpus == 2 ? "2 CPUs" : "3 CPUs on a two-level rcu_node tree (leaves {0,1} and {2}), CPU 0 idle";
        if (span) {
            return "non-preemptible Tree RCU, 2 CPUs: a reader reads x then y, an updater writes x, synchronize_rcu(),"
                    + " writes y; fails if the reader sees x == 0 and y == 1, a critical section that spanned the whole"
                    + " grace period (forbidden under every memory model, sc included; for rcusim explore --strategy dpor)"
                    + (rcu.mutation() == null ? "" : "; injected: " + rcu.mutation());
        }
        return "non-preemptible Tree RCU, " + shape + ": a reader reads y then x, an updater writes x, synchronize_rcu(),"
                + " writes y; fails if the reader sees y == 1 and x == 0 (for rcusim explore --strategy exhaustive:B"
                + " or dpor)" + (rcu.mutation() == null ? "" : "; injected: " + rcu.mutation());
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(cpus, MemoryModel.WEAK)
                .withKernel(KernelConfig.kernel().withPreemption(Preemption.NONE).withStepNs(1))
                .withStepLimit(200_000);
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("rcu", rcu);
    }

    @Override
    public void load(Simulation m, long seed) {
        TreeRcu tree = TreeRcu.install(m, rcu);
        long x = m.kernel().alloc(1);
        long y = m.kernel().alloc(1);
        m.spawn(cpus == 2 ? 0 : 2, "reader", k -> {
            tree.readLock(k);
            long r1 = k.readOnce(span ? x : y);
            long r2 = k.readOnce(span ? y : x);
            tree.readUnlock(k);
            if (span && r1 == 0 && r2 == 1) {
                throw new SimFailure(SimFailure.Kind.RCU, "too-short grace period: !!! the reader saw x == 0 but"
                        + " y == 1, its critical section spanned the whole of synchronize_rcu()");
            }
            if (!span && r1 == 1 && r2 == 0) {
                throw new SimFailure(SimFailure.Kind.RCU, "too-short grace period: !!! the reader saw y == 1 but x == 0,"
                        + " its critical section overlapped synchronize_rcu()");
            }
        });
        m.spawn(1, "updater", k -> {
            k.writeOnce(x, 1);
            tree.synchronizeRcu(k);
            k.writeOnce(y, 1);
        });
    }

    @Override
    public List<RcuCoverage> coverageEvents() {
        return RcuCoverage.reachableWith(rcu);
    }

    @Override
    public List<Fault> injections() {
        return RcuFaults.ALL;
    }

    @Override
    public Scenario withInjection(Fault fault) {
        return new GpTwoCpu(rcu.withMutation(RcuFaults.toRcu(fault)), cpus, span);
    }

    @Override
    public Fault injection() {
        return rcu.mutation() == null ? null : RcuFaults.of(rcu.mutation());
    }
}
