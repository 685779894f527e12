package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;

/**
 * The kernel's warnings that rcusim checks (docs/rcu.md, "The kernel's warnings"): each one, put
 * in front of the state it guards against, fails the run with its condition and function name.
 * The state is broken by hand from a simulated task (same package, under the locks the fields
 * need), then the path that checks it runs; a control run shows the check quiet on a sound state.
 */
class RcuWarningsTest {
    private static RunResult run(int cpus, RcuConfig cfg, BiConsumer<TreeRcu, Kernel> body) {
        Simulation m = TreeRcuTortureTest.machine(cpus, cfg.preemptible() ? Preemption.FULL : Preemption.NONE, false);
        TreeRcu rcu = TreeRcu.install(m, cfg);
        m.spawn(0, "breaker", k -> body.accept(rcu, k));
        return m.run(TreeRcuTortureTest.random(1));
    }

    private static RunResult run(BiConsumer<TreeRcu, Kernel> body) {
        return run(2, RcuConfig.preemptibleDefaults(), body);
    }

    private static void assertFails(RunResult r, SimFailure.Kind kind, String text) {
        assertFalse(r.passed(), "the run passed");
        assertEquals(kind, r.failure().kind(), r.describe());
        assertTrue(r.failure().getMessage().contains(text), r.describe());
    }

    private static void assertWarns(RunResult r, String text) {
        assertFails(r, SimFailure.Kind.WARN, text);
    }

    // ---------------------------------------------------------------- tree.c

    /**
     * rcu_watching_snap_recheck(): CPU 1 stays in the kernel (its context-tracking counter odd and
     * unchanged since the snapshot), its bit is still in qsmask, and it is offline for RCU.
     */
    private static RunResult fqsRecheck(boolean offline) {
        Simulation m = TreeRcuTortureTest.machine(2, Preemption.NONE, false);
        TreeRcu rcu = TreeRcu.install(m, RcuConfig.nonPreemptibleDefaults());
        boolean[] busy = new boolean[2]; // [0] CPU 1 is busy, [1] the breaker is done
        m.spawn(1, "busy", k -> {
            busy[0] = true;
            for (int i = 0; i < 20_000 && !busy[1]; i++) {
                k.smpMb();
            }
        });
        m.spawn(0, "breaker", k -> {
            while (!busy[0]) {
                k.smpMb();
            }
            RcuData rdp = rcu.s.rda[1];
            RcuNode rnp = rdp.mynode;
            long flags = rcu.locks.lockIrqsave(k, rnp);
            rnp.setQsmask(rnp.qsmask() | rdp.grpmask);
            if (offline) {
                rnp.setQsmaskinitnext(rnp.qsmaskinitnext() & ~rdp.grpmask);
            }
            rdp.watchingSnap.set(k.smpLoadAcquire(k.ctCounterAddr(1)));
            rcu.locks.unlockIrqrestore(k, rnp, flags);
            rcu.fqs.gpFqs(k, false);
            flags = rcu.locks.lockIrqsave(k, rnp);
            rnp.setQsmask(0);
            rcu.locks.unlockIrqrestore(k, rnp, flags);
            busy[1] = true;
        });
        return m.run(TreeRcuTortureTest.random(1));
    }

    @Test
    void fqsRecheckWarnsAboutAnOfflineCpuStillOwingAQuiescentState() {
        assertWarns(fqsRecheck(true), "rcu_watching_snap_recheck(): !rcu_rdp_cpu_online(rdp): CPU 1 is offline");
        RunResult online = fqsRecheck(false);
        assertTrue(online.passed(), online.describe());
    }

