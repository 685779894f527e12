package rcusim.scenarios.builtin;

import java.util.List;
import java.util.Map;
import rcusim.kernel.Kernel;
import rcusim.kernel.KernelHooks;
import rcusim.kernel.Mutex;
import rcusim.kernel.Simulation;
import rcusim.kernel.seqlock.SeqAccess;
import rcusim.kernel.seqlock.SeqFault;
import rcusim.kernel.seqlock.Seqcount;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/**
 * The preemption rule of sequence counts on a preemptible kernel. A writer on CPU 0 serialised
 * by a mutex updates a four-word value under a seqcount_mutex_t; a reader on the same CPU reads
 * it with preemption disabled (as a reader inside preempt_disable() or a per-CPU section does),
 * another reader on CPU 1. Because a mutex leaves preemption on, write_seqcount_begin()
 * disables it for the write section, so the reader of CPU 0 never finds the count odd with
 * its writer preempted. With {@code seqcount-writer-preemptible} the tick preempts the writer
 * inside its write section, the CPU 0 reader spins on the odd count with preemption off and
 * the writer never runs again: the scenario's soft-lockup watchdog (in the tick, as the
 * kernel's runs from its hrtimer) reports it.
 */
final class SeqlockPreempt implements Scenario {
    private static final int WORDS = 4;
    private static final int WRITES = 60;
    private static final int READS = 60;
    /** Jiffies a reader may spin in read_seqcount_begin() before the watchdog reports it. */
    private static final long LOCKUP_JIFFIES = 20;

    private final SeqFault fault;

    SeqlockPreempt() {
        this(null);
    }

    private SeqlockPreempt(SeqFault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return "seqlock-preempt";
    }

    @Override
    public String description() {
        return "preemptible kernel: a writer of a seqcount_mutex_t and a reader with preemption off share CPU 0;"
                + " fails (soft lockup) if the reader spins on a writer preempted in its write section"
                + (fault == null ? "" : "; injected: " + fault.spelling());
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(2, MemoryModel.WEAK).withKernel(KernelConfig.kernel().withPreemption(Preemption.FULL))
                .withStepLimit(2_000_000);
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("words", WORDS, "writes", WRITES, "reads", READS, "lockupJiffies", LOCKUP_JIFFIES);
    }

    /** The jiffy at which each CPU's reader began waiting in read_seqcount_begin(), or -1. */
    private static final class Watch {
        final long[] since = {-1, -1};
    }

    @Override
    public void load(Simulation m, long seed) {
        Kernel k0 = m.kernel();
        Mutex mtx = new Mutex("value_mutex");
        Seqcount s = Seqcount.withMutex(k0, "value_seq", mtx, fault);
        long data = k0.alloc(WORDS);
        Watch w = new Watch();
        m.setHooks(new KernelHooks() {
            @Override
            public void schedClockIrq(Kernel k, boolean user) {
                int cpu = k.smpProcessorId();
                long since = w.since[cpu];
                if (since >= 0 && k.jiffies() - since > LOCKUP_JIFFIES) {
                    throw new SimFailure(SimFailure.Kind.LIVELOCK, "BUG: soft lockup - CPU#" + cpu + " stuck for "
                            + (k.jiffies() - since) + " jiffies in read_seqcount_begin(" + s.name() + "), preemption"
                            + " disabled: its writer was preempted inside the write section. " + k.describeCpu(cpu));
                }
            }
        });
        m.spawn(0, "writer", k -> {
            for (int i = 1; i <= WRITES; i++) {
                k.mutexLock(mtx);
                k.writeSeqcountBegin(s);
                for (int j = 0; j < WORDS; j++) {
                    SeqAccess.dataStore(k, data + j, i);
                }
                k.writeSeqcountEnd(s);
                k.mutexUnlock(mtx);
            }
        });
        for (int cpu = 0; cpu < 2; cpu++) {
            int me = cpu;
            m.spawn(cpu, "reader" + cpu, k -> {
                for (int i = 0; i < READS; i++) {
                    k.preemptDisable();
                    long first;
                    boolean torn;
                    long seq;
                    do {
                        w.since[me] = k.jiffies();
                        seq = k.readSeqcountBegin(s);
                        w.since[me] = -1;
                        first = SeqAccess.dataLoad(k, data);
                        torn = false;
                        for (int j = 1; j < WORDS; j++) {
                            torn |= SeqAccess.dataLoad(k, data + j) != first;
                        }
                    } while (k.readSeqcountRetry(s, seq));
                    k.preemptEnable();
                    k.warnOn(torn, "torn read accepted by the sequence count: the " + WORDS + " words differ");
                }
            });
        }
    }

    @Override
    public List<Fault> injections() {
        return List.of(SeqFaults.of(SeqFault.WRITER_PREEMPTIBLE));
    }

    @Override
    public Scenario withInjection(Fault f) {
        return new SeqlockPreempt(SeqFaults.toSeq(f));
    }

    @Override
    public Scenario withoutInjection() {
        return new SeqlockPreempt(null);
    }

    @Override
    public Fault injection() {
        return fault == null ? null : SeqFaults.of(fault);
    }
}
