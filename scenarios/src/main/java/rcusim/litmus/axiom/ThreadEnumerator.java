package rcusim.litmus.axiom;

import java.util.ArrayList;
import java.util.List;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.exec.Insn;
import rcusim.litmus.exec.LitmusProgram;
import rcusim.litmus.exec.Val;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.RmwResult;

/**
 * Enumerates a thread's executions in isolation, as herd7 does: each read may return any
 * value of its location's {@link ValueDomain}, and the thread runs on from there. Registers
 * carry the set of reads they depend on, so each event knows its address, data and control
 * dependencies. Lock operations follow lock.cat: spin_lock is a lock read and write (LKR,
 * LKW), spin_unlock a UL, a trylock succeeds (LKR, LKW) or fails (LF), spin_is_locked reads
 * locked (RL) or unlocked (RU). A path that takes a lock it already holds deadlocks (lock.cat's
 * lock-nest) and is dropped.
 */
final class ThreadEnumerator {
    /** At most this many events per thread: dependency sets are bit masks of one word. */
    static final int MAX_EVENTS = 63;

    private final Insn[] code;
    private final int registerCount;
    private final long[] registerInit;
    private final ValueDomain domain;
    private final int locations;
    private final long maxRuns;
    private final List<ThreadRun> runs = new ArrayList<>();

    /** Thrown when a thread has more events or runs than the engine enumerates. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    ThreadEnumerator(LitmusProgram.Process process, ValueDomain domain, int locations, long maxRuns) {
        this.code = process.code();
        this.registerCount = process.registers().size();
        this.registerInit = process.registerInit();
        this.domain = domain;
        this.locations = locations;
        this.maxRuns = maxRuns;
    }

    List<ThreadRun> enumerate() {
        State s = new State();
        s.regs = registerInit.clone();
        s.deps = new long[registerCount];
        s.events = new ArrayList<>();
        s.held = new boolean[locations];
        run(s);
        return runs;
    }

    private static final class State {
        int pc;
        long[] regs;
        long[] deps;
        long ctrl;
        /** Open if statements: where each ends and the control dependencies before it. */
        Branch open;
        List<Ev> events;
        boolean[] held;

