package rcusim.machine;

import java.util.Arrays;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemoryRules;
import rcusim.machine.memory.MemorySystem;

/**
 * Fills a {@link StepFootprint} for every step while a {@link StepObserver} runs the machine.
 * Conservative where the machine cannot see precisely: a step is GLOBAL (dependent with every
 * other) when it performed or posted anything but a memory operation or a CPU-local kernel
 * operation ({@link Instructions#localKernelStep}: its CPU's CONTEXT covers it), took an interrupt,
 * switched a CPU's context, raised or cleared a pending interrupt, woke a CPU, moved jiffies,
 * allocated or freed, or made a kernel choice (placement, pick, reschedule, freeze). Memory
 * operations are read from the access record ({@link AccessListener}), as the race detector
 * reads it.
 */
final class StepRecorder implements AccessListener {
    private final Machine machine;
    private final StepObserver observer;
    private final AccessListener next;
    private final StepFootprint fp;
    private final Context[] topBefore;
    /** Per CPU: its pending interrupts, WFI wake-up and online state before the step. */
    private final int[] irqsBefore;
    private long epochBefore;
    private boolean inStep;
    /** Whether the store buffer is a buffer (not SC, where a store commits at once). */
    private final boolean buffered;
    /** Whether the store buffer drains in FIFO order (tso): each drain waits for all older ones. */
    private final boolean fifo;
    /**
     * Whether an smp_wmb() is a write of its CPU's buffer (power). It marks the next store if
     * the buffer holds any, and that store's drain then waits for the older ones. In a FIFO
     * buffer that orders nothing new. With an exact own buffer (weak) the search orders the
     * drains by edges ({@link StepFootprint#bufferedStoreOrder()}); whether the buffer was
     * empty at the barrier changes only edges to drains that came before it anyway.
     */
    private final boolean wmbMarksBuffer;
    /** Per CPU: an smp_wmb() came after its last store (only where it marks the buffer). */
    private final boolean[] wmbBefore;
    /** Something global happened between steps (time jumped, a freeze): charged to the next step. */
    private boolean globalBetween;
    /** Time jumped to the next event because no CPU could act: charged to the next step. */
    private boolean jumpBetween;

    /**
     * Whether the CPU's own buffer is modelled exactly and drains out of order (weak): an
     * atomic or a lock then says which of its CPU's drains it may wait for.
     */
    private final boolean exactBuffer;
    /** Per CPU: its stores and barriers since its last smp_mb() (see {@link #mayWaitForAnyDrain}). */
    private final StoresSinceMb[] sinceMb;

    StepRecorder(Machine machine, StepObserver observer, AccessListener next) {
        this.machine = machine;
        this.observer = observer;
        this.next = next;
        this.fp = new StepFootprint(machine.cpuCount(), machine.config().model().nonMulticopyAtomic(),
                machine.config().model().staleReads());
        this.topBefore = new Context[machine.cpuCount()];
        this.irqsBefore = new int[machine.cpuCount()];
        this.buffered = machine.config().model() != MemoryModel.SC;
        this.wmbBefore = new boolean[machine.cpuCount()];
        this.fifo = !machine.config().model().outOfOrderDrains();
        this.wmbMarksBuffer = !fifo && !fp.exactOwnBuffer();
        this.exactBuffer = !fifo && fp.exactOwnBuffer();
        this.sinceMb = new StoresSinceMb[machine.cpuCount()];
        for (int c = 0; c < sinceMb.length; c++) {
            sinceMb[c] = new StoresSinceMb();
        }
    }

    /**
     * Whether atomic or lock x of cpu may wait, in some order of cpu's drains, for any drain of
     * its own buffer (else at most for the drains of its own location). A drain of an older
     * store can only let it go sooner, never change what it does; it can hold it back only if
     * the store is to the same location, if an smp_wmb() (or a lock taken behind a buffered
     * unlock) put a barrier mark in the buffer, or if the atomic waits for the whole buffer
     * (fully ordered or release, or after smp_mb__before_atomic()). Every store since the
     * CPU's last smp_mb() may still be buffered in some order of the drains: smp_mb() waited
     * for an empty buffer in every one.
     */
    private boolean mayWaitForAnyDrain(int cpu, Context x) {
        StoresSinceMb s = sinceMb[cpu];
        if (machine.memory().beforeAtomicPending(cpu)) {
            return true;
        }
        if (x.op == Op.RMW && (x.ordering == Ordering.FULL || x.ordering == Ordering.RELEASE)) {
            return true;
        }
        return s.wmb && s.count > 0;
    }

    /** The locations a CPU stored to since its last smp_mb(), and whether a barrier mark came since. */
    private static final class StoresSinceMb {
        int[] locs = new int[8];
        int count;
        boolean releases;
        boolean wmb;