    /**
     * The INIT pass's rcu_preempt_check_blocked_tasks(). (A node broken between grace periods is
     * caught earlier, by gp_seq's ownership rule at rcu_seq_start(); this check is for a node broken
     * during the ONOFF pass, so it is called directly.)
     */
    @Test
    void initPassWarnsAboutABitOrAReaderLeftFromTheLastGracePeriod() {
        assertWarns(run((rcu, k) -> {
            RcuNode root = rcu.s.root();
            long flags = rcu.locks.lockIrqsave(k, root);
            root.setQsmask(1);
            RcuGpKthread.checkBlockedTasks(k, root);
            rcu.locks.unlockIrqrestore(k, root, flags);
        }), "rcu_preempt_check_blocked_tasks(): rcu_node[0]->qsmask 1");
        assertWarns(run((rcu, k) -> {
            RcuNode root = rcu.s.root();
            long flags = rcu.locks.lockIrqsave(k, root);
            root.setGpTasks(k.current());
            RcuGpKthread.checkBlockedTasks(k, root);
            rcu.locks.unlockIrqrestore(k, root, flags);
        }), "rcu_preempt_check_blocked_tasks(): rcu_preempt_blocked_readers_cgp(rcu_node[0])");
        RunResult fine = run((rcu, k) -> {
            RcuNode root = rcu.s.root();
            long flags = rcu.locks.lockIrqsave(k, root);
            RcuGpKthread.checkBlockedTasks(k, root);
            rcu.locks.unlockIrqrestore(k, root, flags);
            rcu.synchronizeRcu(k);
        });
        assertTrue(fine.passed(), fine.describe());
    }

    @Test
    void reportUnblockQsRnpWarnsWhileReadersStillBlockOrWithoutPreemptibleRcu() {
        BiConsumer<TreeRcu, Kernel> body = (rcu, k) -> {
            RcuNode root = rcu.s.root();
            long flags = rcu.locks.lockIrqsave(k, root);
            if (rcu.s.config.preemptible()) {
                root.setGpTasks(k.current());
            }
            rcu.core.reportUnblockQsRnp(k, root, flags);
        };
        assertWarns(run(2, RcuConfig.preemptibleDefaults(), body),
                "rcu_report_unblock_qs_rnp(): rcu_preempt_blocked_readers_cgp(rcu_node[0])");
        assertWarns(run(2, RcuConfig.nonPreemptibleDefaults(), body),
                "rcu_report_unblock_qs_rnp(): !IS_ENABLED(CONFIG_PREEMPT_RCU)");
    }

    @Test
    void reportQsRdpWarnsWhenRunForAnotherCpu() {
        RunResult r = run((rcu, k) -> rcu.core.reportQsRdp(k, rcu.s.rda[1]));
        assertWarns(r, "rcu_report_qs_rdp(): rdp->cpu != smp_processor_id(): rdp of CPU 1 on CPU 0");
    }

    /** A quiescent state reported for a "grace period" that is not in progress: accelerating asks for a new one. */
    @Test
    void reportQsRdpWarnsWhenAcceleratingWouldStartAGracePeriod() {
        RunResult r = run(2, RcuConfig.nonPreemptibleDefaults(), (rcu, k) -> {
            RcuData rdp = rcu.s.rda[0];
            RcuNode rnp = rdp.mynode;
            long irq = k.localIrqSave(); // no softirq, no tick: nothing else accelerates first
            rcu.callRcu(k, new RcuHead("cb"), kk -> { });
            rcu.locks.lock(k, rnp);
            rnp.setQsmask(rnp.qsmask() | rdp.grpmask);
            rdp.cpuNoQs.set(false);
            rcu.locks.unlock(k, rnp);
            rcu.core.reportQsRdp(k, rdp);
            k.localIrqRestore(irq);
        });
        assertWarns(r, "rcu_report_qs_rdp(): rcu_accelerate_cbs(rnp, rdp) asks to start a grace period on CPU 0");
    }

