package rcusim.rcu;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.Kernel;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Task;
import rcusim.kernel.WaitQueue;
import rcusim.kernel.own.Ownership;
import rcusim.kernel.own.Rule;
import rcusim.kernel.own.Rules;

/**
 * One rcu_node of the combining tree. Every mutable field is guarded by {@link #lock}: each
 * write checks that rule. Lockless reads, which the kernel does with READ_ONCE(),
 * use the plain getters; in the simulator they see the latest value (Java fields are
 * sequentially consistent), which is stronger than the kernel's.
 */
public final class RcuNode {
    final int index;
    final int level;
    final RcuNode parent;
    final int grplo;
    final int grphi;
    /** This node's bit in its parent's masks. */
    final long grpmask;
    final RawSpinlock lock;
    private final Ownership own;
    private final Rule lockRule;
    private final String name;

    private long qsmask;
    private long qsmaskinit;
    private long qsmaskinitnext;
    private long gpSeq;
    private long gpSeqNeeded;
    private long completedqs;
    /** Tasks preempted in a reader while queued here, newest first (blkd_tasks). */
    final List<Task> blkdTasks = new ArrayList<>();
    /** The first task blocking the current grace period, or null (gp_tasks). */
    private Task gpTasks;
    private boolean waitBlkdTasks;
    /** The CPUs found offline by the INIT pass of this grace period (rcu_gp_init_mask). */
    long gpInitMask;

    // expedited grace periods (tree_exp.h, RcuExp): expmask* and exp_tasks under lock,
    // exp_seq_rq under exp_lock (read locklessly by the funnel)
    private long expmask;
    private long expmaskinit;
    /** CPUs ever online: hotplug sets bits and never clears them. */
    private long expmaskinitnext;
    /** The first task blocking the current expedited grace period, or null (exp_tasks). */
    private Task expTasks;
    final RawSpinlock expLock;
    private final Rule expLockRule;
    private long expSeqRq;
    /** exp_wq[4]: funnel waiters, indexed by rcu_seq_ctr(s) & 3. */
    final WaitQueue[] expWq = new WaitQueue[4];

    RcuNode(Kernel k, int index, int level, RcuNode parent, int grplo, int grphi, long grpmask, long initialGpSeq) {
        this.index = index;
        this.level = level;
        this.parent = parent;
        this.grplo = grplo;
        this.grphi = grphi;
        this.grpmask = grpmask;
        this.name = "rcu_node[" + index + "]";
        // one lockdep class per level, as the kernel's rcu_node_class[] does
        this.lock = RawSpinlock.create(k, name + ".lock", "rcu_node_" + level);
        this.own = k.ownership();
        this.lockRule = Rules.lockHeld(lock, name + ".lock");
        this.gpSeq = initialGpSeq;
        this.gpSeqNeeded = initialGpSeq;
        this.completedqs = initialGpSeq;
        this.expLock = RawSpinlock.create(k, name + ".exp_lock", "rcu_node_exp_" + level);
        this.expLockRule = Rules.lockHeld(expLock, name + ".exp_lock");
        for (int i = 0; i < expWq.length; i++) {
            expWq[i] = new WaitQueue(name + ".exp_wq[" + i + "]");
        }
    }

    private void w(String field) {
        own.checkWrite(lockRule, name + "." + field);
    }

    public boolean isLeaf(RcuState s) {
        return level == s.geometry.numLvls() - 1;
    }

    public long qsmask() {
        return qsmask;
    }

    void setQsmask(long v) {
        w("qsmask");
        qsmask = v;
    }

    public long qsmaskinit() {
        return qsmaskinit;
    }

    void setQsmaskinit(long v) {
        w("qsmaskinit");
        qsmaskinit = v;
    }

    public long qsmaskinitnext() {
        return qsmaskinitnext;
    }

    void setQsmaskinitnext(long v) {
        w("qsmaskinitnext");
        qsmaskinitnext = v;
    }

    public long gpSeq() {
        return gpSeq;
    }

    void setGpSeq(long v) {
        w("gp_seq");
        gpSeq = v;
    }

    public long gpSeqNeeded() {
        return gpSeqNeeded;
    }

    void setGpSeqNeeded(long v) {
        w("gp_seq_needed");
        gpSeqNeeded = v;
    }

    public long completedqs() {
        return completedqs;
    }

    void setCompletedqs(long v) {
        w("completedqs");
        completedqs = v;
    }

    public Task gpTasks() {
        return gpTasks;
    }

    void setGpTasks(Task t) {
        w("gp_tasks");
        gpTasks = t;
    }

    boolean waitBlkdTasks() {
        return waitBlkdTasks;
    }

    void setWaitBlkdTasks(boolean v) {
        w("wait_blkd_tasks");
        waitBlkdTasks = v;
    }

    /** rcu_preempt_blocked_readers_cgp(): readers block the current grace period here. */
    public boolean blockedReadersCgp() {
        return gpTasks != null;
    }

    /** rcu_preempt_has_tasks(). */
    public boolean hasTasks() {
        return !blkdTasks.isEmpty();
    }

    public long expmask() {
        return expmask;
    }

    void setExpmask(long v) {
        w("expmask");
        expmask = v;
    }

    public long expmaskinit() {
        return expmaskinit;
    }

    void setExpmaskinit(long v) {
        w("expmaskinit");
        expmaskinit = v;
    }

    public long expmaskinitnext() {
        return expmaskinitnext;
    }

    void setExpmaskinitnext(long v) {
        w("expmaskinitnext");
        expmaskinitnext = v;
    }

    public Task expTasks() {
        return expTasks;
    }

    void setExpTasks(Task t) {
        w("exp_tasks");
        expTasks = t;
    }

    public long expSeqRq() {
        return expSeqRq;
    }

    /** At boot, before any CPU runs: exp_seq_rq level with expedited_sequence's start. */
    void initExpSeqRq(long v) {
        expSeqRq = v;
    }

    void setExpSeqRq(long v) {
        own.checkWrite(expLockRule, name + ".exp_seq_rq");
        expSeqRq = v;
    }

    /** Modifies the blocked-task list: only under the lock. */
    void checkListWrite() {
        w("blkd_tasks");
    }

    @Override
    public String toString() {
        return name;
    }
}
