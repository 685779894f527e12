package rcusim.machine;

import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.Address;

/**
 * Fills a {@link StepFootprint} for every step while a {@link StepObserver} runs the machine.
 * Conservative where the machine cannot see precisely: a step is GLOBAL (dependent with every
 * other) when it performed or posted anything but a memory operation, took an interrupt,
 * switched a CPU's context, raised or cleared a pending interrupt, woke a CPU, moved jiffies,
 * allocated or freed, or made a kernel choice (placement, pick, reschedule, freeze). Memory
 * operations are read from the access record ({@link AccessListener}), as the race detector
 * reads it.
 */
final class StepRecorder implements AccessListener {
    private final Machine machine;
    private final StepObserver observer;
    private final AccessListener next;
    private final StepFootprint fp = new StepFootprint();
    private final Context[] topBefore;
    private int irqsBefore;
    private long epochBefore;
    private boolean inStep;
    /** Something global happened between steps (time jumped, a freeze): charged to the next step. */
    private boolean globalBetween;

    StepRecorder(Machine machine, StepObserver observer, AccessListener next) {
        this.machine = machine;
        this.observer = observer;
        this.next = next;
        this.topBefore = new Context[machine.cpuCount()];
    }

    /** Before option (kind, cpu, arg) is performed. */
    void begin(OptionKind kind, int cpu, int arg, OperatingSystem os) {
        fp.begin(kind, cpu, arg);
        inStep = true;
        if (globalBetween) {
            fp.global();
            globalBetween = false;
        }
        for (int c = 0; c < topBefore.length; c++) {
            topBefore[c] = os.running(c);
        }
        irqsBefore = irqSignature();
        epochBefore = os.epoch();
        switch (kind) {
            case DRAIN -> {
                fp.write(machine.memory().drainableLocation(cpu, arg));
                fp.write(StepFootprint.COMMIT);
            }
            case STEP -> {
                Context x = os.running(cpu);
                if (x == null || x.op.memOp == null || x.op == Op.FREE) {
                    fp.global();
                } else if (x.op == Op.MB || x.op == Op.RMB || x.op == Op.WMB || x.op == Op.MB_BEFORE_ATOMIC) {
                    fp.read(StepFootprint.COMMIT);
                }
            }
            default -> fp.global();
        }
    }

    /** After the step and the time it took. */
    void end(OperatingSystem os) {
        for (int c = 0; c < topBefore.length; c++) {
            if (os.running(c) != topBefore[c]) {
                fp.global();
            }
        }
        if (irqSignature() != irqsBefore || os.epoch() != epochBefore) {
            fp.global();
        }
        if (fp.kind() == OptionKind.STEP) {
            Context x = os.running(fp.cpu());
            if (x == null || x.op.memOp == null) {
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

    /** At the end of a run: what each CPU would do next. */
    void pending(OperatingSystem os) {
        for (int c = 0; c < topBefore.length; c++) {
            Context x = os.running(c);
            if (x == null || x.op == Op.NONE) {
                continue;
            }
            fp.begin(OptionKind.STEP, c, 0);
            if (x.op.memOp != null && x.loc >= 0 && x.op != Op.FREE) {
                fp.read(x.loc);
                fp.write(x.loc);
                fp.write(StepFootprint.COMMIT);
            } else {
                fp.global();
            }
            observer.pending(fp);
        }
    }

    private int irqSignature() {
        int h = 0;
        for (int c = 0; c < topBefore.length; c++) {
            Cpu cpu = machine.cpu(c);
            h = h * 31 + cpu.pendingIrqs * 4 + (cpu.wfiWoken ? 2 : 0) + (cpu.online ? 1 : 0);
        }
        return h;
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
                    fp.read(StepFootprint.COMMIT); // a pointer raises the reader's view of its block
                }
            }
            case READ_ACQUIRE -> {
                fp.read(loc);
                fp.read(StepFootprint.COMMIT);
            }
            case PLAIN_WRITE, WRITE, WRITE_RELEASE, UNLOCK -> {
                fp.write(loc);
                fp.write(StepFootprint.COMMIT);
            }
            case RMW, RMW_FAILED, LOCK, TRYLOCK_FAILED -> {
                fp.read(loc);
                fp.write(loc);
                fp.write(StepFootprint.COMMIT);
            }
            case MB, RMB, WMB -> fp.read(StepFootprint.COMMIT);
            case FREE -> fp.global();
        }
    }
}
