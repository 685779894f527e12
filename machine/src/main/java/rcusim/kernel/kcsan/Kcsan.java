package rcusim.kernel.kcsan;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.Simulation;
import rcusim.kernel.SyncListener;
import rcusim.kernel.SyncPoint;
import rcusim.kernel.Task;
import rcusim.machine.AccessKind;
import rcusim.machine.AccessListener;
import rcusim.machine.Context;
import rcusim.machine.Ordering;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemorySystem;

/**
 * A data-race detector at KCSAN's level of meaning, following LKMM's definition: two
 * conflicting accesses (same location, different contexts, at least one a write, at least one
 * plain) not ordered by happens-before. Unlike KCSAN, which samples one watchpoint at a time,
 * it sees every access and decides with vector clocks, so a race in a run is always found.
 *
 * <p>Happens-before comes from the simulation's synchronisation: a marked store carries the
 * clock of its context's last release point (a release store or RMW, smp_wmb(), smp_mb(),
 * an unlock), and a marked read that reads it takes that clock at once when it is an acquire
 * (smp_load_acquire(), a lock, an acquire or full RMW, or a read of a pointer, which heads an
 * address dependency) and otherwise at the reader's next smp_rmb(), smp_mb() or acquire; RMWs
 * pass on the clock they read (release sequences). Outside memory: task creation, context
 * switches on a CPU, wake-ups and wait queues (hence completions), and interrupts: a hardirq
 * sees what the task it interrupted did up to its last compiler barrier, and the task sees
 * what the hardirq did from its next one (a plain access between two barriers may be split or
 * moved by a compiler, so an interrupt can land inside it). RCU grace periods order readers and
 * updaters through Tree RCU's own locks and barriers, which the detector sees like any code's.
 * See docs/kcsan.md for where this approximates LKMM.
 *
 * <p>The first race fails the run ({@link SimFailure.Kind#DATA_RACE}) with KCSAN's report;
 * its title names the two sites, sorted, so a campaign counts each pair of sites once.
 */
public final class Kcsan implements AccessListener, SyncListener {
    private final KcsanOptions options;
    private final MemorySystem mem;
    private final List<ContextState> contexts = new ArrayList<>();
    private ContextState[] irqSlots;
    /** Per CPU: the clock its last switched-out task left (the run-queue lock's release). */
    private VectorClock[] cpuClock;
    private Shadow[] shadow = new Shadow[256];

    private Kcsan(KcsanOptions options, MemorySystem mem, int cpus) {
        this.options = options;
        this.mem = mem;
        this.irqSlots = new ContextState[cpus];
        this.cpuClock = new VectorClock[cpus];
    }

    /** Installs a detector with these options on m; before its run. */
    public static Kcsan install(Simulation m, KcsanOptions options) {
        Kcsan k = new Kcsan(options, m.memory(), m.config().cpus());
        m.setRaceDetector(k, k);
        return k;
    }

    public KcsanOptions options() {
        return options;
    }

    // ---------------------------------------------------------------- contexts

    private ContextState state(Context ctx) {
        Object s = ctx.raceState;
        if (s != null) {
            return (ContextState) s;
        }
        ContextState st;
        if (SyncListener.isHardirq(ctx)) {
            int cpu = ctx.cpu().id;
            st = irqSlots[cpu];
            if (st == null) {
                st = newState("interrupt");
                irqSlots[cpu] = st;
            }
        } else {
            st = taskState(SyncListener.taskOf(ctx));
        }
        ctx.raceState = st;
        return st;
    }

    private ContextState taskState(Task t) {
        if (t.raceState == null) {
            t.raceState = newState("task " + t.pid() + " (" + t.comm() + ")");
        }
        return (ContextState) t.raceState;
    }

    private ContextState newState(String who) {
        ContextState s = new ContextState(contexts.size(), who);
        contexts.add(s);
        return s;
    }

