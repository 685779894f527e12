package rcusim.litmus.exec;

import java.util.Arrays;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.LongArrayBuilder;
import rcusim.machine.memory.MemOp;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemoryRules;
import rcusim.machine.memory.MemorySystem;
import rcusim.machine.memory.UnlockByNonHolder;

/**
 * One state of a litmus execution on the simulated machine: the memory system plus each
 * process's program counter, registers and RCU/SRCU bookkeeping. Processes run on CPUs of
 * the same number. Every memory operation follows {@link MemoryRules}, the rules the machine's
 * kernel API follows too; this class adds only the program counters and litmus-level RCU.
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
            case Insn.Load l -> MemoryRules.loadChoices(mem, t, location(t, l.addr(), l));
            case Insn.Store s -> ready(t, s.release() ? MemOp.STORE_RELEASE : MemOp.STORE, -1);
            case Insn.Fence f -> ready(t, f.kind(), -1);
            case Insn.Rmw r -> MemoryRules.ready(mem, t, MemOp.RMW, location(t, r.addr(), r), r.op(),
                    r.a().eval(regs[t]), r.b().eval(regs[t]), r.ordering(), null) ? 1 : 0;
            case Insn.Lock l -> ready(t, MemOp.LOCK, location(t, l.addr(), l));
            case Insn.Trylock l -> ready(t, MemOp.TRYLOCK, location(t, l.addr(), l));
            case Insn.Unlock u -> ready(t, MemOp.UNLOCK, -1);
            // the litmus-level RCU and SRCU steps below open or close with a full barrier
            case Insn.SyncRcuStart s -> rcuNesting[t] == 0 ? ready(t, MemOp.MB, -1) : 0;
            case Insn.SyncRcuWait s -> gpPending[t] == 0 ? 1 : 0;
            case Insn.SrcuLock s -> ready(t, MemOp.MB, -1);
            case Insn.SrcuUnlock s -> ready(t, MemOp.MB, -1);
            case Insn.SyncSrcu s -> switch (s.phase()) {
                case 0 -> ready(t, MemOp.MB, -1);
                case 1 -> srcu[domain(t, s) * 3 + 2 - srcuStartIdx[t]] == 0 ? 1 : 0;
                default -> srcu[domain(t, s) * 3 + 1 + srcuStartIdx[t]] == 0 ? 1 : 0;
            };
            default -> 1;
        };
    }

    /** 1 if process t may perform op on loc now, else 0. */
    private int ready(int t, MemOp op, int loc) {
        return MemoryRules.ready(mem, t, op, loc) ? 1 : 0;
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
        // Under power the report also makes what t has seen and stored visible to every CPU, as
        // Tree RCU's report through the rcu_node locks and the grace period's barriers do; the
        // buffer is already empty. Elsewhere that holds already: commits are seen by all at once.
        MemoryRules.fence(mem, t, mem.model().nonMulticopyAtomic() ? MemOp.MB : MemOp.RMB);
        gpPending[g] &= ~(1L << t);
    }

    /** Performs process t's next instruction, reading the choice-th newest value if it loads. */
    void step(int t, int choice) {
        Insn insn = code(t)[pc[t]];
        long[] r = regs[t];
        switch (insn) {
            case Insn.Load l -> set(r, l.reg(), MemoryRules.load(mem, t, location(t, l.addr(), l), choice, l.acquire()));
            case Insn.Store s -> MemoryRules.store(mem, t, location(t, s.addr(), s), s.value().eval(r), s.release());
            case Insn.Fence f -> MemoryRules.fence(mem, t, f.kind());
            case Insn.Rmw w -> rmw(t, w);
            case Insn.Lock l -> MemoryRules.lock(mem, t, location(t, l.addr(), l));
            case Insn.Trylock l -> set(r, l.reg(), MemoryRules.trylock(mem, t, location(t, l.addr(), l)) ? 1 : 0);
            case Insn.Unlock u -> {
                int loc = location(t, u.addr(), u);
                try {
                    MemoryRules.unlock(mem, t, loc);
                } catch (UnlockByNonHolder e) {
                    throw new LitmusRuntimeException(u.pos(), "spin_unlock of " + program.locations().get(loc)
                            + ", which P" + t + " does not hold");
                }
            }
            case Insn.RcuLock l -> rcuNesting[t]++;
            case Insn.SyncRcuStart s -> {
                MemoryRules.fence(mem, t, MemOp.MB);
                gpActive[t] = true;
                gpPending[t] = ((procs == 64 ? -1L : (1L << procs) - 1)) & ~(1L << t);
            }
            case Insn.SyncRcuWait s -> {
                MemoryRules.fence(mem, t, MemOp.MB);
                gpActive[t] = false;
            }
            case Insn.SrcuLock s -> {
                int d = domain(t, s);
                int idx = srcu[d * 3];
                srcu[d * 3 + 1 + idx]++;
                MemoryRules.fence(mem, t, MemOp.MB);
                set(r, s.reg(), idx);
            }
            case Insn.SrcuUnlock s -> {
                int d = domain(t, s);
                long idx = s.index().eval(r);
                if ((idx != 0 && idx != 1) || srcu[d * 3 + 1 + (int) idx] == 0) {
                    throw new LitmusRuntimeException(s.pos(), "srcu_read_unlock with index " + idx
                            + ", which no srcu_read_lock on " + program.locations().get(d) + " returned");
                }
                MemoryRules.fence(mem, t, MemOp.MB);
                srcu[d * 3 + 1 + (int) idx]--;
            }
            case Insn.SyncSrcu s -> {
                int d = domain(t, s);
                switch (s.phase()) {
                    case 0 -> {
                        MemoryRules.fence(mem, t, MemOp.MB);
                        srcuStartIdx[t] = srcu[d * 3];
                    }
                    case 1 -> srcu[d * 3] = 1 - srcuStartIdx[t];
                    default -> MemoryRules.fence(mem, t, MemOp.MB);
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
        long old = MemoryRules.rmw(mem, t, location(t, w.addr(), w), w.op(), a, b, w.ordering());
        set(r, w.reg(), w.result().of(w.op(), old, a, b));
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
    }
}
