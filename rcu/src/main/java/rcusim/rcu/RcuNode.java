package rcusim.rcu;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.Kernel;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Task;
import rcusim.kernel.WaitQueue;
import rcusim.kernel.own.GuardedBoolean;
import rcusim.kernel.own.GuardedLong;
import rcusim.kernel.own.GuardedRef;
import rcusim.kernel.own.Ownership;
import rcusim.kernel.own.Rule;
import rcusim.kernel.own.Rules;

/**
 * One rcu_node of the combining tree. Every mutable field is guarded by {@link #lock} (exp_seq_rq
 * by {@link #expLock}): each write checks that rule, and so does each read through the plain
 * getters. The fields the kernel also reads without the lock (qsmask, gp_seq, gp_seq_needed,
 * qsmaskinitnext, expmask, exp_seq_rq) live in simulated memory: a plain getter is a plain load
 * under the lock, a {@code ...ReadOnce()} accessor is the kernel's lockless READ_ONCE() (no lock
 * rule; the memory model decides what it sees), and writes are WRITE_ONCE() under the lock, as
 * the kernel writes them. {@code ...Peek()} is for checkers and reports only (not a step).
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
    private final Kernel k;
    private final Rule lockRule;
    private final String name;

    // cells in simulated memory (placed by RcuState.placeNodeFields, after every older cell)
    private RcuCell qsmask;
    private RcuCell qsmaskinitnext;
    private RcuCell gpSeq;
    private RcuCell gpSeqNeeded;
    private RcuCell expmask;
    private RcuCell expSeqRq;
    private final GuardedLong qsmaskinit;
    private final GuardedLong completedqs;
    /** Tasks preempted in a reader while queued here, newest first (blkd_tasks). */
    final List<Task> blkdTasks = new ArrayList<>();
    /** The first task blocking the current grace period, or null (gp_tasks). */
    private final GuardedRef<Task> gpTasks;
    private final GuardedBoolean waitBlkdTasks;
    /** The CPUs found offline by the INIT pass of this grace period (rcu_gp_init_mask). */
    long gpInitMask;

    // expedited grace periods (tree_exp.h, RcuExp): expmask* and exp_tasks under lock,
    // exp_seq_rq under exp_lock (read locklessly by the funnel)
    private final GuardedLong expmaskinit;
    /** CPUs ever online: hotplug sets bits and never clears them. */
    private final GuardedLong expmaskinitnext;
    /** The first task blocking the current expedited grace period, or null (exp_tasks). */
    private final GuardedRef<Task> expTasks;
    final RawSpinlock expLock;
    private final Rule expLockRule;
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
        this.k = k;
        this.lockRule = Rules.lockHeld(lock, name + ".lock");
        this.qsmaskinit = new GuardedLong(own, name + ".qsmaskinit", lockRule, lockRule, 0);
        this.completedqs = new GuardedLong(own, name + ".completedqs", lockRule, lockRule, initialGpSeq);
        this.gpTasks = new GuardedRef<>(own, name + ".gp_tasks", lockRule, lockRule, null);
        this.waitBlkdTasks = new GuardedBoolean(own, name + ".wait_blkd_tasks", lockRule, lockRule, false);
        this.expmaskinit = new GuardedLong(own, name + ".expmaskinit", lockRule, lockRule, 0);
        this.expmaskinitnext = new GuardedLong(own, name + ".expmaskinitnext", lockRule, lockRule, 0);
        this.expTasks = new GuardedRef<>(own, name + ".exp_tasks", lockRule, lockRule, null);
        this.expLock = RawSpinlock.create(k, name + ".exp_lock", "rcu_node_exp_" + level);
        this.expLockRule = Rules.lockHeld(expLock, name + ".exp_lock");
        for (int i = 0; i < expWq.length; i++) {
            expWq[i] = new WaitQueue(k, name + ".exp_wq[" + i + "]");
        }
    }

    /**
     * Allocates this node's cells in simulated memory: qsmaskinitnext starts with every CPU of
     * the leaf (all online at boot), exp_seq_rq level with expedited_sequence's start.
     */
    void placeInMemory(long initialGpSeq, long initialQsmaskinitnext, long initialExpSeqRq) {
        qsmask = placed("qsmask", lockRule, 0);
        qsmaskinitnext = placed("qsmaskinitnext", lockRule, initialQsmaskinitnext);
        gpSeq = placed("gp_seq", lockRule, initialGpSeq);
        gpSeqNeeded = placed("gp_seq_needed", lockRule, initialGpSeq);
        expmask = placed("expmask", lockRule, 0);
        expSeqRq = placed("exp_seq_rq", expLockRule, initialExpSeqRq);
    }

    /** A cell of this node read and written under the lock that rule names, allocated now. */
    private RcuCell placed(String field, Rule rule, long initial) {
        RcuCell c = new RcuCell(k, name + "." + field, rule, rule, initial);
        c.place();
        return c;
    }

    public boolean isLeaf(RcuState s) {
        return level == s.geometry.numLvls() - 1;
    }

    /** rnp->qsmask under the lock (a plain load). */
    public long qsmask() {
        return qsmask.get();
    }

    /** READ_ONCE(rnp->qsmask): a lockless read, only where the kernel reads it so. */
    long qsmaskReadOnce() {
        return qsmask.readOnce();
    }

    /** The value in memory now, for checkers and reports: not an access of simulated code. */
    public long qsmaskPeek() {
        return qsmask.peek();
    }

    /** WRITE_ONCE(rnp->qsmask, v) under the lock. */
    void setQsmask(long v) {
        qsmask.set(v);
    }

    public long qsmaskinit() {
        return qsmaskinit.get();
    }

    /** For checkers and reports: no rule check. */
    public long qsmaskinitPeek() {
        return qsmaskinit.peek();
    }

    void setQsmaskinit(long v) {
        qsmaskinit.set(v);
    }

    /** rnp->qsmaskinitnext under the lock (a plain load). */
    public long qsmaskinitnext() {
        return qsmaskinitnext.get();
    }

    /** READ_ONCE(rnp->qsmaskinitnext): a lockless read, only where the kernel reads it so. */
    long qsmaskinitnextReadOnce() {
        return qsmaskinitnext.readOnce();
    }

    /** The value in memory now, for checkers and reports: not an access of simulated code. */
    public long qsmaskinitnextPeek() {
        return qsmaskinitnext.peek();
    }

    /** WRITE_ONCE(rnp->qsmaskinitnext, v) under the lock. */
    void setQsmaskinitnext(long v) {
        qsmaskinitnext.set(v);
    }

    /** rnp->gp_seq under the lock (a plain load). */
    public long gpSeq() {
        return gpSeq.get();
    }

    /** READ_ONCE(rnp->gp_seq): a lockless read, only where the kernel reads it so. */
    long gpSeqReadOnce() {
        return gpSeq.readOnce();
    }

    /** The value in memory now, for checkers and reports: not an access of simulated code. */
    public long gpSeqPeek() {
        return gpSeq.peek();
    }

    /** WRITE_ONCE(rnp->gp_seq, v) under the lock. */
    void setGpSeq(long v) {
        gpSeq.set(v);
    }

    /** rnp->gp_seq_needed under the lock (a plain load). */
    public long gpSeqNeeded() {
        return gpSeqNeeded.get();
    }

    /** READ_ONCE(rnp->gp_seq_needed): a lockless read, only where the kernel reads it so. */
    long gpSeqNeededReadOnce() {
        return gpSeqNeeded.readOnce();
    }

    /** The value in memory now, for checkers and reports: not an access of simulated code. */
    public long gpSeqNeededPeek() {
        return gpSeqNeeded.peek();
    }

    /** WRITE_ONCE(rnp->gp_seq_needed, v) under the lock. */
    void setGpSeqNeeded(long v) {
        gpSeqNeeded.set(v);
    }

    public long completedqs() {
        return completedqs.get();
    }

    /** For checkers and reports: no rule check. */
    public long completedqsPeek() {
        return completedqs.peek();
    }

    void setCompletedqs(long v) {
        completedqs.set(v);
    }

    public Task gpTasks() {
        return gpTasks.get();
    }

    /** For checkers and reports: no rule check. */
    public Task gpTasksPeek() {
        return gpTasks.peek();
    }

    void setGpTasks(Task t) {
        gpTasks.set(t);
    }

    boolean waitBlkdTasks() {
        return waitBlkdTasks.get();
    }

    void setWaitBlkdTasks(boolean v) {
        waitBlkdTasks.set(v);
    }

    /**
     * rcu_preempt_blocked_readers_cgp(): readers block the current grace period here. The kernel
     * reads gp_tasks with READ_ONCE() (also without the lock, in the FQS loop); gp_tasks is a
     * Java field, so that read is sequentially consistent.
     */
    public boolean blockedReadersCgp() {
        return gpTasks.peek() != null;
    }

    /** rcu_preempt_has_tasks(). */
    public boolean hasTasks() {
        return !blkdTasks.isEmpty();
    }

    /** rnp->expmask under the lock (a plain load). */
    public long expmask() {
        return expmask.get();
    }

    /** READ_ONCE(rnp->expmask): a lockless read, only where the kernel reads it so. */
    long expmaskReadOnce() {
        return expmask.readOnce();
    }

    /** The value in memory now, for checkers and reports: not an access of simulated code. */
    public long expmaskPeek() {
        return expmask.peek();
    }

    /** WRITE_ONCE(rnp->expmask, v) under the lock. */
    void setExpmask(long v) {
        expmask.set(v);
    }

    public long expmaskinit() {
        return expmaskinit.get();
    }

    /** For checkers and reports: no rule check. */
    public long expmaskinitPeek() {
        return expmaskinit.peek();
    }

    void setExpmaskinit(long v) {
        expmaskinit.set(v);
    }

    public long expmaskinitnext() {
        return expmaskinitnext.get();
    }

    /** For checkers and reports: no rule check. */
    public long expmaskinitnextPeek() {
        return expmaskinitnext.peek();
    }

    void setExpmaskinitnext(long v) {
        expmaskinitnext.set(v);
    }

    public Task expTasks() {
        return expTasks.get();
    }

    /** For checkers and reports: no rule check. */
    public Task expTasksPeek() {
        return expTasks.peek();
    }

    void setExpTasks(Task t) {
        expTasks.set(t);
    }

    /** rnp->exp_seq_rq under exp_lock (a plain load). */
    public long expSeqRq() {
        return expSeqRq.get();
    }

    /** READ_ONCE(rnp->exp_seq_rq): the funnel's lockless checks. */
    long expSeqRqReadOnce() {
        return expSeqRq.readOnce();
    }

    /** WRITE_ONCE(rnp->exp_seq_rq, v) under exp_lock. */
    void setExpSeqRq(long v) {
        expSeqRq.set(v);
    }

    /** Modifies the blocked-task list: only under the lock. */
    void checkListWrite() {
        own.checkWrite(lockRule, name + ".blkd_tasks");
    }

    @Override
    public String toString() {
        return name;
    }
}
