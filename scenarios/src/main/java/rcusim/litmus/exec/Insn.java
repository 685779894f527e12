package rcusim.litmus.exec;

import rcusim.litmus.ast.Pos;
import rcusim.machine.Ordering;
import rcusim.machine.RmwOp;
import rcusim.machine.memory.MemOp;
import rcusim.machine.memory.RmwResult;

/**
 * One instruction of a compiled litmus process. Local instructions (register arithmetic,
 * jumps, rcu_read_unlock) run eagerly without a decision; every other one is a machine step.
 * Public for the axiomatic engine ({@code rcusim.litmus.axiom}), which reads the same code.
 */
public sealed interface Insn {
    Pos pos();

    default boolean local() {
        return false;
    }

    // ------------------------------------------------------------ local

    record Assign(Pos pos, int reg, Val value) implements Insn {
        @Override
        public boolean local() {
            return true;
        }
    }

    record JumpIfZero(Pos pos, Val cond, int target) implements Insn {
        @Override
        public boolean local() {
            return true;
        }
    }

    record Jump(Pos pos, int target) implements Insn {
        @Override
        public boolean local() {
            return true;
        }
    }

    /** rcu_read_unlock(): ends the reader when the nesting drops to zero; orders nothing. */
    record RcuUnlock(Pos pos) implements Insn {
        @Override
        public boolean local() {
            return true;
        }
    }

    // ------------------------------------------------------------ machine steps

    /** reg = load from addr; acquire applies the invalidate queue afterwards. reg -1: discard. */
    record Load(Pos pos, int reg, Val addr, boolean acquire, String what) implements Insn {
    }

    record Store(Pos pos, Val addr, Val value, boolean release, String what) implements Insn {
    }

    /**
     * smp_mb(), smp_rmb(), smp_wmb() or smp_mb__before_atomic(): kind is {@link MemOp#MB},
     * {@link MemOp#RMB}, {@link MemOp#WMB} or {@link MemOp#MB_BEFORE_ATOMIC}; what names the
     * primitive written (the axiomatic engine tells smp_mb__after_spinlock() from smp_mb()).
     */
    record Fence(Pos pos, MemOp kind, String what) implements Insn {
        public Fence(Pos pos, MemOp kind) {
            this(pos, kind, kind.name());
        }
    }

    record Rmw(Pos pos, int reg, Val addr, RmwOp op, Val a, Val b, Ordering ordering, RmwResult result, String what)
            implements Insn {
    }

    record Lock(Pos pos, Val addr) implements Insn {
    }

    record Trylock(Pos pos, int reg, Val addr) implements Insn {
    }

    record Unlock(Pos pos, Val addr) implements Insn {
    }

    /** rcu_read_lock(): a step, so a grace period may see the CPU quiescent just before it. */
    record RcuLock(Pos pos) implements Insn {
    }

    /** synchronize_rcu(), first half: full barrier, then the grace period starts. */
    record SyncRcuStart(Pos pos) implements Insn {
    }

    /** synchronize_rcu(), second half: waits for every CPU's quiescent state, then full barrier. */
    record SyncRcuWait(Pos pos) implements Insn {
    }

    /** srcu_read_lock()/srcu_down_read(): reg = the domain's current index; counts the reader. */
    record SrcuLock(Pos pos, int reg, Val domain) implements Insn {
    }

    record SrcuUnlock(Pos pos, Val domain, Val index) implements Insn {
    }

    /** synchronize_srcu() in three steps: start, wait for the other index and flip, wait for the old index. */
    record SyncSrcu(Pos pos, Val domain, int phase) implements Insn {
    }
}