    private Shadow shadow(int loc) {
        if (loc >= shadow.length) {
            shadow = java.util.Arrays.copyOf(shadow, Math.max(loc + 1, shadow.length * 2));
        }
        Shadow s = shadow[loc];
        if (s == null) {
            s = new Shadow();
            shadow[loc] = s;
        }
        return s;
    }

    // ---------------------------------------------------------------- memory accesses

    @Override
    public void access(Context ctx, int cpu, AccessKind kind, int loc, long value, long old, Ordering ordering) {
        ContextState s = state(ctx);
        switch (kind) {
            case MB -> {
                s.barrier();
                s.acquirePending();
                s.release();
            }
            case RMB -> {
                s.barrier();
                s.acquirePending();
            }
            case WMB -> {
                s.barrier();
                s.release();
            }
            case FREE -> s.barrier();
            case PLAIN_READ -> check(s, ctx, cpu, loc, Access.READ, true, "read", value, value);
            case READ, READ_ACQUIRE -> {
                Shadow sh = shadow(loc);
                VectorClock sync = sh.syncOf(value);
                if (kind == AccessKind.READ_ACQUIRE) {
                    s.barrier();
                    s.acquirePending();
                    s.join(sync);
                } else if (isPointer(value)) {
                    // an address dependency orders the accesses through the pointer after it
                    s.join(sync);
                } else {
                    s.addPending(sync);
                }
                check(s, ctx, cpu, loc, Access.READ, false, kind == AccessKind.READ ? "READ_ONCE" : "smp_load_acquire",
                        value, value);
            }
            case PLAIN_WRITE -> {
                check(s, ctx, cpu, loc, Access.WRITE, !options.plainWritesAtomic(), "write", value, old);
                shadow(loc).stored(value, null);
            }
            case WRITE -> {
                check(s, ctx, cpu, loc, Access.WRITE, false, "WRITE_ONCE", value, old);
                shadow(loc).stored(value, s.releaseSnapshot);
            }
            case WRITE_RELEASE -> {
                s.barrier();
                VectorClock snap = s.release();
                check(s, ctx, cpu, loc, Access.WRITE, false, "smp_store_release", value, old);
                shadow(loc).stored(value, snap);
            }
            case RMW, RMW_FAILED, LOCK, TRYLOCK_FAILED, UNLOCK -> atomic(s, ctx, cpu, kind, loc, value, old, ordering);
        }
    }

    private void atomic(ContextState s, Context ctx, int cpu, AccessKind kind, int loc, long value, long old,
            Ordering ordering) {
        s.barrier();
        Shadow sh = shadow(loc);
        VectorClock read = kind.reads() ? sh.syncOf(old) : null;
        boolean wrote = kind.writes();
        boolean acquire = kind == AccessKind.LOCK
                || (kind == AccessKind.RMW && (ordering == Ordering.ACQUIRE || ordering == Ordering.FULL));
        boolean release = kind == AccessKind.UNLOCK
                || (kind == AccessKind.RMW && (ordering == Ordering.RELEASE || ordering == Ordering.FULL));
        if (acquire) {
            s.acquirePending();
            s.join(read);
        } else {
            s.addPending(read);
        }
        VectorClock snap = release ? s.release() : s.releaseSnapshot;
        String op = switch (kind) {
            case LOCK, TRYLOCK_FAILED -> "spin_lock";
            case UNLOCK -> "spin_unlock";
            default -> "atomic";
        };
        if (kind == AccessKind.RMW || kind == AccessKind.RMW_FAILED) {
            // lock words are only ever used by lock operations, all marked: nothing to check
            check(s, ctx, cpu, loc, wrote ? Access.WRITE : Access.READ, false, op, value, old);
        }
        if (wrote) {
            // an RMW continues the release sequence of the store it read
            sh.stored(value, kind == AccessKind.RMW ? VectorClock.joined(snap, read) : kind == AccessKind.UNLOCK ? snap : null);
        }
    }