    @Test
    void cleanupDeadRnpAndInitNewRnpWarnAboutTheStateTheyMustNotSee() {
        // 4 CPUs, leaves of 2: rcu_node[0] is the root of rcu_node[1] and rcu_node[2]
        RcuConfig twoLevels = RcuConfig.preemptibleDefaults().withFanout(2, 2);
        BiConsumer<TreeRcu, Kernel> stillOnline = (rcu, k) -> {
            RcuNode leaf = rcu.s.rda[0].mynode;
            long flags = rcu.locks.lockIrqsave(k, leaf);
            leaf.setQsmaskinit(leaf.qsmaskinitnext()); // as the first ONOFF pass leaves it
            new RcuGpKthread(rcu.s, rcu.locks, rcu.core, rcu.fqs).cleanupDeadRnp(k, leaf);
            rcu.locks.unlockIrqrestore(k, leaf, flags);
        };
        assertWarns(run(4, twoLevels, stillOnline), "rcu_cleanup_dead_rnp(): rcu_node[1]->qsmaskinit 3");
        BiConsumer<TreeRcu, Kernel> parentWaits = (rcu, k) -> {
            RcuNode leaf = rcu.s.rda[0].mynode;
            RcuNode root = rcu.s.root();
            long flags = rcu.locks.lockIrqsave(k, root);
            root.setQsmask(leaf.grpmask);
            rcu.locks.unlock(k, root);
            rcu.locks.lock(k, leaf);
            leaf.setQsmaskinit(0);
            new RcuGpKthread(rcu.s, rcu.locks, rcu.core, rcu.fqs).cleanupDeadRnp(k, leaf);
            rcu.locks.unlockIrqrestore(k, leaf, flags);
        };
        assertWarns(run(4, twoLevels, parentWaits), "rcu_cleanup_dead_rnp(): rcu_node[0]->qsmask 1");
        BiConsumer<TreeRcu, Kernel> readerLeft = (rcu, k) -> {
            RcuNode leaf = rcu.s.rda[0].mynode;
            long flags = rcu.locks.lockIrqsave(k, leaf);
            leaf.checkListWrite();
            leaf.blkdTasks.add(k.current());
            new RcuGpKthread(rcu.s, rcu.locks, rcu.core, rcu.fqs).cleanupDeadRnp(k, leaf);
            rcu.locks.unlockIrqrestore(k, leaf, flags);
        };
        assertWarns(run(4, twoLevels, readerLeft), "rcu_cleanup_dead_rnp(): rcu_preempt_has_tasks(rcu_node[1])");
        BiConsumer<TreeRcu, Kernel> waitsForTasks = (rcu, k) -> {
            RcuNode leaf = rcu.s.rda[0].mynode;
            long flags = rcu.locks.lockIrqsave(k, leaf);
            leaf.setWaitBlkdTasks(true);
            new RcuGpKthread(rcu.s, rcu.locks, rcu.core, rcu.fqs).initNewRnp(k, leaf);
            rcu.locks.unlockIrqrestore(k, leaf, flags);
        };
        assertWarns(run(4, twoLevels, waitsForTasks), "rcu_init_new_rnp(): rcu_node[1]->wait_blkd_tasks");
    }

    @Test
    void seqStartAndEndWarnOnACounterInTheWrongState() {
        assertWarns(run((rcu, k) -> RcuGpKthread.checkSeqStarted(k, RcuSeq.INITIAL, "gp_seq")),
                "rcu_seq_start(): rcu_seq_state(gp_seq) != 1");
        assertWarns(run((rcu, k) -> RcuGpKthread.checkSeqEnding(k, RcuSeq.INITIAL, "barrier_sequence")),
                "rcu_seq_end(): !rcu_seq_state(barrier_sequence)");
        RunResult fine = run((rcu, k) -> {
            RcuGpKthread.checkSeqStarted(k, RcuSeq.start(RcuSeq.INITIAL), "gp_seq");
            RcuGpKthread.checkSeqEnding(k, RcuSeq.start(RcuSeq.INITIAL), "gp_seq");
        });
        assertTrue(fine.passed(), fine.describe());
    }