        State copy() {
            State c = new State();
            c.pc = pc;
            c.regs = regs.clone();
            c.deps = deps.clone();
            c.ctrl = ctrl;
            c.open = open;
            c.events = new ArrayList<>(events);
            c.held = held.clone();
            return c;
        }
    }

    /** An if statement being executed: herd7's ctrl reaches the events inside it, not after it. */
    private record Branch(int join, long ctrlBefore, Branch next) {
    }

    /** Where the if statement of a conditional jump ends: after its else branch, if it has one. */
    private int join(Insn.JumpIfZero j) {
        int t = j.target();
        if (t > 0 && code[t - 1] instanceof Insn.Jump skip && skip.pos().equals(j.pos()) && skip.target() >= t) {
            return skip.target();
        }
        return t;
    }

    private void run(State s) {
        while (s.pc < code.length || s.open != null) {
            while (s.open != null && s.open.join() == s.pc) {
                s.ctrl = s.open.ctrlBefore();
                s.open = s.open.next();
            }
            if (s.pc >= code.length) {
                break;
            }
            Insn insn = code[s.pc];
            switch (insn) {
                case Insn.Assign a -> {
                    s.regs[a.reg()] = a.value().eval(s.regs);
                    s.deps[a.reg()] = deps(a.value(), s.deps);
                    s.pc++;
                }
                case Insn.JumpIfZero j -> {
                    s.open = new Branch(join(j), s.ctrl, s.open);
                    s.ctrl |= deps(j.cond(), s.deps);
                    s.pc = j.cond().eval(s.regs) == 0 ? j.target() : s.pc + 1;
                }
                case Insn.Jump j -> s.pc = j.target();
                case Insn.RcuUnlock u -> {
                    fence(s, Tag.RCU_UNLOCK, -1, u.pos());
                    s.pc++;
                }
                case Insn.RcuLock l -> {
                    fence(s, Tag.RCU_LOCK, -1, l.pos());
                    s.pc++;
                }
                case Insn.SyncRcuStart g -> {
                    fence(s, Tag.SYNC_RCU, -1, g.pos());
                    s.pc++;
                }
                case Insn.SyncRcuWait g -> s.pc++;
                case Insn.Fence f -> {
                    fence(s, Tag.ofFence(f.what()), -1, f.pos());
                    s.pc++;
                }
                case Insn.Store st -> {
                    int loc = location(st.addr().eval(s.regs));
                    if (loc < 0) {
                        fault(s, st.pos());
                        return;
                    }
                    int tags = st.what().equals("store") ? Tag.PLAIN : st.release() ? Tag.RELEASE : Tag.ONCE;
                    add(s, new Ev(Ev.W, loc, st.value().eval(s.regs), tags, deps(st.addr(), s.deps),
                            deps(st.value(), s.deps), s.ctrl, -1, st.pos()));
                    s.pc++;
                }
                case Insn.Load ld -> {
                    load(s, ld);
                    return;
                }
                case Insn.Rmw rmw -> {
                    rmw(s, rmw);
                    return;
                }
                case Insn.Lock l -> {
                    int loc = location(l.addr().eval(s.regs));
                    if (loc < 0) {
                        fault(s, l.pos());
                        return;
                    }
                    if (s.held[loc]) {
                        return; // lock-nest: deadlocks
                    }
                    lock(s, loc, l.addr(), l.pos());
                    s.pc++;
                }
                case Insn.Unlock u -> {
                    int loc = location(u.addr().eval(s.regs));
                    if (loc < 0) {
                        fault(s, u.pos());
                        return;
                    }
                    add(s, new Ev(Ev.W, loc, 0, Tag.UL, deps(u.addr(), s.deps), 0, s.ctrl, -1, u.pos()));
                    s.held[loc] = false;
                    s.pc++;
                }
                case Insn.Trylock t -> {
                    trylock(s, t);
                    return;
                }
                case Insn.SrcuLock l -> {
                    srcuLock(s, l);
                    return;
                }
                case Insn.SrcuUnlock u -> {
                    int loc = location(u.domain().eval(s.regs));
                    if (loc < 0) {
                        fault(s, u.pos());
                        return;
                    }
                    // srcu_read_unlock(s, idx) writes idx to the srcu_struct (linux-kernel.def)
                    add(s, new Ev(Ev.W, loc, u.index().eval(s.regs), Tag.SRCU_UNLOCK, deps(u.domain(), s.deps),
                            deps(u.index(), s.deps), s.ctrl, -1, u.pos()));
                    s.pc++;
                }
                case Insn.SyncSrcu g -> {
                    if (g.phase() == 0) {
                        int loc = location(g.domain().eval(s.regs));
                        if (loc < 0) {
                            fault(s, g.pos());
                            return;
                        }
                        fence(s, Tag.SYNC_SRCU, loc, g.pos());
                    }
                    s.pc++;
                }
            }
        }
        finish(s, null);
    }

    private void load(State s, Insn.Load ld) {
        int loc = location(ld.addr().eval(s.regs));
        if (loc < 0) {
            fault(s, ld.pos());
            return;
        }
        long addrDeps = deps(ld.addr(), s.deps);
        if (ld.what().equals("spin_is_locked")) {
            for (int locked = 1; locked >= 0; locked--) {
                State c = s.copy();
                int tags = locked == 1 ? Tag.RL : Tag.RU;
                if (c.held[loc]) {
                    if (locked == 0) {
                        continue; // inside its own critical section it reads its own lock
                    }
                    tags |= Tag.IN_OWN_CS;
                }
                int idx = add(c, new Ev(Ev.R, loc, locked, tags, addrDeps, 0, c.ctrl, -1, ld.pos()));
                set(c, ld.reg(), locked, 1L << idx);
                c.pc++;
                run(c);
            }
            return;
        }
        int tags = ld.what().equals("load") ? Tag.PLAIN : ld.acquire() ? Tag.ACQUIRE : Tag.ONCE;
        long[] values = domain.values(loc);
        for (int i = 0; i < values.length; i++) {
            State c = i == values.length - 1 ? s : s.copy();
            int idx = add(c, new Ev(Ev.R, loc, values[i], tags, addrDeps, 0, c.ctrl, -1, ld.pos()));
            set(c, ld.reg(), values[i], 1L << idx);
            c.pc++;
            run(c);
        }
    }

    /** srcu_read_lock(s): a read of the srcu_struct (linux-kernel.def), returning the value read. */
    private void srcuLock(State s, Insn.SrcuLock l) {
        int loc = location(l.domain().eval(s.regs));
        if (loc < 0) {
            fault(s, l.pos());
            return;
        }
        long addrDeps = deps(l.domain(), s.deps);
        long[] values = domain.values(loc);
        for (int i = 0; i < values.length; i++) {
            State c = i == values.length - 1 ? s : s.copy();
            int idx = add(c, new Ev(Ev.R, loc, values[i], Tag.SRCU_LOCK, addrDeps, 0, c.ctrl, -1, l.pos()));
            set(c, l.reg(), values[i], 1L << idx);
            c.pc++;
            run(c);
        }
    }

    private void rmw(State s, Insn.Rmw m) {
        int loc = location(m.addr().eval(s.regs));
        if (loc < 0) {
            fault(s, m.pos());
            return;
        }
        long a = m.a().eval(s.regs);
        long b = m.b().eval(s.regs);
        long addrDeps = deps(m.addr(), s.deps);
        long dataDeps = deps(m.a(), s.deps) | deps(m.b(), s.deps);
        long[] values = domain.values(loc);
        for (int i = 0; i < values.length; i++) {
            State c = i == values.length - 1 ? s : s.copy();
            long old = values[i];
            boolean ok = m.op().succeeds(old, a, b);
            int idx;
            if (!ok) {
                // a failed cmpxchg or add_unless: a marked read of the RMW set that orders
                // nothing (the bell file's FailedRMW loses Acquire, Release and Mb)
                idx = add(c, new Ev(Ev.R, loc, old, Tag.ONCE | Tag.RMW, addrDeps, 0, c.ctrl, -1, m.pos()));
            } else {
                int rt = Tag.RMW | switch (m.ordering()) {
                    case FULL -> Tag.MB_ACCESS;
                    case ACQUIRE -> Tag.ACQUIRE;
                    default -> m.result() == RmwResult.NONE ? Tag.NORETURN : Tag.ONCE;
                };
                int wt = Tag.RMW | switch (m.ordering()) {
                    case FULL -> Tag.MB_ACCESS;
                    case RELEASE -> Tag.RELEASE;
                    default -> Tag.ONCE;
                };
                idx = c.events.size();
                add(c, new Ev(Ev.R, loc, old, rt, addrDeps, 0, c.ctrl, idx + 1, m.pos()));
                add(c, new Ev(Ev.W, loc, m.op().apply(old, a, b), wt, addrDeps, dataDeps, c.ctrl, idx, m.pos()));
            }
            set(c, m.reg(), m.result().of(m.op(), old, a, b), 1L << idx);
            c.pc++;
            run(c);
        }
    }

    private void trylock(State s, Insn.Trylock t) {
        int loc = location(t.addr().eval(s.regs));
        if (loc < 0) {
            fault(s, t.pos());
            return;
        }
        long addrDeps = deps(t.addr(), s.deps);
        if (!s.held[loc]) {
            State c = s.copy();
            int idx = lock(c, loc, t.addr(), t.pos());
            set(c, t.reg(), 1, 1L << idx);
            c.pc++;
            run(c);
        }
        int tags = Tag.LF | (s.held[loc] ? Tag.IN_OWN_CS : 0);
        int idx = add(s, new Ev(Ev.R, loc, 1, tags, addrDeps, 0, s.ctrl, -1, t.pos()));
        set(s, t.reg(), 0, 1L << idx);
        s.pc++;
        run(s);
    }

    /** Adds LKR and LKW for a lock taken; returns the LKR's index. */
    private int lock(State s, int loc, Val addr, Pos pos) {
        long addrDeps = deps(addr, s.deps);
        int idx = s.events.size();
        add(s, new Ev(Ev.R, loc, 0, Tag.LKR, addrDeps, 0, s.ctrl, idx + 1, pos));
        add(s, new Ev(Ev.W, loc, 1, Tag.LKW, addrDeps, 0, s.ctrl, idx, pos));
        s.held[loc] = true;
        return idx;
    }

    private void set(State s, int reg, long value, long deps) {
        if (reg >= 0) {
            s.regs[reg] = value;
            s.deps[reg] = deps;
        }
    }

    private int fence(State s, int tag, int loc, Pos pos) {
        return add(s, new Ev(Ev.F, loc, 0, tag, 0, 0, s.ctrl, -1, pos));
    }

    private int add(State s, Ev e) {
        if (s.events.size() >= MAX_EVENTS) {
            throw new TooLarge("a thread with more than " + MAX_EVENTS + " events");
        }
        s.events.add(e);
        return s.events.size() - 1;
    }

    private void fault(State s, Pos pos) {
        finish(s, pos);
    }

    private void finish(State s, Pos fault) {
        if (runs.size() >= maxRuns) {
            throw new TooLarge("a thread with more than " + maxRuns + " executions");
        }
        runs.add(new ThreadRun(List.copyOf(s.events), s.regs, fault));
    }

    private int location(long address) {
        int l = Address.locationOf(address);
        return l >= 0 && l < locations ? l : -1;
    }

    /** The reads a register-only value depends on: the union over the registers it names. */
    static long deps(Val v, long[] regDeps) {
        return switch (v) {
            case Val.Const c -> 0;
            case Val.Reg r -> regDeps[r.index()];
            case Val.Unary u -> deps(u.operand(), regDeps);
            case Val.Binary b -> deps(b.left(), regDeps) | deps(b.right(), regDeps);
            case Val.Ternary t -> deps(t.cond(), regDeps) | deps(t.then(), regDeps) | deps(t.otherwise(), regDeps);
        };
    }
}
