package rcusim.machine;

import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import rcusim.machine.strand.Strand;

/**
 * One execution context as the machine sees it: a strand of simulated code and the operation
 * it has posted and waits to perform. The kernel subclasses it with what a context is to the
 * kernel (a task's, or a hardirq's).
 */
public class Context {
    public final String name;
    Strand strand;
    /** The CPU this context runs on now (a task's changes when it migrates). */
    Cpu cpu;

    // the posted operation
    Op op = Op.START;
    int loc = -1;
    long a;
    long b;
    Ordering ordering;
    RmwOp rmw;
    LongPredicate condition;
    BooleanSupplier waitCondition;
    /** What a WAIT or blocked op waits for, for deadlock reports. */
    String waitsFor;
    /**
     * A posted {@link Op#KERNEL} operation touches only its own CPU's kernel state (the irq
     * flag, preempt_count), before and after it: a partial-order reduction need not order it
     * with other CPUs' steps (see StepRecorder).
     */
    boolean kernelLocal;
    /**
     * A posted shared {@link Op#KERNEL} operation does all its shared work when it is
     * performed (a GLOBAL step); the code that led to it touched nothing shared, so the step
     * that posted it need not be GLOBAL for it (see StepRecorder).
     */
    boolean leadInLocal;

    /** Which of the readable values the decider picked for a posted load. */
    int choice;
    /**
     * A READ_ONCE() or acquire load since this context's last lock operation: a spin_lock() now
     * closes a "lockless check, then lock" window ({@link VcpuFreeze}).
     */
    boolean loadSinceLockOp;

    /** The generations of the blocks it holds pointers into, while zombie pointers are tracked; else null. */
    PointerProvenance provenance;
    /** How deep it is inside data_race(): its accesses there are not checked for races. */
    private int dataRaceNesting;
    /** The data-race detector's state for this context, or null (detector off or not seen yet). */
    public Object raceState;
    /**
     * Where the access being made was written, when the code says so (a scenario file's
     * file:line), or null: the Java stack says it then.
     */
    public String siteHint;

    protected Context(String name, Cpu cpu) {
        this.name = name;
        this.cpu = cpu;
    }

    /** The CPU it runs on now, or null before it first ran. */
    public final Cpu cpu() {
        return cpu;
    }

    /** Moves it to CPU c (a task switched in there). */
    public final void moveTo(Cpu c) {
        cpu = c;
    }

    /** The operation it has posted and waits to perform. */
    public final Op op() {
        return op;
    }

    /** The location its posted operation accesses, or -1. */
    public final int loc() {
        return loc;
    }

    /** What it waits for, or null. */
    public final String waitsFor() {
        return waitsFor;
    }

    /** data_race(expr) begins: accesses until {@link #exitDataRace()} are marked for the detector. */
    public final void enterDataRace() {
        dataRaceNesting++;
    }

    public final void exitDataRace() {
        dataRaceNesting--;
    }

    /** Whether it runs inside data_race(). */
    public final boolean inDataRace() {
        return dataRaceNesting > 0;
    }

    /** Whether its code has returned. */
    public final boolean finished() {
        return strand != null && strand.isDone();
    }

    @Override
    public String toString() {
        return name;
    }
}
