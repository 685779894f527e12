package rcusim.rcu.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import rcusim.kernel.Kernel;
import rcusim.kernel.KernelHooks;
import rcusim.kernel.Simulation;
import rcusim.machine.SimFailure;
import rcusim.kernel.Task;
import rcusim.rcu.RcuHead;
import rcusim.rcu.RcuGpOldstate;
import rcusim.rcu.TreeRcu;

/**
 * rcutorture's checker ({@code kernel/rcu/rcutorture.c}) on the simulator. A writer publishes fresh
 * elements with rcu_assign_pointer(); the element it replaces gets pipe_count 1 and is retired:
 * after each later grace period its pipe_count grows by one, and at {@link #PIPE_LEN} it is
 * freed. A reader inside rcu_read_lock() can only ever see pipe_count 0 or 1 in the element it
 * found: 2 or more means a grace period ended while the reader still held the element (a
 * too-short grace period), which fails the run with rcutorture's "!!!" line. A reader that
 * touches a freed element fails as a use-after-free; mbtest == 0 is rtmbe.
 *
 * <p>Each element is a block of simulated memory: [pipe_count, mbtest].
 *
 * <p>Also rcutorture's cookie checks of the polled grace-period API (a cookie taken in a reader
 * is not done before the reader ends; one taken before a wait is done after it) and its
 * rcu_barrier() test.
 */
public final class RcuTorture implements KernelHooks {
    public static final int PIPE_LEN = 10;
    private static final int PIPE = 0;
    private static final int MBTEST = 1;

    private final TreeRcu rcu;
    private final TortureConfig cfg;
    /** rcu_torture_current: the published element. */
    private long current;
    private long writerDone;
    /** Reader Pipe histogram: how many reads saw each pipe_count. */
    public final long[] readerPipe = new long[PIPE_LEN + 1];
    /** Reader Batch histogram: how many grace periods completed during a read. */
    public final long[] readerBatch = new long[PIPE_LEN + 1];
    public long updates;
    public long callbacksInvoked;
    public long onoffs;
    /** Updates retired through synchronize_rcu_expedited(). */
    public long expSyncs;
    /** How many waits for a grace period the writer made each way (see {@link #WRITER_MODES}). */
    public final long[] writerWaits = new long[WRITER_MODES.length];
    /** Jiffy-long sleeps the stuttering tasks took in stutter_wait(). */
    public long stutterSleeps;
    /** rcu_barrier() tests that passed. */
    public long barrierSuccesses;
    /** rcutorture's writer states for the ways it waits for a grace period, picked at random. */
    public static final String[] WRITER_MODES = {"RTWS_SYNC", "RTWS_EXP_SYNC", "RTWS_COND_GET", "RTWS_COND_GET_FULL", "RTWS_POLL_GET",
        "RTWS_POLL_GET_FULL"};
    /** Jiffies between rcu_barrier() tests (rcutorture sleeps HZ/10; runs here are only a few hundred jiffies). */
    private static final int BARRIER_INTERVAL = 1;
    /** Up to this many accesses (about a jiffy) before each rcu_barrier(). */
    private static final int BARRIER_FUZZ = 1000;
    /** rcutorture's reader naps once its lastsleep (jiffies + 10) has passed. */
    private static final int READER_NAP_EVERY = 10;
    /** barrier_cbs_invoked: counted by the tester's callbacks, in simulated memory. */
    private long barrierCbsInvoked;
    /** stutter_pause_test: set while the stutter kthread pauses the readers, in simulated memory. */
    private long stutterPause;

    private final long seed;
    private long writerProgressJiffies;
    private boolean writerFinished;

    private RcuTorture(TreeRcu rcu, TortureConfig cfg, long seed) {
        this.rcu = rcu;
        this.cfg = cfg;
        this.seed = seed;
    }

