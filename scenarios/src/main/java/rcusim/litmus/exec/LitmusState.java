package rcusim.litmus.exec;

import java.util.Arrays;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.LongArrayBuilder;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemorySystem;

/**
 * One state of a litmus execution on the simulated machine: the memory system plus each
 * process's program counter, registers and RCU/SRCU bookkeeping. Processes run on CPUs of
 * the same number.
 *
 * <p><b>Litmus-level RCU.</b> synchronize_rcu() is a full barrier, then a grace period that
 * ends once every CPU has passed a quiescent state, then a full barrier. A CPU passes one
 * (an option offered to the explorer) only outside a read-side critical section and with an
 * empty store buffer, and passing it applies its invalidate queue: in Tree RCU the report
 * goes through the rcu_node locks, which order the CPU's earlier accesses before the grace
 * period's end and its later ones after the grace period's start. rcu_read_lock() and
 * rcu_read_unlock() order nothing themselves.
 *
 * <p><b>Litmus-level SRCU.</b> Each srcu_struct has an index and two reader counts, as SRCU
 * does: srcu_read_lock() counts the reader under the current index and is followed by a full
 * barrier, srcu_read_unlock() is preceded by one; synchronize_srcu() waits for the other
 * index's readers, flips the index, and waits for the old index's readers, with full barriers
 * at both ends.
 */
final class LitmusState {
    /** Values kept per location; litmus tests store far fewer, so no stale read is lost. */
    private static final int STALE_WINDOW = 16;

    private final LitmusProgram program;
    private final MemorySystem mem;
    private final int procs;
    private final int[] pc;
    private final long[][] regs;
    private final int[] rcuNesting;
    /** Per process: CPUs that still owe a quiescent state to the grace period it waits for. */
    private final long[] gpPending;
    private final boolean[] gpActive;
    private final int[] srcuStartIdx;
    /** Per location (as srcu_struct): current index, readers on index 0, readers on index 1. */
    private final int[] srcu;
    /** Per location (as spinlock): the holding CPU, or -1. */
    private final int[] lockOwner;

    LitmusState(LitmusProgram program, MemoryModel model) {
        this.program = program;
        this.procs = program.processes().size();
        this.mem = new MemorySystem(model, procs, STALE_WINDOW);
        for (long v : program.locationInit()) {
            mem.allocate(1, v);
        }
        pc = new int[procs];
        regs = new long[procs][];
        for (int t = 0; t < procs; t++) {
            LitmusProgram.Process p = program.processes().get(t);
            regs[t] = Arrays.copyOf(p.registerInit(), p.registers().size());
        }
        rcuNesting = new int[procs];
        gpPending = new long[procs];
        gpActive = new boolean[procs];
        srcuStartIdx = new int[procs];
        int locs = program.locations().size();
        srcu = new int[locs * 3];
        lockOwner = new int[locs];
        Arrays.fill(lockOwner, -1);
        for (int t = 0; t < procs; t++) {
            advance(t);
        }
    }

    private LitmusState(LitmusState o) {
        program = o.program;
        procs = o.procs;
        mem = o.mem.copy();
        pc = o.pc.clone();
        regs = new long[procs][];
        for (int t = 0; t < procs; t++) {
            regs[t] = o.regs[t].clone();
        }
        rcuNesting = o.rcuNesting.clone();
        gpPending = o.gpPending.clone();
        gpActive = o.gpActive.clone();
        srcuStartIdx = o.srcuStartIdx.clone();
        srcu = o.srcu.clone();
        lockOwner = o.lockOwner.clone();
    }

    LitmusState copy() {
        return new LitmusState(this);
    }

    int processes() {
        return procs;
    }

    MemorySystem memory() {
        return mem;
    }

    long register(int proc, int reg) {
        return regs[proc][reg];
    }

    boolean done(int t) {
        return pc[t] == code(t).length;
    }

    boolean allDone() {
        for (int t = 0; t < procs; t++) {
            if (!done(t)) {
                return false;
            }
        }
        return true;
    }

    private Insn[] code(int t) {
        return program.processes().get(t).code();
    }

    // ---------------------------------------------------------------- options

