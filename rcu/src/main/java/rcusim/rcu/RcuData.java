package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.own.GuardedBoolean;
import rcusim.kernel.own.GuardedLong;
import rcusim.kernel.own.GuardedRef;
import rcusim.kernel.own.Ownership;
import rcusim.kernel.own.Rule;
import rcusim.kernel.own.Rules;

/**
 * One CPU's rcu_data. Its fields belong to its CPU (with preemption or irqs off) except where
 * the kernel says otherwise; each field's rule is checked on access (see {@code rcusim.machine.own}):
 * gp_seq and gp_seq_needed are written under the leaf lock by the owner; watching_snap by the
 * GP kthread under the leaf lock; the callback list by the owner with preemption off, or by the
 * CPU orchestrating this CPU's offlining (callback migration), or by rcu_barrier() under
 * barrier_lock while the CPU is offline for RCU (its entrain), or, when the CPU is offloaded
 * (rcu_nocbs=), by whoever holds its nocb_lock and no one else; rcu_urgent_qs and
 * rcu_need_heavy_qs are written remotely, so they live in simulated memory (release/acquire).
 */
public final class RcuData {
    final int cpu;
    final RcuNode mynode;
    /** This CPU's bit in its leaf's masks. */
    final long grpmask;

    /**
     * gp_seq and gp_seq_needed: written by the owner under its leaf lock (WRITE_ONCE), read by
     * the owner without it and by other CPUs only locklessly, so they live in simulated memory.
     */
    final RcuCell gpSeq;
    final RcuCell gpSeqNeeded;
    /** cpu_no_qs.b.norm: no quiescent state seen yet in this grace period. */
    final GuardedBoolean cpuNoQs;
    /**
     * cpu_no_qs.b.exp: an expedited grace period asked this CPU for a quiescent state that it
     * could not report at once (set by rcu_exp_handler, cleared by rcu_report_exp_rdp).
     */
    final GuardedBoolean cpuNoQsExp;
    /** core_needs_qs: the RCU core wants a quiescent state from this CPU. */
    final GuardedBoolean coreNeedsQs;
    final GuardedBoolean gpwrap;
    final GuardedLong ticksThisGp;
    final GuardedLong watchingSnap;
    private final GuardedRef<RcuSegcblist> cblist;
    /** rcu_urgent_qs and rcu_need_heavy_qs: addresses in simulated memory. */
    final long urgentQs;
    final long needHeavyQs;
    /**
     * NOCB: this CPU's offload state when its callbacks are offloaded to rcuo kthreads
     * (rcu_nocbs=), else null. Fixed at boot (no run-time de-/re-offloading), so it is read
     * without a rule, where the kernel reads rcu_rdp_is_offloaded().
     */
    final RcuNocbData nocb;
    /** rcu_rdp_is_offloaded(). */
    final boolean offloaded;
    boolean beenOnline;
    boolean cpuStarted;
    /**
     * rcu_barrier(): barrier_seq_snap (simulated memory: written with release by whoever entrains,
     * read with acquire by the rcu_barrier() caller) and the callback it entrains here.
     */
    final long barrierSeqSnap;
    final RcuHead barrierHead;
    /** The GP number when this CPU went offline and came online (diagnostics, as the kernel keeps). */
    long oflGpSeq;
    /** For coverage: its leaf's ONOFF-pass count when this CPU last went offline (-1: never). */
    long oflOnoffPass = -1;
    long onlGpSeq;