    /**
     * Spawns the torture tasks on m (with rcu installed). The run ends when they are all done.
     * seed drives the torture's own choices (which reads are long).
     */
    public static RcuTorture start(Simulation m, TreeRcu rcu, TortureConfig cfg, long seed) {
        RcuTorture t = new RcuTorture(rcu, cfg, seed);
        rcu.setNext(t);
        Kernel k = m.kernel();
        t.current = k.alloc(1);
        t.writerDone = k.alloc(1);
        t.barrierCbsInvoked = k.alloc(1);
        t.stutterPause = k.alloc(1);
        int cpus = k.nrCpus();
        SplittableRandom wr = new SplittableRandom(seed * 31 - 1);
        m.spawnUnbound(0, "rcu_torture_writer", Task.Kind.KTHREAD, kk -> t.writer(kk, wr));
        if (cfg.callRcuWriter()) {
            SplittableRandom fr = new SplittableRandom(seed * 31 - 2);
            m.spawnUnbound(cpus > 1 ? 1 : 0, "rcu_torture_fakewriter", Task.Kind.KTHREAD, kk -> t.callRcuWriter(kk, fr));
        }
        for (int i = 0; i < cfg.readers(); i++) {
            SplittableRandom r = new SplittableRandom(seed * 31 + i);
            m.spawnUnbound(i % cpus, "rcu_torture_reader/" + i, Task.Kind.KTHREAD, kk -> t.reader(kk, r));
        }
        if (cfg.hog()) {
            m.spawnUnbound(0, "rcu_torture_hog", Task.Kind.KTHREAD, t::hog);
        }
        if (cfg.onoffCpus().length > 0 && cfg.onoffCycles() > 0) {
            SplittableRandom r = new SplittableRandom(seed * 31 - 3);
            m.spawn(0, "rcu_torture_onoff", kk -> t.onoff(kk, r));
        }
        if (cfg.stutter() > 0) {
            m.spawnUnbound(cpus > 3 ? 3 : 0, "torture_stutter", Task.Kind.KTHREAD, t::stutter);
        }
        if (cfg.barrier()) {
            SplittableRandom r = new SplittableRandom(seed * 31 - 2);
            m.spawnUnbound(cpus > 2 ? 2 : 0, "rcu_torture_barrier", Task.Kind.KTHREAD, kk -> t.barrierTester(kk, r));
        }
        return t;
    }

    private long newElement(Kernel k) {
        long e = k.alloc(2);
        // plain, as rcutorture's writer initialises an element before publishing it
        k.plainWrite(e + PIPE, 0);
        k.assertExclusiveWriter(e + PIPE);
        k.plainWrite(e + MBTEST, 1);
        return e;
    }

    /**
     * rcu_torture_writer(): after each update the writer waits for a grace period one of the
     * ways rcutorture picks at random when no gp_* parameter narrows the choice
     * (synchronize_rcu(), synchronize_rcu_expedited(), cond_synchronize_rcu() on an earlier
     * cookie, or polling a start_poll_synchronize_rcu() cookie, the last two also in their
     * "full" form), then gives every retired element one more grace period. Cookie checks 1
     * and 2: a cookie taken now is not done yet, and is done once the wait is over.
     */
    private void writer(Kernel k, SplittableRandom r) {
        List<Long> retired = new ArrayList<>();
        for (int i = 0; i < cfg.updates(); i++) {
            long e = newElement(k);
            // xchg(), not a load and a store: the call_rcu writer swaps too, and each element
            // must be retired exactly once, by whoever swapped it out
            long old = k.xchg(current, e);
            updates++;
            if (old != 0) {
                // rcutorture: WRITE_ONCE(old_rp->rtort_pipe_count, old_rp->rtort_pipe_count + 1),
                // the read plain: the writer is its only writer, which the assertion checks
                k.writeOnce(old + PIPE, k.plainRead(old + PIPE) + 1);
                k.assertExclusiveWriter(old + PIPE);
                retired.add(old);
            }
            Cookies taken = cookieCheck1(k);
            int mode = waitForGp(k, r);
            cookieCheck2(k, taken, mode);
            pipeUpdate(k, retired);
            writerProgressJiffies = k.jiffies();
        }
        k.smpStoreRelease(writerDone, 1);
        while (!retired.isEmpty()) {
            rcu.synchronizeRcu(k);
            pipeUpdate(k, retired);
            writerProgressJiffies = k.jiffies();
        }
        writerFinished = true;
    }