    /** How many ways process t can step now: 0 if it cannot, >1 for a load with stale values. */
    int stepWidth(int t) {
        if (done(t)) {
            return 0;
        }
        Insn insn = code(t)[pc[t]];
        return switch (insn) {
            case Insn.Load l -> {
                int loc = location(t, l.addr(), l);
                yield mem.readableCount(t, loc);
            }
            case Insn.Fence f -> f.kind() == Insn.FenceKind.MB && !mem.storeBufferEmpty(t) ? 0 : 1;
            case Insn.Rmw r -> mem.rmwReady(t, location(t, r.addr(), r), r.op(), r.a().eval(regs[t]), r.b().eval(regs[t]),
                    r.ordering()) ? 1 : 0;
            case Insn.Lock l -> {
                int loc = location(t, l.addr(), l);
                yield mem.lockReady(t, loc) && mem.latestValue(loc) == 0 ? 1 : 0;
            }
            case Insn.Trylock l -> mem.lockReady(t, location(t, l.addr(), l)) ? 1 : 0;
            case Insn.SyncRcuStart s -> rcuNesting[t] == 0 && mem.storeBufferEmpty(t) ? 1 : 0;
            case Insn.SyncRcuWait s -> gpPending[t] == 0 ? 1 : 0;
            case Insn.SrcuLock s -> mem.storeBufferEmpty(t) ? 1 : 0;
            case Insn.SrcuUnlock s -> mem.storeBufferEmpty(t) ? 1 : 0;
            case Insn.SyncSrcu s -> switch (s.phase()) {
                case 0 -> mem.storeBufferEmpty(t) ? 1 : 0;
                case 1 -> srcu[domain(t, s) * 3 + 2 - srcuStartIdx[t]] == 0 ? 1 : 0;
                default -> srcu[domain(t, s) * 3 + 1 + srcuStartIdx[t]] == 0 ? 1 : 0;
            };
            default -> 1;
        };
    }

    /** Whether CPU t may report a quiescent state to the grace period process g waits for. */
    boolean canReportQs(int g, int t) {
        return gpActive[g] && (gpPending[g] & (1L << t)) != 0 && rcuNesting[t] == 0 && mem.storeBufferEmpty(t);
    }

    boolean gpActive(int g) {
        return gpActive[g];
    }

    // ---------------------------------------------------------------- transitions

    void drain(int t, int k) {
        mem.drain(t, k);
    }

    void reportQs(int g, int t) {
        mem.readFence(t);
        gpPending[g] &= ~(1L << t);
    }

    /** Performs process t's next instruction, reading the choice-th newest value if it loads. */
    void step(int t, int choice) {
        Insn insn = code(t)[pc[t]];
        long[] r = regs[t];
        switch (insn) {
            case Insn.Load l -> {
                long v = mem.load(t, location(t, l.addr(), l), choice);
                if (l.acquire()) {
                    mem.readFence(t);
                }
                set(r, l.reg(), v);
            }
            case Insn.Store s -> mem.store(t, location(t, s.addr(), s), s.value().eval(r), s.release());
            case Insn.Fence f -> {
                switch (f.kind()) {
                    case MB -> mem.fullFence(t);
                    case RMB -> mem.readFence(t);
                    case WMB -> mem.writeFence(t);
                }
            }
            case Insn.Rmw w -> rmw(t, w);
            case Insn.Lock l -> {
                int loc = location(t, l.addr(), l);
                mem.tryLock(t, loc);
                lockOwner[loc] = t;
            }
            case Insn.Trylock l -> {
                int loc = location(t, l.addr(), l);
                boolean ok = mem.tryLock(t, loc);
                if (ok) {
                    lockOwner[loc] = t;
                }
                set(r, l.reg(), ok ? 1 : 0);
            }
            case Insn.Unlock u -> {
                int loc = location(t, u.addr(), u);
                if (lockOwner[loc] != t) {
                    throw new LitmusRuntimeException(u.pos(), "spin_unlock of " + program.locations().get(loc)
                            + ", which P" + t + " does not hold");
                }
                lockOwner[loc] = -1;
                mem.store(t, loc, 0, true);
            }
            case Insn.RcuLock l -> rcuNesting[t]++;
            case Insn.SyncRcuStart s -> {
                mem.fullFence(t);
                gpActive[t] = true;
                gpPending[t] = ((procs == 64 ? -1L : (1L << procs) - 1)) & ~(1L << t);
            }
            case Insn.SyncRcuWait s -> {
                mem.fullFence(t);
                gpActive[t] = false;
            }
            case Insn.SrcuLock s -> {
                int d = domain(t, s);
                int idx = srcu[d * 3];
                srcu[d * 3 + 1 + idx]++;
                mem.fullFence(t);
                set(r, s.reg(), idx);
            }
            case Insn.SrcuUnlock s -> {
                int d = domain(t, s);
                long idx = s.index().eval(r);
                if ((idx != 0 && idx != 1) || srcu[d * 3 + 1 + (int) idx] == 0) {
                    throw new LitmusRuntimeException(s.pos(), "srcu_read_unlock with index " + idx
                            + ", which no srcu_read_lock on " + program.locations().get(d) + " returned");
                }
                mem.fullFence(t);
                srcu[d * 3 + 1 + (int) idx]--;
            }
            case Insn.SyncSrcu s -> {
                int d = domain(t, s);
                switch (s.phase()) {
                    case 0 -> {
                        mem.fullFence(t);
                        srcuStartIdx[t] = srcu[d * 3];
                    }
                    case 1 -> srcu[d * 3] = 1 - srcuStartIdx[t];
                    default -> mem.fullFence(t);
                }
            }
            default -> throw new IllegalStateException("local instruction stepped: " + insn);
        }
        pc[t]++;
        advance(t);
    }

