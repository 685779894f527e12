package rcusim.rcu;

import rcusim.kernel.Completion;
import rcusim.kernel.Kernel;
import rcusim.kernel.Mutex;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.SharedState;
import rcusim.kernel.Task;
import rcusim.kernel.WaitQueue;
import rcusim.kernel.own.Rule;
import rcusim.kernel.own.Rules;

/**
 * rcu_state: the tree, the per-CPU data, the global grace-period number and the GP kthread's
 * state. gp_seq and gp_flags are read locklessly all over RCU, so they live in simulated
 * memory and are accessed with the kernel's primitives; every write of gp_seq checks the
 * mission's rule: only with the root rcu_node lock held, every qsmask zero and every gp_tasks
 * NULL.
 */
public final class RcuState {
    static final long GP_FLAG_INIT = 1;
    static final long GP_FLAG_FQS = 2;

    // gp_state values, as the kernel names them
    static final int GP_IDLE = 0;
    static final int GP_WAIT_GPS = 1;
    static final int GP_DONE_GPS = 2;
    static final int GP_ONOFF = 3;
    static final int GP_INIT = 4;
    static final int GP_WAIT_FQS = 5;
    static final int GP_DOING_FQS = 6;
    static final int GP_CLEANUP = 7;
    static final int GP_CLEANED = 8;
    static final String[] GP_STATE_NAMES = {"RCU_GP_IDLE", "RCU_GP_WAIT_GPS", "RCU_GP_DONE_GPS", "RCU_GP_ONOFF",
        "RCU_GP_INIT", "RCU_GP_WAIT_FQS", "RCU_GP_DOING_FQS", "RCU_GP_CLEANUP", "RCU_GP_CLEANED"};

    final RcuConfig config;
    final RcuGeometry geometry;
    final RcuNode[] node;
    final RcuData[] rda;
    final String name;

    /** Addresses in simulated memory. */
    final long gpSeqAddr;
    /**
     * rcu_state.gp_seq_polled: the counter the normal polled API snapshots and polls (v6.0+).
     * The GP kthread starts it with each grace period and ends it at the start of cleanup,
     * before any rcu_node sees the end, so a wait that returned always polls done.
     */
    final long gpSeqPolledAddr;
    /** rcu_state.gp_seq_polled_snap: the polled value this grace period started, or 0; root lock. */
    long gpSeqPolledSnap;
    final long gpFlagsAddr;
    private final Rule gpSeqRule;

    Task gpKthread;
    final WaitQueue gpWq;
    final RawSpinlock oflLock;

    /**
     * The fields below other CPUs read locklessly (READ_ONCE() in the kernel: stall warnings,
     * the hotplug path, rcutorture). They are Java fields, so every read and write goes
     * through a method here that reports it as this shared state: a partial-order reduction
     * orders the GP kthread's writes with the steps that read them, not with every step.
     */
    private final SharedState lockless;
    /** rcu_state.gp_state: the GP kthread's phase, written by it alone. */
    private int gpState = GP_IDLE;
    private long gpStart;
    private long jiffiesStall;
    private long jiffiesResched;
    private long gpActivity;
    /** Grace periods completed (rcu_state.gp_seq's counter moved by this many). */
    private long gpsCompleted;

    /** Read and written by the GP kthread alone. */
    long jiffiesForceQs;
    final long jiffiesTillFirstFqs;
    final long jiffiesTillNextFqs;

    /** NOCB callback offload (rcu_nocbs=); does nothing when no CPU is offloaded. */
    RcuNocb nocb;

    /**
     * For coverage only (not kernel state): how many ONOFF passes have processed each leaf,
     * by rcu_node index, so that a CPU's hotplug can tell whether a pass saw it in between.
     */
    final long[] leafOnoffPasses;

    // rcu_barrier() (RcuBarrier): barrier_mutex serialises callers; barrier_lock orders entrain
    // against CPUs going on- and offline; barrier_sequence is an rcu_seq in simulated memory
    // (sampled without the mutex); barrier_cpu_count is an atomic_t there.
    final Mutex barrierMutex = new Mutex("rcu_state.barrier_mutex");
    final RawSpinlock barrierLock;
    final long barrierSequenceAddr;
    final long barrierCpuCountAddr;
    final Completion barrierCompletion;

