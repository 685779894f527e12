package rcusim.scenarios.builtin;

import java.util.List;
import java.util.Map;
import rcusim.kernel.Kernel;
import rcusim.kernel.KernelHooks;
import rcusim.kernel.Simulation;
import rcusim.kernel.seqlock.SeqAccess;
import rcusim.kernel.seqlock.SeqFault;
import rcusim.kernel.seqlock.SeqcountLatch;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/**
 * The latch form of a sequence count, read from interrupts (the shape of the kernel's
 * timekeeping fast path, which NMIs read). A writer on CPU 0 keeps two copies of a two-word
 * value (lo, hi == -lo) and updates them one at a time between raw_write_seqcount_latch()
 * calls; the tick's hardirq on every CPU reads the copy the count points to, as does a task on
 * CPU 1. The tick on CPU 0 lands in the middle of the writer's update and must neither wait
 * for it (it could not: the writer is the code it interrupted) nor see a torn copy. Counted:
 * {@code latch.irq-reads} and {@code latch.irq-reads-mid-update} (irq reads on the writer's
 * CPU while its update was in progress). With {@code seqcount-latch-no-wmb} a reader on
 * another CPU accepts a torn copy.
 */
final class SeqcountLatchIrq implements Scenario {
    private static final int WRITES = 400;
    private static final int TASK_READS = 30;

    private final SeqFault fault;

    SeqcountLatchIrq() {
        this(null);
    }

    private SeqcountLatchIrq(SeqFault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return "seqcount-latch";
    }

    @Override
    public String description() {
        return "seqcount_latch_t: a writer updates two copies of a two-word value, the tick's hardirq on each CPU"
                + " (and a task) reads the current copy, also mid-update on the writer's CPU; fails (WARN) on a torn copy"
                + (fault == null ? "" : "; injected: " + fault.spelling());
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(2, MemoryModel.WEAK).withKernel(KernelConfig.kernel()).withStepLimit(2_000_000);
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("writes", WRITES, "taskReads", TASK_READS);
    }

    /** The writer's progress, for counting irq reads that interrupted it mid-update. */
    private static final class Progress {
        boolean updating;
        boolean done;
    }

    @Override
    public void load(Simulation m, long seed) {
        Kernel k0 = m.kernel();
        SeqcountLatch latch = SeqcountLatch.create(k0, "value_latch", fault);
        long copies = k0.alloc(4); // copy c at copies + 2c: lo, hi
        Progress p = new Progress();
        m.setHooks(new KernelHooks() {
            @Override
            public void schedClockIrq(Kernel k, boolean user) {
                if (p.done) {
                    return;
                }
                read(k, latch, copies);
                k.count("latch.irq-reads", 1);
                if (p.updating && k.smpProcessorId() == 0) {
                    k.count("latch.irq-reads-mid-update", 1);
                }
            }
        });
        m.spawn(0, "writer", k -> {
            for (int i = 1; i <= WRITES; i++) {
                p.updating = true;
                for (int c = 0; c < 2; c++) {
                    k.rawWriteSeqcountLatch(latch); // readers move to the other copy
                    SeqAccess.dataStore(k, copies + 2 * c, i);
                    SeqAccess.dataStore(k, copies + 2 * c + 1, -i);
                }
                p.updating = false;
            }
            p.done = true;
        });
        m.spawn(1, "reader", k -> {
            for (int i = 0; i < TASK_READS; i++) {
                read(k, latch, copies);
            }
        });
    }

    /** One latch read: the copy the count points to, again if the count moved meanwhile. */
    private static void read(Kernel k, SeqcountLatch latch, long copies) {
        long lo;
        long hi;
        long seq;
        do {
            seq = k.readSeqcountLatch(latch);
            long copy = copies + 2 * (seq & 1);
            lo = SeqAccess.dataLoad(k, copy);
            hi = SeqAccess.dataLoad(k, copy + 1);
        } while (k.readSeqcountLatchRetry(latch, seq));
        k.warnOn(hi != -lo, "torn copy accepted by the latch: lo == " + lo + ", hi == " + hi + " (hi must be -lo)"
                + (k.inIrq() ? ", read in hardirq" : ""));
    }

    @Override
    public List<Fault> injections() {
        return List.of(SeqFaults.of(SeqFault.LATCH_NO_WMB));
    }

    @Override
    public Scenario withInjection(Fault f) {
        return new SeqcountLatchIrq(SeqFaults.toSeq(f));
    }

    @Override
    public Scenario withoutInjection() {
        return new SeqcountLatchIrq(null);
    }

    @Override
    public Fault injection() {
        return fault == null ? null : SeqFaults.of(fault);
    }
}