        void stored(int l, boolean release) {
            releases |= release;
            if (contains(l)) {
                return;
            }
            if (count == locs.length) {
                locs = Arrays.copyOf(locs, count * 2);
            }
            locs[count++] = l;
        }

        boolean contains(int l) {
            for (int i = 0; i < count; i++) {
                if (locs[i] == l) {
                    return true;
                }
            }
            return false;
        }

        void clear() {
            count = 0;
            releases = false;
            wmb = false;
        }
    }

    /** Before option (kind, cpu, arg) is performed. */
    void begin(OptionKind kind, int cpu, int arg, OperatingSystem os) {
        fp.begin(kind, cpu, kind == OptionKind.DRAIN ? machine.memory().drainableLocation(cpu, arg) : arg);
        inStep = true;
        if (globalBetween) {
            fp.global();
            globalBetween = false;
        }
        if (jumpBetween) {
            fp.timeJumped();
            jumpBetween = false;
        }
        for (int c = 0; c < topBefore.length; c++) {
            topBefore[c] = os.running(c);
            irqsBefore[c] = irqSignature(c);
        }
        epochBefore = os.epoch();
        switch (kind) {
            case DRAIN -> fp.drain(fifo); // the commit: see end()
            case STEP -> {
                fp.write(StepFootprint.contextObject(cpu));
                Context x = os.running(cpu);
                if (x != null) {
                    fp.posted(x.op, x.waitsFor);
                }
                if (x != null && localKernel(x)) {
                    break; // its own CPU's kernel state: CONTEXT(cpu)
                }
                if (x == null || x.op.memOp == null || x.op == Op.FREE) {
                    fp.global();
                    break;
                }
                switch (x.op) {
                    // wait for the buffer to empty; and raise the views
                    case MB -> {
                        fp.write(StepFootprint.bufferObject(cpu));
                        sinceMb[cpu].clear();
                        fp.raiseViews();
                    }
                    case WMB -> {
                        sinceMb[cpu].wmb = true;
                        if (wmbMarksBuffer) {
                            fp.write(StepFootprint.bufferObject(cpu));
                            wmbBefore[cpu] = true;
                        }
                        fp.raiseViews();
                    }
                    // only sets the CPU's own flag that its next atomic reads: no buffer state
                    case RMB, MB_BEFORE_ATOMIC -> fp.raiseViews();
                    // wait until the buffer holds no store to the location, or none at all
                    case RMW, LOCK, TRYLOCK -> {
                        if (!exactBuffer || mayWaitForAnyDrain(cpu, x)) {
                            fp.write(StepFootprint.bufferObject(cpu));
                        } else if (sinceMb[cpu].contains(x.loc)) {
                            fp.waitsForOwnDrainsOf(x.loc);
                        }
                        if (x.op != Op.RMW && sinceMb[cpu].releases) {
                            sinceMb[cpu].wmb = true; // taken behind a buffered unlock: keeps later stores back
                        }
                        fp.raiseViews(); // atomics and locks may order (conservatively: all of them)
                    }
                    default -> {
                        // loads and stores: see access()
                    }
                }
            }
            // the CPU's own irq state and the handler's entry (see end() for what it goes on to)
            case INTERRUPT -> fp.write(StepFootprint.contextObject(cpu));
            default -> fp.global();
        }
    }

    /** After the step and the time it took. */
    void end(OperatingSystem os) {
        if (fp.kind() == OptionKind.DRAIN) {
            fp.commit(fp.arg(), machine.memory().latestValue(fp.arg()));
        }
        for (int c = 0; c < topBefore.length; c++) {
            // its own CPU's top context changes on an irq's entry and exit: CONTEXT(cpu)
            if (os.running(c) != topBefore[c] && (c != fp.cpu() || fp.kind() == OptionKind.DRAIN)) {
                fp.global();
            }
        }
        if (irqsChangedElsewhere() || os.epoch() != epochBefore) {
            fp.global();
        }
        if (fp.kind() == OptionKind.STEP) {
            Context x = os.running(fp.cpu());
            if (x == null || (x.op.memOp == null && !localKernel(x) && !(x.op == Op.KERNEL && x.leadInLocal))) {
                fp.global(); // the code ran on into kernel work, or ended
            }
        }
        inStep = false;
        observer.stepped(fp);
    }

    /** The kernel's shared state was used or changed (a wake-up, an allocation, a kernel choice). */
    void global() {
        if (inStep) {
            fp.global();
        } else {
            globalBetween = true;
        }
    }

    /**
     * No CPU could act, so the clock jumped to its next event: the next step comes after every
     * step before it, as none of them could have waited for the jump ({@link StepFootprint#afterTimeJump()}).
     */
    void timeJumped() {
        jumpBetween = true;
    }