    /** rcu_do_batch()'s closing checks, on lists whose count, links and segment lengths disagree. */
    @Test
    void doBatchWarnsWhenCountLinksAndSegmentsDisagree() {
        String text = "rcu_do_batch(): count == 0 && !empty";
        // counted 0, one linked
        assertWarns(run((rcu, k) -> {
            RcuSegcblist cbl = new RcuSegcblist();
            cbl.init();
            cbl.enqueue(new RcuHead("a"));
            cbl.addLen(-1);
            RcuCallbacks.checkBatchEnd(k, rcu.s.rda[0], cbl);
        }), text);
        // counted 1 and linked, but in no segment (rcu_segcblist_n_segment_cbs() == 0)
        assertWarns(run((rcu, k) -> {
            RcuSegcblist cbl = new RcuSegcblist();
            cbl.init();
            cbl.enqueue(new RcuHead("b"));
            RcuCallbacks.checkBatchEnd(k, rcu.s.rda[0], broken(cbl));
        }), text);
        RunResult fine = run((rcu, k) -> {
            RcuSegcblist cbl = new RcuSegcblist();
            cbl.init();
            RcuCallbacks.checkBatchEnd(k, rcu.s.rda[0], cbl);
            cbl.enqueue(new RcuHead("d"));
            RcuCallbacks.checkBatchEnd(k, rcu.s.rda[0], cbl);
        });
        assertTrue(fine.passed(), fine.describe());
    }

    /** A list with callbacks linked and counted whose segment lengths were lost (seglen all 0). */
    private static RcuSegcblist broken(RcuSegcblist cbl) {
        RcuCbList rcl = new RcuCbList();
        cbl.extractPendCbs(rcl); // seglen of the waiting segments to 0, callbacks into rcl
        rcl.len = 0; // ... and forget how many there were
        cbl.insertPendCbs(rcl);
        return cbl;
    }

    // ---------------------------------------------------------------- tree_plugin.h

    /** Preempts the current task where it stands (a reader is queued on its leaf's blkd_tasks). */
    private static void preemptHere(Kernel k) {
        k.preemptDisable();
        k.setNeedResched();
        k.preemptEnable();
    }

    @Test
    void noteContextSwitchWarnsAboutAReaderPreemptedOnACpuOfflineForRcu() {
        RunResult r = run((rcu, k) -> {
            RcuData rdp = rcu.s.rda[0];
            long flags = rcu.locks.lockIrqsave(k, rdp.mynode);
            rdp.mynode.setQsmaskinitnext(rdp.mynode.qsmaskinitnext() & ~rdp.grpmask);
            rcu.locks.unlockIrqrestore(k, rdp.mynode, flags);
            rcu.readLock(k);
            preemptHere(k);
            rcu.readUnlock(k);
        });
        assertWarns(r, "rcu_note_context_switch(): !rcu_rdp_cpu_online(rdp)");
    }

    @Test
    void noteContextSwitchWarnsAboutAReaderAlreadyOnABlockedList() {
        RunResult r = run((rcu, k) -> {
            k.current().rcu.setBlockedNode(rcu.s.root());
            rcu.readLock(k);
            preemptHere(k);
            rcu.readUnlock(k);
        });
        assertWarns(r, "rcu_note_context_switch(): !list_empty(&t->rcu_node_entry)");
    }

    @Test
    void ctxtQueueWarnsWhenTheGracePeriodWaitsForACpuNewerThanItsOnoffPass() {
        RunResult r = run((rcu, k) -> {
            RcuData rdp = rcu.s.rda[0];
            RcuNode rnp = rdp.mynode;
            long flags = rcu.locks.lockIrqsave(k, rnp);
            rnp.setQsmaskinit(rnp.qsmaskinit() & ~rdp.grpmask);
            rnp.setQsmask(rnp.qsmask() | rdp.grpmask);
            rcu.locks.unlockIrqrestore(k, rnp, flags);
            rcu.readLock(k);
            preemptHere(k);
            rcu.readUnlock(k);
        });
        assertWarns(r, "rcu_preempt_ctxt_queue(): rnp->qsmaskinitnext & ~rnp->qsmaskinit & rnp->qsmask & rdp->grpmask");
    }

    /** The leaf says this grace period is complete here (completedqs == gp_seq), yet a CPU bit is set. */
    @Test
    void deferredQsWarnsWhenALeafAlreadyCompletedStillWaits() {
        RunResult r = run((rcu, k) -> {
            RcuNode rnp = rcu.s.rda[0].mynode;
            rcu.readLock(k);
            preemptHere(k);
            long flags = rcu.locks.lockIrqsave(k, rnp);
            rnp.setCompletedqs(rnp.gpSeq());
            rnp.setQsmask(rcu.s.rda[1].grpmask);
            rcu.locks.unlockIrqrestore(k, rnp, flags);
            rcu.readUnlock(k);
        });
        assertWarns(r, "rcu_preempt_deferred_qs_irqrestore(): rnp->completedqs == rnp->gp_seq");
    }