    /** The two cookies check 1 takes, for check 2. */
    private record Cookies(long normal, RcuGpOldstate full) {
    }

    /** Cookie check 1: inside a reader, a fresh cookie cannot be done. Returns both cookies for check 2. */
    private Cookies cookieCheck1(Kernel k) {
        rcu.readLock(k);
        long cookie = rcu.getStateSynchronizeRcu(k);
        RcuGpOldstate cookieFull = rcu.getStateSynchronizeRcuFull(k);
        if (rcu.pollStateSynchronizeRcu(k, cookie) || rcu.pollStateSynchronizeRcuFull(k, cookieFull)) {
            throw new SimFailure(SimFailure.Kind.RCU, "rcu_torture: Cookie check 1 failed: a cookie just taken in"
                    + " a reader (" + cookie + ") polls as done");
        }
        rcu.readUnlock(k);
        return new Cookies(cookie, cookieFull);
    }

    /**
     * Cookie check 2: once the wait is over, the cookies it guarantees are done. Each wait
     * guarantees its own kind: synchronize_rcu() both (its callback ran after cleanup ended
     * gp_seq_polled and the root's gp_seq); a wait on a normal cookie the normal one only (it ends
     * with gp_seq_polled, which cleanup ends just before the root's gp_seq, so a full cookie can
     * still be pending for a moment, in the kernel too); an expedited grace period or a wait on a
     * full cookie the full one only (the normal API does not see expedited grace periods).
     */
    private void cookieCheck2(Kernel k, Cookies c, int mode) {
        boolean normal = mode == 0 || mode == 2 || mode == 4;
        boolean full = mode == 0 || mode == 1 || mode == 3 || mode == 5;
        if (normal && !rcu.pollStateSynchronizeRcu(k, c.normal())) {
            throw new SimFailure(SimFailure.Kind.RCU, "rcu_torture: Cookie check 2 failed: "
                    + "poll_state_synchronize_rcu() says the grace period of cookie " + c.normal()
                    + " has not ended after the writer waited for one (" + WRITER_MODES[mode] + ")");
        }
        if (full && !rcu.pollStateSynchronizeRcuFull(k, c.full())) {
            throw new SimFailure(SimFailure.Kind.RCU, "rcu_torture: Cookie check 2 failed: "
                    + "poll_state_synchronize_rcu_full() says the grace period of cookie " + c.full()
                    + " has not ended after the writer waited for one (" + WRITER_MODES[mode] + ")");
        }
    }

    /** One wait for a grace period, the way r picks; returns which (an index of WRITER_MODES). */
    private int waitForGp(Kernel k, SplittableRandom r) {
        // half synchronous (normal or expedited), half through cookies
        int mode = r.nextBoolean() ? r.nextInt(2) : 2 + r.nextInt(WRITER_MODES.length - 2);
        writerWaits[mode]++;
        switch (mode) {
            case 0 -> rcu.synchronizeRcu(k);
            case 1 -> {
                rcu.synchronizeRcuExpedited(k);
                expSyncs++;
            }
            case 2, 3 -> {
                long cookie = mode == 2 ? rcu.getStateSynchronizeRcu(k) : 0;
                RcuGpOldstate cookieFull = mode == 3 ? rcu.getStateSynchronizeRcuFull(k) : null;
                int nap = r.nextInt(3);
                if (nap > 0) {
                    k.scheduleTimeoutInterruptible(nap);
                }
                if (cookieFull != null) {
                    rcu.condSynchronizeRcuFull(k, cookieFull);
                } else {
                    rcu.condSynchronizeRcu(k, cookie);
                }
            }
            case 4 -> {
                long cookie = rcu.startPollSynchronizeRcu(k);
                while (!rcu.pollStateSynchronizeRcu(k, cookie)) {
                    k.scheduleTimeoutInterruptible(1);
                }
            }
            default -> {
                RcuGpOldstate cookie = rcu.startPollSynchronizeRcuFull(k);
                while (!rcu.pollStateSynchronizeRcuFull(k, cookie)) {
                    k.scheduleTimeoutInterruptible(1);
                }
            }
        }
        return mode;
    }