    /**
     * Kernel object k was read, or written. Between steps (the clock's work, boot) it counts as
     * {@link #global()}, as all the work done there is charged to the next step.
     */
    void kernelObject(int k, boolean write) {
        if (!inStep) {
            globalBetween = true;
        } else if (write) {
            fp.writeKernelObject(k);
        } else {
            fp.readKernelObject(k);
        }
    }

    /**
     * The run failed inside a step (a drain into a freed block, an assertion in the code after
     * an operation): the step still happened and ended the run, so it is part of the trace,
     * dependent with everything (what it would have touched after the failure is unknown).
     */
    void failed() {
        if (!inStep) {
            return;
        }
        fp.global();
        inStep = false;
        observer.stepped(fp);
    }

    /** At the end of a run: what each CPU would do next. */
    void pending(OperatingSystem os) {
        for (int c = 0; c < topBefore.length; c++) {
            Context x = os.running(c);
            if (x == null || x.op == Op.NONE) {
                continue;
            }
            fp.begin(OptionKind.STEP, c, 0);
            fp.write(StepFootprint.contextObject(c));
            fp.write(StepFootprint.bufferObject(c));
            if (x.op.memOp != null && x.loc >= 0 && x.op != Op.FREE) {
                fp.read(x.loc);
                fp.write(x.loc);
                fp.raiseViews();
                fp.write(StepFootprint.POINTERS);
            }
            if (x.op != Op.WFI) {
                // the code after the operation never ran: it may touch anything (allocate into
                // a block a store still drains to, wake a task), so it is dependent with every
                // step; the idle loop's WFI is known, and reports what it does beyond its CPU
                fp.global();
            }
            observer.pending(fp);
        }
    }

    /**
     * A posted kernel operation that touches only its CPU's kernel state (preempt_count, the
     * irq flag), with the code before and after it: the CONTEXT of its CPU stands for that
     * state. Whatever such a step does beyond it reports itself: a schedule(), softirqs, a
     * wake-up ({@link #global()}), a context switch or an interrupt raised ({@link #end}).
     */
    private static boolean localKernel(Context x) {
        return (x.op == Op.KERNEL && x.kernelLocal) || x.op == Op.WFI;
    }

    private int irqSignature(int c) {
        Cpu cpu = machine.cpu(c);
        return cpu.pendingIrqs * 4 + (cpu.wfiWoken ? 2 : 0) + (cpu.online ? 1 : 0);
    }

    /**
     * Whether the step changed another CPU's interrupt state (raised an interrupt there, woke
     * it, took it on- or offline); a STEP or INTERRUPT changing its own CPU's is CONTEXT(cpu).
     */
    private boolean irqsChangedElsewhere() {
        for (int c = 0; c < topBefore.length; c++) {
            if (irqSignature(c) != irqsBefore[c] && (c != fp.cpu() || fp.kind() == OptionKind.DRAIN)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void access(Context ctx, int cpu, AccessKind kind, int loc, long value, long old, Ordering ordering) {
        if (next != null) {
            next.access(ctx, cpu, kind, loc, value, old, ordering);
        }
        switch (kind) {
            case PLAIN_READ, READ -> {
                fp.read(loc);
                if (Address.locationOf(value) >= 0) {
                    fp.raiseViews(); // a pointer raises the reader's views of its block
                }
            }
            case READ_ACQUIRE -> {
                fp.read(loc);
                fp.raiseViews();
            }
            case PLAIN_WRITE, WRITE, WRITE_RELEASE, UNLOCK -> {
                if (!buffered) {
                    fp.commit(loc, value); // committed at once
                    break;
                }
                // a FIFO buffer: every drain waits for the older ones, as a release's does
                fp.bufferedStore(loc, fifo ? MemorySystem.ORDER_RELEASE : machine.memory().newestEntryOrder(cpu));
                if (wmbBefore[cpu] || machine.memory().storeBufferSize(cpu) >= MemoryRules.STORE_BUFFER_CAPACITY - 1) {
                    // an smp_wmb() marks the store by whether the buffer is empty; a full buffer stops stores
                    fp.write(StepFootprint.bufferObject(cpu));
                }
                wmbBefore[cpu] = false;
                sinceMb[cpu].stored(loc, kind == AccessKind.WRITE_RELEASE || kind == AccessKind.UNLOCK);
            }
            case RMW, LOCK -> {
                fp.read(loc);
                fp.commit(loc, value);
                fp.raiseViews();
            }
            case RMW_FAILED, TRYLOCK_FAILED -> {
                fp.read(loc);
                fp.write(loc); // conservatively: it may have taken the line
                fp.raiseViews();
            }
            case MB, RMB, WMB -> fp.raiseViews();
            case FREE -> fp.global();
        }
    }
}