    RcuData(Kernel k, int cpu, RcuNode leaf, long initialGpSeq, long initialBarrierSeq, RawSpinlock barrierLock,
            boolean offloaded) {
        this.cpu = cpu;
        this.offloaded = offloaded;
        this.nocb = offloaded ? new RcuNocbData(k, cpu) : null;
        this.mynode = leaf;
        this.grpmask = 1L << (cpu - leaf.grplo);
        Ownership own = k.ownership();
        String n = "rcu_data[" + cpu + "].";
        Rule leafLock = Rules.lockHeld(leaf.lock, leaf + ".lock");
        Rule ownerPreemptOff = Rules.ownCpuPreemptOff(cpu);
        Rule ownerUnderLeaf = Rules.allOf(ownerPreemptOff, leafLock);
        Rule ownerOrOrchestrator = Rules.anyOf(ownerPreemptOff, Rules.orchestratingOfflineOf(cpu),
                barrierEntrainOffline(leaf, cpu, barrierLock));
        Rule anyone = Rules.anyone();
        // read: the owner (preemption off), or anyone under the leaf lock, or the CPU taking it down
        Rule ownerOrLeaf = Rules.anyOf(ownerPreemptOff, leafLock, Rules.orchestratingOfflineOf(cpu));
        gpSeq = new RcuCell(k, n + "gp_seq", ownerOrLeaf, Rules.anyOf(ownerUnderLeaf, Rules.allOf(
                Rules.orchestratingOfflineOf(cpu), leafLock)), initialGpSeq);
        // callback migration accelerates a dead CPU's callbacks under the survivor's leaf lock
        gpSeqNeeded = new RcuCell(k, n + "gp_seq_needed", ownerOrLeaf,
                Rules.anyOf(ownerUnderLeaf, leafLock, Rules.orchestratingOfflineOf(cpu)), initialGpSeq);
        cpuNoQs = new GuardedBoolean(own, n + "cpu_no_qs.b.norm", anyone,
                Rules.anyOf(ownerPreemptOff, Rules.allOf(Rules.orchestratingOfflineOf(cpu), leafLock)), true);
        cpuNoQsExp = new GuardedBoolean(own, n + "cpu_no_qs.b.exp", anyone, ownerPreemptOff, false);
        coreNeedsQs = new GuardedBoolean(own, n + "core_needs_qs", anyone,
                Rules.anyOf(ownerPreemptOff, Rules.allOf(Rules.orchestratingOfflineOf(cpu), leafLock)), false);
        gpwrap = new GuardedBoolean(own, n + "gpwrap", anyone, Rules.anyOf(ownerPreemptOff, leafLock), false);
        ticksThisGp = new GuardedLong(own, n + "ticks_this_gp", anyone, ownerPreemptOff, 0);
        watchingSnap = new GuardedLong(own, n + "watching_snap", anyone, leafLock, 0);
        // an offloaded list is shared by call_rcu(), rcuog, rcuo and hotplug: nocb_lock only
        Rule cblistRule = offloaded ? Rules.lockHeld(nocb.nocbLock, n + "nocb_lock") : ownerOrOrchestrator;
        cblist = new GuardedRef<>(own, n + "cblist", cblistRule, cblistRule, new RcuSegcblist());
        urgentQs = k.alloc(1);
        needHeavyQs = k.alloc(1);
        // rcu_boot_init_percpu_data(): barrier_seq_snap = rcu_state.barrier_sequence
        barrierSeqSnap = k.alloc(1, initialBarrierSeq);
        barrierHead = new RcuHead("rcu_barrier_callback/" + cpu);
    }

    /** Places gp_seq and gp_seq_needed in simulated memory (after every older cell). */
    void placeInMemory() {
        gpSeq.place();
        gpSeqNeeded.place();
    }

    /** rcu_barrier() entrains on an offline CPU's list itself, under barrier_lock (the CPU cannot come online meanwhile). */
    private static Rule barrierEntrainOffline(RcuNode leaf, int cpu, RawSpinlock barrierLock) {
        long mask = 1L << (cpu - leaf.grplo);
        return Rules.allOf(Rules.lockHeld(barrierLock, "rcu_state.barrier_lock"),
                Rules.when("CPU " + cpu + " offline for RCU (not in " + leaf + ".qsmaskinitnext)",
                        () -> (leaf.qsmaskinitnextPeek() & mask) == 0));
    }

    /** The callback list, checked against its rule. */
    RcuSegcblist cblist() {
        return cblist.get();
    }

    /**
     * rcu_segcblist_n_cbs() read from any CPU: the kernel reads len with READ_ONCE() (rcu_barrier()
     * samples every CPU's). A Java field here, so the read is sequentially consistent.
     */
    long nCbsLockless() {
        return cblist.peek().n();
    }

    /** For stall reports and checkers: no rule check. */
    RcuSegcblist cblistPeek() {
        return cblist.peek();
    }

    public int cpu() {
        return cpu;
    }
}