    /** The writer's watchdog, on every tick: rcutorture's "??? Writer stall state". */
    @Override
    public void schedClockIrq(Kernel k, boolean user) {
        if (!writerFinished && writerProgressJiffies != 0
                && k.jiffies() - writerProgressJiffies > cfg.writerStallJiffies()) {
            throw new SimFailure(SimFailure.Kind.RCU, "rcu_torture: ??? Writer stall state: no update for "
                    + (k.jiffies() - writerProgressJiffies) + " jiffies (" + rcu.flavor() + " completed "
                    + rcu.gpsCompleted(k) + " grace periods)");
        }
    }

    /** A CPU-bound task: quiescent states only through cond_resched() and preemption. */
    private void hog(Kernel k) {
        long x = k.alloc(1);
        while (k.readOnce(writerDone) == 0) {
            for (int i = 0; i < 50; i++) {
                k.writeOnce(x, k.readOnce(x) + 1);
            }
            k.condResched();
        }
    }

    /** rcu_torture_pipe_update(): one more grace period for every retired element; free the old ones. */
    private static void pipeUpdate(Kernel k, List<Long> retired) {
        for (int i = 0; i < retired.size(); i++) {
            long e = retired.get(i);
            long p = k.readOnce(e + PIPE) + 1;
            k.writeOnce(e + PIPE, p);
            k.assertExclusiveWriter(e + PIPE);
            if (p >= PIPE_LEN) {
                // plain, as in rcutorture: no reader can still hold the element (grace periods)
                k.plainWrite(e + MBTEST, 0);
                k.free(e);
                retired.remove(i--);
            }
        }
    }

    /**
     * A second writer whose elements go through call_rcu(): the callback requeues itself. Like
     * rcutorture's fake writers, it sometimes also waits for an expedited grace period it does
     * not need, so that expedited grace periods are requested concurrently (the funnel).
     */
    private void callRcuWriter(Kernel k, SplittableRandom r) {
        for (int i = 0; i < cfg.updates() && k.readOnce(writerDone) == 0; i++) {
            long e = newElement(k);
            long old = k.xchg(current, e);
            updates++;
            if (old != 0) {
                k.writeOnce(old + PIPE, k.plainRead(old + PIPE) + 1);
                k.assertExclusiveWriter(old + PIPE);
                RcuHead head = new RcuHead("rcu_torture_cb(" + old + ")");
                rcu.callRcu(k, head, kk -> torture_cb(kk, head, old));
            }
            if (r.nextInt(4) == 0) {
                rcu.synchronizeRcuExpedited(k);
            }
            k.scheduleTimeoutInterruptible(1);
            stutterWait(k);
        }
    }

    /** rcu_torture_cb(): one grace period more; requeue until PIPE_LEN, then free. */
    private void torture_cb(Kernel k, RcuHead head, long e) {
        callbacksInvoked++;
        long p = k.readOnce(e + PIPE) + 1;
        k.writeOnce(e + PIPE, p);
        k.assertExclusiveWriter(e + PIPE);
        if (p >= PIPE_LEN) {
            k.plainWrite(e + MBTEST, 0);
            k.free(e);
        } else {
            rcu.callRcu(k, head, kk -> torture_cb(kk, head, e));
        }
    }