    private boolean isPointer(long v) {
        int l = Address.locationOf(v);
        return l >= 0 && mem.exists(l);
    }

    // ---------------------------------------------------------------- the race check

    /** Checks an access against the shadow of loc, then records it. */
    private void check(ContextState s, Context ctx, int cpu, int loc, int type, boolean plain, String op, long value,
            long old) {
        if (ctx.inDataRace()) {
            return;
        }
        Shadow sh = shadow(loc);
        boolean write = type == Access.WRITE;
        s.accessed();
        Site site = plain ? (ctx.siteHint != null ? Site.named(ctx.siteHint) : Site.here()) : Site.marked(op);
        SeqSection seq = plain && !write ? s.seq : null;
        Access w = sh.write;
        if (w != null && concurrent(s, w) && conflict(w, write, plain, type, -1L, value, old)) {
            race(w, current(s, type, plain, -1L, op, site, cpu, value, old, seq), loc);
        }
        for (int i = 0; i < sh.nreads; i++) {
            Access r = sh.reads[i];
            if ((write || r.type == Access.ASSERT_ACCESS) && concurrent(s, r)
                    && conflict(r, write, plain, type, -1L, value, old)) {
                race(r, current(s, type, plain, -1L, op, site, cpu, value, old, seq), loc);
            }
        }
        if (write) {
            sh.clearReads();
            if (w == null) {
                w = new Access();
                sh.write = w;
            }
            w.set(s.id, s.epoch(), Access.WRITE, plain, -1L, op, site, cpu, s.who, value, old, null);
        } else {
            sh.readSlot(s.id, plain, Access.READ).set(s.id, s.epoch(), Access.READ, plain, -1L, op, site, cpu, s.who,
                    value, value, seq);
        }
    }

    private Access current(ContextState s, int type, boolean plain, long mask, String op, Site site, int cpu,
            long value, long old, SeqSection seq) {
        Access a = new Access();
        a.set(s.id, s.epoch(), type, plain, mask, op, site, cpu, s.who, value, old, seq);
        return a;
    }

    /** Whether the recorded access a is not ordered before what context s does now. */
    private static boolean concurrent(ContextState s, Access a) {
        return a.ctx != s.id && a.epoch > s.vc.get(a.ctx);
    }

    /**
     * Whether a recorded access a and the current one (type, write, plain, value written over
     * old) conflict as a race: an ASSERT_EXCLUSIVE_*() point against the accesses it excludes,
     * or two accesses of which one writes and one is plain.
     */
    private boolean conflict(Access a, boolean write, boolean plain, int type, long mask, long value, long old) {
        boolean curAssert = type == Access.ASSERT_WRITER || type == Access.ASSERT_ACCESS;
        if (a.isAssert() && curAssert) {
            return false;
        }
        if (a.isAssert()) {
            return a.type == Access.ASSERT_ACCESS || write && (a.mask == -1L || ((value ^ old) & a.mask) != 0);
        }
        if (curAssert) {
            return type == Access.ASSERT_ACCESS || a.writes() && (mask == -1L || ((a.value ^ a.old) & mask) != 0);
        }
        if (!(write || a.writes()) || !(plain || a.plain)) {
            return false;
        }
        if (options.valueChangeOnly()) {
            Access wr = a.writes() ? a : null;
            boolean unchanged = wr != null ? wr.value == wr.old : value == old;
            if (unchanged) {
                return false;
            }
        }
        return true;
    }

    /** A race between an earlier access and the current one: reported now, or when a seqcount section decides. */
    private void race(Access earlier, Access now, int loc) {
        String report = RaceReport.format(earlier, now, loc);
        SeqSection seq = now.seq != null ? now.seq : earlier.seq;
        if (seq != null) {
            if (seq.open) {
                if (seq.pending.isEmpty()) {
                    seq.pending.add(report);
                }
                return;
            }
            if (seq.retried) {
                return;
            }
        }
        throw new SimFailure(SimFailure.Kind.DATA_RACE, report);
    }