    private void rmw(int t, Insn.Rmw w) {
        long[] r = regs[t];
        long a = w.a().eval(r);
        long b = w.b().eval(r);
        long old = mem.rmw(t, location(t, w.addr(), w), w.op(), a, b, w.ordering());
        long updated = w.op().apply(old, a, b);
        long result = switch (w.result()) {
            case NONE, OLD -> old;
            case NEW -> updated;
            case NEW_IS_ZERO -> updated == 0 ? 1 : 0;
            case NEW_IS_NEGATIVE -> updated < 0 ? 1 : 0;
            case CHANGED -> w.op().succeeds(old, a, b) ? 1 : 0;
        };
        set(r, w.reg(), result);
    }

    private static void set(long[] r, int reg, long v) {
        if (reg >= 0) {
            r[reg] = v;
        }
    }

    /** Runs process t's local instructions up to its next machine step. */
    private void advance(int t) {
        Insn[] code = code(t);
        long[] r = regs[t];
        while (pc[t] < code.length && code[pc[t]].local()) {
            switch (code[pc[t]]) {
                case Insn.Assign a -> {
                    r[a.reg()] = a.value().eval(r);
                    pc[t]++;
                }
                case Insn.JumpIfZero j -> pc[t] = j.cond().eval(r) == 0 ? j.target() : pc[t] + 1;
                case Insn.Jump j -> pc[t] = j.target();
                case Insn.RcuUnlock u -> {
                    if (rcuNesting[t] == 0) {
                        throw new LitmusRuntimeException(u.pos(), "rcu_read_unlock() without rcu_read_lock() in P" + t);
                    }
                    rcuNesting[t]--;
                    pc[t]++;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private int location(int t, Val addr, Insn insn) {
        long a = addr.eval(regs[t]);
        int l = Address.locationOf(a);
        if (l < 0 || l >= program.locations().size()) {
            throw new LitmusRuntimeException(insn.pos(), "P" + t + " accesses address " + a
                    + ", which is not a shared location");
        }
        return l;
    }

    private int domain(int t, Insn insn) {
        Val d = switch (insn) {
            case Insn.SrcuLock s -> s.domain();
            case Insn.SrcuUnlock s -> s.domain();
            case Insn.SyncSrcu s -> s.domain();
            default -> throw new IllegalStateException();
        };
        return location(t, d, insn);
    }

    // ---------------------------------------------------------------- identity

    /** The canonical encoding of this state, for state caching. */
    void encode(LongArrayBuilder out) {
        mem.encode(out);
        for (int t = 0; t < procs; t++) {
            out.add(pc[t] | ((long) rcuNesting[t] << 16) | ((long) srcuStartIdx[t] << 32) | (gpActive[t] ? 1L << 40 : 0));
            out.add(gpPending[t]);
            for (long v : regs[t]) {
                out.add(v);
            }
        }
        for (int v : srcu) {
            out.add(v);
        }
        for (int v : lockOwner) {
            out.add(v);
        }
    }
}