    /**
     * torture_stutter(): alternately runs and pauses the stuttering tasks, cfg.stutter() jiffies
     * each, until the writer is done. (The kernel ends each pause with two jiffies in which the
     * paused tasks spin instead of sleeping; here they sleep throughout, which is what idles
     * their CPUs.)
     */
    private void stutter(Kernel k) {
        while (k.readOnce(writerDone) == 0) {
            k.writeOnce(stutterPause, 1);
            k.scheduleTimeoutInterruptible(cfg.stutter());
            k.writeOnce(stutterPause, 0);
            if (k.readOnce(writerDone) == 0) {
                k.scheduleTimeoutInterruptible(cfg.stutter());
            }
        }
    }

    /** stutter_wait(): while the stutter kthread pauses the test, sleep a jiffy at a time. */
    private void stutterWait(Kernel k) {
        if (cfg.stutter() == 0) {
            return;
        }
        while (k.readOnce(stutterPause) != 0 && k.readOnce(writerDone) == 0) {
            stutterSleeps++;
            k.scheduleTimeoutInterruptible(1);
        }
    }

    /**
     * rcu_torture_reader(): reads with checks until the writer is done. Like rcutorture's reader it
     * naps for a moment (torture_hrtimeout_us(500, 1000), a jiffy here) at most every
     * {@link #READER_NAP_EVERY} jiffies, so that its wake-up places it anew: readers do not stay on
     * the CPUs they were spawned on, and a CPU that came back from hotplug gets readers again.
     */
    private void reader(Kernel k, SplittableRandom r) {
        long lastSleep = k.jiffies() + READER_NAP_EVERY;
        for (int i = 0; i < cfg.readerLoops() && k.readOnce(writerDone) == 0; i++) {
            stutterWait(k);
            if (k.jiffies() - lastSleep > 0) {
                k.scheduleTimeoutInterruptible(1);
                lastSleep = k.jiffies() + READER_NAP_EVERY;
            }
            boolean longRead = cfg.longReadEvery() > 0 && r.nextInt(cfg.longReadEvery()) == 0;
            int delay = longRead ? cfg.readDelay() * 1000 : cfg.readDelay();
            long gpsBefore = rcu.gpsCompleted(k);
            rcu.readLock(k);
            long cookie = rcu.getStateSynchronizeRcu(k);
            long p = k.rcuDereference(current);
            if (p == 0) {
                rcu.readUnlock(k);
                k.condResched();
                continue;
            }
            // plain, as rcutorture's reader tests p->rtort_mbtest
            if (k.plainRead(p + MBTEST) == 0) {
                throw new SimFailure(SimFailure.Kind.RCU, "rcu_torture: rtmbe: a reader saw mbtest == 0 in an element"
                        + " it had just found (the element was retired and poisoned under it)");
            }
            for (int d = 0; d < delay; d++) {
                k.readOnce(p + MBTEST);
            }
            long pipe = Math.min(PIPE_LEN, k.readOnce(p + PIPE));
            if (rcu.pollStateSynchronizeRcu(k, cookie)) {
                throw new SimFailure(SimFailure.Kind.RCU, "rcu_torture: Cookie check 3 failed: the grace period of"
                        + " cookie " + cookie + ", taken inside this reader, ended before the reader did");
            }
            rcu.readUnlock(k);
            readerPipe[(int) pipe]++;
            int batch = (int) Math.min(PIPE_LEN, rcu.gpsCompleted(k) - gpsBefore);
            readerBatch[batch]++;
            k.count("rcu_torture: Reader Pipe[" + pipe + "]", 1);
            k.count("rcu_torture: Reader Batch[" + batch + "]", 1);
            if (pipe > 1) {
                throw new SimFailure(SimFailure.Kind.RCU, "rcu_torture: !!! Reader Pipe: " + histogram(readerPipe)
                        + "\n  a reader saw pipe_count " + pipe + " inside its read-side critical section:"
                        + " a grace period ended while it still held the element (too-short grace period)");
            }
            k.condResched();
        }
    }

