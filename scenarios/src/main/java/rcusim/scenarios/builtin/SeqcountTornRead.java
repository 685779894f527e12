package rcusim.scenarios.builtin;

import java.util.List;
import java.util.Map;
import rcusim.kernel.Kernel;
import rcusim.kernel.Simulation;
import rcusim.kernel.seqlock.SeqAccess;
import rcusim.kernel.seqlock.SeqFault;
import rcusim.kernel.seqlock.Seqcount;
import rcusim.kernel.seqlock.Seqlock;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/**
 * A value of two words that must agree ({@code lo} and {@code hi == -lo}), updated by one
 * writer under a sequence count and read by two readers on other CPUs: a value a reader
 * accepts (read_seqcount_retry() said no) must never be torn. {@code seqcount} uses a bare
 * seqcount_t (the writer disables preemption, as lockdep requires); {@code seqlock} a
 * seqlock_t, written under write_seqlock_irqsave() and read with read_seqbegin() by one reader
 * and read_seqbegin_or_lock() (lockless first, locked on the second pass) by the other.
 * Clean with the real barriers; each barrier fault lets a torn value through (a WARN naming
 * both words).
 */
final class SeqcountTornRead implements Scenario {
    private static final int WRITES = 12;
    private static final int READS = 8;

    private final boolean seqlock;
    private final SeqFault fault;

    SeqcountTornRead(boolean seqlock) {
        this(seqlock, null);
    }

    private SeqcountTornRead(boolean seqlock, SeqFault fault) {
        this.seqlock = seqlock;
        this.fault = fault;
    }

    @Override
    public String name() {
        return seqlock ? "seqlock" : "seqcount";
    }

    @Override
    public String description() {
        return (seqlock ? "seqlock_t: a writer under write_seqlock_irqsave(), readers with read_seqbegin() and"
                + " read_seqbegin_or_lock()" : "seqcount_t: a writer with preemption off, two readers")
                + " on a two-word value (lo, hi == -lo); fails (WARN) if a reader accepts a torn value"
                + (fault == null ? "" : "; injected: " + fault.spelling());
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(3, MemoryModel.WEAK).withKernel(KernelConfig.kernel()).withStepLimit(1_000_000);
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("writes", WRITES, "reads", READS);
    }

    @Override
    public void load(Simulation m, long seed) {
        Kernel k0 = m.kernel();
        long lo = k0.alloc(1);
        long hi = k0.alloc(1);
        if (seqlock) {
            Seqlock sl = Seqlock.create(k0, "value_lock", fault);
            m.spawn(0, "writer", k -> {
                for (int i = 1; i <= WRITES; i++) {
                    long flags = k.writeSeqlockIrqsave(sl);
                    SeqAccess.dataStore(k, lo, i);
                    SeqAccess.dataStore(k, hi, -i);
                    k.writeSequnlockIrqrestore(sl, flags);
                }
            });
            m.spawn(1, "reader", k -> {
                for (int i = 0; i < READS; i++) {
                    long a;
                    long b;
                    long seq;
                    do {
                        seq = k.readSeqbegin(sl);
                        a = SeqAccess.dataLoad(k, lo);
                        b = SeqAccess.dataLoad(k, hi);
                    } while (k.readSeqretry(sl, seq));
                    check(k, a, b);
                }
            });
            m.spawn(2, "reader_or_lock", k -> {
                for (int i = 0; i < READS; i++) {
                    long a;
                    long b;
                    long seq = 0; // even: the first pass is lockless
                    while (true) {
                        seq = k.readSeqbeginOrLock(sl, seq);
                        a = SeqAccess.dataLoad(k, lo);
                        b = SeqAccess.dataLoad(k, hi);
                        if (!k.needSeqretry(sl, seq)) {
                            break;
                        }
                        seq = 1; // odd: take the lock on the next pass
                    }
                    k.doneSeqretry(sl, seq);
                    check(k, a, b);
                }
            });
            return;
        }
        Seqcount s = Seqcount.create(k0, "value_seq", fault);
        m.spawn(0, "writer", k -> {
            for (int i = 1; i <= WRITES; i++) {
                k.preemptDisable();
                k.writeSeqcountBegin(s);
                SeqAccess.dataStore(k, lo, i);
                SeqAccess.dataStore(k, hi, -i);
                k.writeSeqcountEnd(s);
                k.preemptEnable();
            }
        });
        for (int r = 1; r <= 2; r++) {
            m.spawn(r, "reader" + r, k -> {
                for (int i = 0; i < READS; i++) {
                    long a;
                    long b;
                    long seq;
                    do {
                        seq = k.readSeqcountBegin(s);
                        a = SeqAccess.dataLoad(k, lo);
                        b = SeqAccess.dataLoad(k, hi);
                    } while (k.readSeqcountRetry(s, seq));
                    check(k, a, b);
                }
            });
        }
    }

    private static void check(Kernel k, long lo, long hi) {
        k.warnOn(hi != -lo, "torn read accepted by the sequence count: lo == " + lo + ", hi == " + hi
                + " (hi must be -lo)");
    }

    @Override
    public List<Fault> injections() {
        return SeqFaults.of(SeqFaults.BARRIERS);
    }

    @Override
    public Scenario withInjection(Fault f) {
        return new SeqcountTornRead(seqlock, SeqFaults.toSeq(f));
    }

    @Override
    public Scenario withoutInjection() {
        return new SeqcountTornRead(seqlock, null);
    }

    @Override
    public Fault injection() {
        return fault == null ? null : SeqFaults.of(fault);
    }
}