    RcuState(Kernel k, RcuConfig config) {
        this.config = config;
        this.lockless = k.newSharedState("rcu_state (lockless fields)");
        this.gpWq = new WaitQueue(k, "rcu_state.gp_wq");
        this.barrierCompletion = new Completion(k, "rcu_state.barrier_completion");
        this.name = config.preemptible() ? "rcu_preempt" : "rcu_sched";
        int cpus = k.nrCpus();
        this.geometry = RcuGeometry.of(cpus, config.fanout(), config.fanoutLeaf());
        long init = RcuSeq.startingAt(config.gpSeqStart());
        this.node = new RcuNode[geometry.numNodes()];
        this.leafOnoffPasses = new long[geometry.numNodes()];
        for (int i = 0; i < node.length; i++) {
            RcuGeometry.Node g = geometry.node(i);
            int p = g.parent();
            node[i] = new RcuNode(k, i, g.level(), p < 0 ? null : node[p], g.grplo(), g.grphi(),
                    p < 0 ? 0 : g.grpmask(), init);
        }
        this.barrierLock = RawSpinlock.create(k, "rcu_state.barrier_lock", "rcu_state.barrier_lock");
        long aux = config.auxSeqStart();
        this.barrierSequenceAddr = k.alloc(1, aux);
        this.barrierCpuCountAddr = k.alloc(1);
        this.rda = new RcuData[cpus];
        for (int c = 0; c < cpus; c++) {
            rda[c] = new RcuData(k, c, node[geometry.leafOf(c).index()], init, aux, barrierLock, config.nocbCpu(c));
        }
        this.gpSeqAddr = k.alloc(1, init);
        this.gpFlagsAddr = k.alloc(1);
        this.oflLock = RawSpinlock.create(k, "rcu_state.ofl_lock");
        RcuNode root = node[0];
        this.gpSeqRule = Rules.allOf(Rules.lockHeld(root.lock, "the root rcu_node lock"),
                Rules.when("every qsmask zero", this::allQsmasksZero),
                Rules.when("every gp_tasks NULL", this::noGpTasks));
        int hz = Math.max(1, k.hz());
        long j = 1 + (hz > 250 ? 1 : 0) + (hz > 500 ? 1 : 0) + cpus / 256;
        this.jiffiesTillFirstFqs = j;
        this.jiffiesTillNextFqs = j;
        this.gpSeqPolledAddr = k.alloc(1, init); // last, so that the other addresses stay as they were
        placeNodeFields(init, aux);
    }

    /**
     * The rcu_node and rcu_data fields read locklessly go to simulated memory after every older cell, so
     * that the addresses before them stay as they were. Every CPU is online at boot: each
     * leaf's qsmaskinitnext starts with all its CPUs.
     */
    private void placeNodeFields(long initialGpSeq, long initialExpSeq) {
        long[] online = new long[node.length];
        for (RcuData rdp : rda) {
            online[rdp.mynode.index] |= rdp.grpmask;
        }
        for (RcuNode rnp : node) {
            rnp.placeInMemory(initialGpSeq, online[rnp.index], initialExpSeq);
        }
        for (RcuData rdp : rda) {
            rdp.placeInMemory();
        }
    }

    RcuNode root() {
        return node[0];
    }

    boolean allQsmasksZero() {
        for (RcuNode n : node) {
            if (n.qsmaskPeek() != 0) {
                return false;
            }
        }
        return true;
    }

    boolean noGpTasks() {
        for (RcuNode n : node) {
            if (n.gpTasksPeek() != null) {
                return false;
            }
        }
        return true;
    }

    /** Checks the gp_seq write rule before the caller writes it. */
    void checkGpSeqWrite(Kernel k) {
        k.ownership().check(gpSeqRule, "write of rcu_state.gp_seq");
    }

    /** rcu_state.gp_seq as it is now in memory (for checkers and reports, not for RCU's own logic). */
    long gpSeqPeek(Kernel k) {
        return k.machineMemoryPeek(gpSeqAddr);
    }

    Iterable<RcuNode> leaves() {
        return java.util.Arrays.asList(node).subList(geometry.firstLeaf(), node.length);
    }

    /** WRITE_ONCE(rcu_state.gp_state, state). */
    void setGpState(Kernel k, int state) {
        gpState = state;
        k.sharedStateWritten(lockless);
    }

    /** READ_ONCE(rcu_state.gp_state). */
    int gpState(Kernel k) {
        k.sharedStateRead(lockless);
        return gpState;
    }

    /** rcu_gp_init() stamps the grace period's start, its stall deadline and its resched deadline. */
    void gpStarted(Kernel k, long now) {
        gpStart = now;
        jiffiesStall = now + config.stallTimeoutJiffies();
        jiffiesResched = now + config.stallTimeoutJiffies() / 2;
        k.sharedStateWritten(lockless);
    }

    long gpStart(Kernel k) {
        k.sharedStateRead(lockless);
        return gpStart;
    }

    long jiffiesStall(Kernel k) {
        k.sharedStateRead(lockless);
        return jiffiesStall;
    }

    long jiffiesResched(Kernel k) {
        k.sharedStateRead(lockless);
        return jiffiesResched;
    }

    /** WRITE_ONCE(rcu_state.gp_activity, jiffies): the GP kthread (or a GP request) showed life. */
    void touchGpActivity(Kernel k) {
        gpActivity = k.jiffies();
        k.sharedStateWritten(lockless);
    }

    long gpActivity(Kernel k) {
        k.sharedStateRead(lockless);
        return gpActivity;
    }

    /** rcu_gp_cleanup() ended a grace period. */
    void gpCompleted(Kernel k) {
        gpsCompleted++;
        k.sharedStateWritten(lockless);
    }

    long gpsCompleted(Kernel k) {
        k.sharedStateRead(lockless);
        return gpsCompleted;
    }

    /** The count for code outside the run (a benchmark after it), which no step orders. */
    long gpsCompletedAfterRun() {
        return gpsCompleted;
    }
}