    @Test
    void rcuQsWarnsWhenCalledPreemptible() {
        assertWarns(run((rcu, k) -> rcu.core.qs(k)), "rcu_qs() invoked with preemption enabled");
        RunResult fine = run((rcu, k) -> {
            k.preemptDisable();
            rcu.core.qs(k);
            k.preemptEnable();
        });
        assertTrue(fine.passed(), fine.describe());
    }

    // ---------------------------------------------------------------- lockdep assertions

    @Test
    void nodeFunctionsAssertTheirRcuNodeLock() {
        String held = "lockdep_assert_held(rcu_node[0].lock)";
        assertFails(run((rcu, k) -> {
            long f = k.localIrqSave();
            rcu.core.accelerateCbs(k, rcu.s.root(), rcu.s.rda[0]);
            k.localIrqRestore(f);
        }), SimFailure.Kind.LOCKDEP, held);
        assertFails(run((rcu, k) -> {
            long f = k.localIrqSave();
            rcu.core.advanceCbs(k, rcu.s.root(), rcu.s.rda[0]);
            k.localIrqRestore(f);
        }), SimFailure.Kind.LOCKDEP, held);
        assertFails(run((rcu, k) -> {
            long f = k.localIrqSave();
            rcu.core.noteGpChangesLocked(k, rcu.s.root(), rcu.s.rda[0]);
            k.localIrqRestore(f);
        }), SimFailure.Kind.LOCKDEP, held);
        assertFails(run((rcu, k) -> rcu.core.reportQsRnp(k, 1, rcu.s.root(), rcu.s.root().gpSeqPeek(), 0)),
                SimFailure.Kind.LOCKDEP, held);
        assertFails(run((rcu, k) -> rcu.core.reportQsRsp(k, 0)), SimFailure.Kind.LOCKDEP, held);
    }

    @Test
    void callbackListAccessAssertsIrqsOffAndNocbLock() {
        // accelerating with the leaf lock but irqs on cannot happen (the lock disables them), so
        // check rcu_lockdep_assert_cblist_protected() itself and rcu_nocb_lock()
        assertFails(run((rcu, k) -> RcuCore.lockdepAssertCblistProtected(k, rcu.s.rda[0])),
                SimFailure.Kind.LOCKDEP, "lockdep_assert_irqs_disabled()");
        assertFails(run((rcu, k) -> RcuNocb.lock(k, rcu.s.rda[0])),
                SimFailure.Kind.LOCKDEP, "lockdep_assert_irqs_disabled()");
        RunResult offloaded = run(2, RcuConfig.preemptibleDefaults().withNocbCpus("1"), (rcu, k) -> {
            long f = k.localIrqSave();
            RcuCore.lockdepAssertCblistProtected(k, rcu.s.rda[1]);
            k.localIrqRestore(f);
        });
        assertFails(offloaded, SimFailure.Kind.LOCKDEP, "nocb_lock");
    }

    @Test
    void tickContextSwitchAndCpuStartingAssertIrqsOff() {
        assertFails(run((rcu, k) -> rcu.preempt.noteContextSwitch(k, true)), SimFailure.Kind.LOCKDEP,
                "lockdep_assert_irqs_disabled()");
        assertFails(run((rcu, k) -> rcu.schedClockIrq(k, false)), SimFailure.Kind.LOCKDEP,
                "lockdep_assert_irqs_disabled()");
        assertFails(run((rcu, k) -> new RcuHotplug(rcu.s, rcu.locks, rcu.core, rcu.preempt, rcu.exp)
                .reportCpuStarting(k, 1)), SimFailure.Kind.LOCKDEP, "lockdep_assert_irqs_disabled()");
    }
}