    // ---------------------------------------------------------------- the kernel's synchronisation

    @Override
    public void taskCreated(Context ctx, Task child) {
        ContextState c = taskState(child);
        if (ctx != null) {
            ContextState p = state(ctx);
            c.join(p.vc);
            p.tick();
        }
    }

    @Override
    public void irqEntered(int cpu, Context interrupted, Context irq) {
        ContextState i = state(irq);
        i.barrier();
        if (interrupted != null) {
            ContextState t = state(interrupted);
            // what the interrupted context did since its last compiler barrier may still be in flight
            i.joinCapped(t.vc, t.id, t.epoch() - 1);
        }
    }

    @Override
    public void irqExited(int cpu, Context irq, Context resumed) {
        ContextState i = state(irq);
        VectorClock snap = i.release();
        if (resumed != null) {
            ContextState t = state(resumed);
            if (t != i) {
                if (t.irqPending == null) {
                    t.irqPending = snap.copy();
                } else {
                    t.irqPending.join(snap);
                }
            }
        }
    }

    @Override
    public void switched(int cpu, Task prev, Task next) {
        if (prev != null && prev != next) {
            ContextState p = taskState(prev);
            p.barrier();
            VectorClock c = cpuClock[cpu];
            if (c == null) {
                cpuClock[cpu] = p.vc.copy();
            } else {
                c.join(p.vc);
            }
            p.tick();
        }
        if (next != null && next != prev) {
            ContextState n = taskState(next);
            n.join(cpuClock[cpu]);
            acquire(n, next.wakeSync);
            n.barrier();
        }
    }

    @Override
    public void release(Context ctx, SyncPoint key) {
        ContextState s = state(ctx);
        if (key.raceState == null) {
            key.raceState = s.vc.copy();
        } else {
            ((VectorClock) key.raceState).join(s.vc);
        }
        s.tick();
    }

    @Override
    public void acquire(Context ctx, SyncPoint key) {
        acquire(state(ctx), key);
    }

    private static void acquire(ContextState s, SyncPoint key) {
        if (key.raceState != null) {
            s.join((VectorClock) key.raceState);
        }
    }

    @Override
    public void compilerBarrier(Context ctx) {
        state(ctx).barrier();
    }

    @Override
    public void assertExclusive(Context ctx, int cpu, int loc, boolean access, long mask, String what) {
        ContextState s = state(ctx);
        Shadow sh = shadow(loc);
        int type = access ? Access.ASSERT_ACCESS : Access.ASSERT_WRITER;
        Site site = Site.here();
        Access me = current(s, type, false, mask, what, site, cpu, 0, 0, null);
        Access w = sh.write;
        if (w != null && concurrent(s, w) && conflict(w, access, false, type, mask, 0, 0)) {
            race(w, me, loc);
        }
        if (access) {
            for (int i = 0; i < sh.nreads; i++) {
                Access r = sh.reads[i];
                if (!r.isAssert() && concurrent(s, r)) {
                    race(r, me, loc);
                }
            }
        }
        sh.readSlot(s.id, false, type).set(s.id, s.epoch(), type, false, mask, what, site, cpu, s.who, 0, 0, null);
    }

    @Override
    public void seqReadBegin(Context ctx) {
        state(ctx).seq = new SeqSection();
    }

    @Override
    public void seqReadEnd(Context ctx, boolean retry) {
        ContextState s = state(ctx);
        SeqSection q = s.seq;
        if (q == null) {
            return;
        }
        s.seq = null;
        q.open = false;
        q.retried = retry;
        if (!retry && !q.pending.isEmpty()) {
            throw new SimFailure(SimFailure.Kind.DATA_RACE, q.pending.get(0));
        }
    }
}