    /**
     * rcu_torture_barrier() and its rcu_torture_barrier_cbs() helpers: queue one callback on every
     * online CPU (from an IPI on that CPU), call rcu_barrier(), and check that every one of them
     * has been invoked; rcutorture's "barrier_cbs_invoked != n_barrier_cbs" fails the run.
     */
    private void barrierTester(Kernel k, SplittableRandom r) {
        int cpus = k.nrCpus();
        RcuHead[] heads = new RcuHead[cpus];
        for (int c = 0; c < cpus; c++) {
            heads[c] = new RcuHead("rcu_torture_barrier_cbf/" + c);
        }
        while (k.readOnce(writerDone) == 0) {
            k.atomicSet(barrierCbsInvoked, 0);
            int queued = 0;
            for (int cpu = 0; cpu < cpus; cpu++) {
                if (!k.cpuOnline(cpu)) {
                    continue;
                }
                RcuHead h = heads[cpu];
                // -ENXIO when the CPU went offline meanwhile: nothing queued there
                if (k.smpCallFunctionSingle(cpu, kk -> rcu.callRcu(kk, h, kc -> kc.atomicInc(barrierCbsInvoked)), true) == 0) {
                    queued++;
                }
            }
            // let the callbacks be tagged with their grace period (so a barrier callback lands
            // in the WAIT segment, not behind untagged ones), then start at a random point of
            // the jiffy (rcutorture fuzzes its timeouts too), not just after the tick that woke
            // us, when CPU hotplug acts as well
            k.scheduleTimeoutInterruptible(1);
            for (int d = r.nextInt(BARRIER_FUZZ); d > 0; d--) {
                k.readOnce(barrierCbsInvoked);
            }
            rcu.rcuBarrier(k);
            long invoked = k.atomicRead(barrierCbsInvoked);
            if (invoked != queued) {
                throw new SimFailure(SimFailure.Kind.RCU, "rcu_torture: rcu_barrier() returned before all callbacks were"
                        + " invoked: barrier_cbs_invoked = " + invoked + ", n_barrier_cbs = " + queued);
            }
            barrierSuccesses++;
            k.scheduleTimeoutInterruptible(BARRIER_INTERVAL);
        }
    }

    /**
     * rcu_torture_onoff() (torture_onoff()): after onoff_holdoff, every onoff_interval jiffies it
     * picks one of the hotplug CPUs at random and toggles it: down if online, up if offline. So
     * several CPUs can be offline at once and a leaf can lose all its CPUs; two downs in a row are
     * as close as the kernel lets them be (cpu_down() is serialised by cpu_hotplug_lock, and each
     * one waits for a grace period in sched_cpu_deactivate(), so one ONOFF pass lies between them).
     * At the end the CPUs still offline come back, so that the run ends as it began.
     */
    private void onoff(Kernel k, SplittableRandom r) {
        int[] cpus = java.util.Arrays.stream(cfg.onoffCpus()).filter(c -> c < k.nrCpus()).toArray();
        if (cpus.length == 0) {
            return;
        }
        if (cfg.onoffHoldoff() > 0) {
            k.scheduleTimeoutInterruptible(cfg.onoffHoldoff());
        }
        int ops = 2 * cfg.onoffCycles() * cpus.length;
        for (int i = 0; i < ops && k.readOnce(writerDone) == 0; i++) {
            int cpu = cpus[r.nextInt(cpus.length)];
            if (k.cpuOnline(cpu)) {
                k.cpuDown(cpu);
            } else {
                k.cpuUp(cpu);
            }
            onoffs++;
            k.scheduleTimeoutInterruptible(cfg.onoffInterval());
        }
        for (int cpu : cpus) {
            if (!k.cpuOnline(cpu)) {
                k.cpuUp(cpu);
                onoffs++;
            }
        }
    }

    public static String histogram(long[] h) {
        StringBuilder sb = new StringBuilder();
        for (long v : h) {
            sb.append(v).append(' ');
        }
        return sb.toString().trim();
    }
}
