package rcusim.litmus.exec;

import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;

/**
 * Runs a compiled litmus process as kernel code: each instruction becomes the kernel API call
 * of the same name (READ_ONCE() is {@link Kernel#readOnce}, spin_lock() {@link Kernel#spinLock},
 * and so on), so the process runs on the machine Tree RCU runs on. The one interpreter of
 * {@link Insn} over the kernel API, used by the Tree RCU backend and by the test that checks
 * the machine against herd7's verdicts.
 */
final class KernelInterpreter {
    /** The RCU that rcu_read_lock(), rcu_read_unlock() and synchronize_rcu() call. */
    interface Rcu {
        void readLock(Kernel k);

        void readUnlock(Kernel k);

        void synchronize(Kernel k);
    }

    private KernelInterpreter() {
    }

    /** Whether a program can run here: SRCU has no kernel counterpart, RCU needs an {@link Rcu}. */
    static boolean supports(LitmusProgram program, boolean withRcu) {
        for (LitmusProgram.Process p : program.processes()) {
            for (Insn i : p.code()) {
                boolean srcu = i instanceof Insn.SrcuLock || i instanceof Insn.SrcuUnlock || i instanceof Insn.SyncSrcu;
                boolean rcu = i instanceof Insn.RcuLock || i instanceof Insn.RcuUnlock
                        || i instanceof Insn.SyncRcuStart || i instanceof Insn.SyncRcuWait;
                if (srcu || (rcu && !withRcu)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Spawns each process of program as a task bound to the CPU of its number on m, running
     * under rcu (null if the program uses none); returns the processes' registers, which the
     * tasks update in place as they run.
     */
    static long[][] spawnAll(Simulation m, LitmusProgram program, Rcu rcu) {
        long[][] regs = new long[program.processes().size()][];
        for (int p = 0; p < regs.length; p++) {
            LitmusProgram.Process proc = program.processes().get(p);
            long[] r = proc.registerInit().clone();
            regs[p] = r;
            Insn[] code = proc.code();
            m.spawn(p, proc.name(), k -> run(k, rcu, code, r));
        }
        return regs;
    }

    /** Runs code with registers r (updated in place) on k; rcu may be null if the code uses none. */
    static void run(Kernel k, Rcu rcu, Insn[] code, long[] r) {
        int pc = 0;
        while (pc < code.length) {
            Insn insn = code[pc];
            pc++;
            switch (insn) {
                case Insn.Assign a -> r[a.reg()] = a.value().eval(r);
                case Insn.JumpIfZero j -> pc = j.cond().eval(r) == 0 ? j.target() : pc;
                case Insn.Jump j -> pc = j.target();
                case Insn.Load l -> set(r, l.reg(), l.acquire() ? k.smpLoadAcquire(l.addr().eval(r)) : k.readOnce(l.addr().eval(r)));
                case Insn.Store s -> {
                    if (s.release()) {
                        k.smpStoreRelease(s.addr().eval(r), s.value().eval(r));
                    } else {
                        k.writeOnce(s.addr().eval(r), s.value().eval(r));
                    }
                }
                case Insn.Fence f -> {
                    switch (f.kind()) {
                        case MB -> k.smpMb();
                        case RMB -> k.smpRmb();
                        case WMB -> k.smpWmb();
                        case MB_BEFORE_ATOMIC -> k.smpMbBeforeAtomic();
                        default -> throw new IllegalStateException("not a fence: " + f.kind());
                    }
                }
                case Insn.Rmw w -> {
                    long a = w.a().eval(r);
                    long b = w.b().eval(r);
                    long old = k.rmw(w.addr().eval(r), w.op(), a, b, w.ordering());
                    set(r, w.reg(), w.result().of(w.op(), old, a, b));
                }
                case Insn.Lock l -> k.spinLock(l.addr().eval(r));
                case Insn.Trylock l -> set(r, l.reg(), k.spinTrylock(l.addr().eval(r)) ? 1 : 0);
                case Insn.Unlock u -> k.spinUnlock(u.addr().eval(r));
                case Insn.RcuLock l -> rcu(rcu, insn).readLock(k);
                case Insn.RcuUnlock u -> rcu(rcu, insn).readUnlock(k);
                case Insn.SyncRcuStart s -> rcu(rcu, insn).synchronize(k);
                case Insn.SyncRcuWait s -> {
                    // synchronize_rcu() ran whole at its start
                }
                default -> throw new IllegalStateException("no kernel counterpart: " + insn);
            }
        }
    }

    private static Rcu rcu(Rcu rcu, Insn insn) {
        if (rcu == null) {
            throw new IllegalStateException("no RCU to run " + insn + " on");
        }
        return rcu;
    }

    private static void set(long[] r, int reg, long v) {
        if (reg >= 0) {
            r[reg] = v;
        }
    }
}
