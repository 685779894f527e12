package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.machine.MachineConfig;
import rcusim.machine.Op;
import rcusim.machine.StepFootprint;
import rcusim.machine.StepObserver;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/**
 * What the kernel's steps report to a partial-order reduction: CPU-local kernel operations
 * (the irq flag, preempt_count, an interrupt's entry and exit, the idle loop's WFI) write
 * only their CPU's CONTEXT; wake-ups, schedule(), softirqs and lockless writes of shared Java
 * state (Kernel.sharedStateWritten) are GLOBAL, dependent with every step.
 */
class KernelFootprintTest {
    /** One step's footprint, copied. */
    private record Step(OptionKind kind, int cpu, Op op, String what, boolean global, int[] reads, int[] writes) {
        boolean writes(int object) {
            return Arrays.stream(writes).anyMatch(o -> o == object);
        }

        boolean reads(int object) {
            return Arrays.stream(reads).anyMatch(o -> o == object);
        }
    }

    private static List<Step> run(Simulation m) {
        List<Step> steps = new ArrayList<>();
        m.run(new StepObserver() {
            @Override
            public int choose(Options o) {
                return 0;
            }

            @Override
            public void stepped(StepFootprint s) {
                steps.add(new Step(s.kind(), s.cpu(), s.op(), s.what(), s.isGlobal(), s.reads(), s.writes()));
            }

            @Override
            public void pending(StepFootprint next) {
            }
        });
        return steps;
    }

    private static Step first(List<Step> steps, String what) {
        return steps.stream().filter(s -> what.equals(s.what())).findFirst().orElseThrow(() -> new AssertionError(
                "no step " + what + " in " + steps));
    }

    @Test
    void irqFlagStepsAreTheirCpusOwnAndAWakeUpIsGlobal() {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.SC), StrandFactory.best(), false);
        long x = m.kernel().alloc(1);
        Task sleeper = m.spawn(0, "sleeper", k -> {
            k.setCurrentState(TaskState.INTERRUPTIBLE);
            if (k.readOnce(x) == 0) {
                k.schedule();
            }
            k.setCurrentState(TaskState.RUNNING);
        });
        m.spawn(1, "waker", k -> {
            long flags = k.localIrqSave();
            k.writeOnce(x, 1);
            k.localIrqRestore(flags);
            k.preemptDisable();
            k.preemptEnable();
            k.writeOnce(x, 2);
            k.wakeUpProcess(sleeper);
        });
        List<Step> steps = run(m);
        for (String local : List.of("local_irq_save", "local_irq_enable", "preempt_enable")) {
            Step s = first(steps, local);
            assertFalse(s.global(), local + " is GLOBAL: " + s);
            assertTrue(s.writes(StepFootprint.contextObject(1)), local + " does not write CPU 1's CONTEXT: " + s);
        }
        assertTrue(first(steps, "wake_up_process").global(), "a wake-up must be GLOBAL");
        assertTrue(steps.stream().anyMatch(s -> s.cpu() == 0 && s.global()), "the sleeper's schedule() must be GLOBAL");
    }

    @Test
    void anIpiIsItsCpusOwnButItsFunctionIsGlobal() {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.SC), StrandFactory.best(), false);
        long x = m.kernel().alloc(1);
        m.spawn(0, "busy", k -> {
            for (int i = 0; i < 3; i++) {
                k.writeOnce(x, i);
            }
        });
        m.spawn(1, "sender", k -> k.smpCallFunctionSingle(0, kk -> kk.readOnce(x), true));
        List<Step> steps = run(m);
        Step irq = steps.stream().filter(s -> s.kind() == OptionKind.INTERRUPT).findFirst().orElseThrow();
        assertEquals(0, irq.cpu());
        assertTrue(irq.writes(StepFootprint.contextObject(0)), irq.toString());
        assertTrue(irq.global(), "the call queue holds other CPUs' requests: the handler reports it " + irq);
    }

    /**
     * A step is the operation it performs and the code after it, up to the next operation:
     * the preempt_enable() step whose code goes on to write shared state is GLOBAL, the next
     * one is not.
     */
    @Test
    void aLocklessWriteOfSharedStateMakesItsStepGlobal() {
        Simulation m = new Simulation(MachineConfig.of(1, MemoryModel.SC), StrandFactory.best(), false);
        long x = m.kernel().alloc(1);
        m.spawn(0, "writer", k -> {
            k.preemptDisable();
            k.preemptEnable();
            k.sharedStateWritten();
            k.preemptDisable();
            k.preemptEnable();
            k.writeOnce(x, 1); // the step ends in a memory operation, not in the task's exit
        });
        List<Step> enables = run(m).stream().filter(s -> "preempt_enable".equals(s.what())).toList();
        assertEquals(2, enables.size(), enables.toString());
        assertTrue(enables.get(0).global(), enables.get(0).toString());
        assertFalse(enables.get(1).global(), enables.get(1).toString());
    }

    /**
     * A named piece of shared state (rcu_state's lockless fields, say) orders only its users:
     * the step that writes it writes its object and is not GLOBAL, the other CPU's step that
     * reads it reads the object, and a step that does neither touches it not at all.
     */
    @Test
    void aNamedSharedStateIsWrittenAndReadByItsUsersOnly() {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.SC), StrandFactory.best(), false);
        long x = m.kernel().alloc(1);
        long y = m.kernel().alloc(1);
        SharedState phase = m.kernel().newSharedState("phase");
        m.spawn(0, "writer", k -> {
            k.preemptDisable();
            k.preemptEnable();
            k.sharedStateWritten(phase);
            k.writeOnce(x, 1);
        });
        m.spawn(1, "reader", k -> {
            k.localIrqDisable();
            k.localIrqEnable();
            k.sharedStateRead(phase);
            k.writeOnce(y, 1);
        });
        List<Step> steps = run(m);
        int object = StepFootprint.kernelObject(2, phase.id());
        Step write = first(steps, "preempt_enable");
        assertFalse(write.global(), write.toString());
        assertTrue(write.writes(object), write.toString());
        Step read = first(steps, "local_irq_enable");
        assertFalse(read.global(), read.toString());
        assertTrue(read.reads(object) && !read.writes(object), read.toString());
        Step other = first(steps, "local_irq_disable");
        assertFalse(other.reads(object) || other.writes(object), other.toString());
    }

    /**
     * A task that sleeps switches its CPU to another task in a step of that CPU's own
     * (CONTEXT), not a GLOBAL one; another CPU that looks at which task it runs is GLOBAL,
     * a look at its own CPU is not.
     */
    @Test
    void aSwitchIsItsCpusOwnAndALookAtAnotherCpusTaskIsGlobal() {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.SC)
                .withKernel(rcusim.machine.KernelConfig.kernel().withStepNs(1)), StrandFactory.best(), false);
        long x = m.kernel().alloc(1);
        Task sleeper = m.spawn(0, "sleeper", k -> {
            k.writeOnce(x, 1);
            k.setCurrentState(TaskState.INTERRUPTIBLE);
            k.schedule();
        });
        m.spawn(1, "looker", k -> {
            k.localIrqDisable();
            k.cpuCurr(1);
            k.localIrqEnable();
            k.cpuCurr(0);
            k.preemptDisable();
            k.preemptEnable();
            k.wakeUpProcess(sleeper);
        });
        List<Step> steps = run(m);
        // the sleeper's steps: its store, set_current_state()'s barrier, __schedule()'s barrier
        // and the switch to the idle task
        List<Step> barriers = steps.stream().filter(s -> s.cpu() == 0 && s.op() == Op.MB).limit(2).toList();
        assertEquals(2, barriers.size(), steps.toString());
        for (Step s : barriers) {
            assertFalse(s.global(), "the sleeper going to sleep: " + s);
            assertTrue(s.writes(StepFootprint.contextObject(0)), s.toString());
        }
        assertFalse(first(steps, "local_irq_disable").global(), "a look at its own CPU");
        assertTrue(first(steps, "local_irq_enable").global(), "a look at CPU 0 from CPU 1");
    }

    /**
     * A mutex's owner and a completion's count are Java state that every CPU's lock, unlock
     * and wait use: those steps are GLOBAL (these were made during the run, so they have no
     * shared state of their own), as is a waiter adding itself to a wait queue.
     */
    @Test
    void aMutexsLockAndUnlockAndACompletionsTakeAreGlobal() {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.SC), StrandFactory.best(), false);
        long x = m.kernel().alloc(1);
        Mutex mtx = new Mutex("mtx");
        Completion done = new Completion("done");
        m.spawn(0, "taker", k -> {
            k.mutexLock(mtx); // its barrier's step takes the mutex
            k.writeOnce(x, 1);
            k.mutexUnlock(mtx); // and this one gives it back
            k.preemptDisable();
            k.preemptEnable();
            done.waitForCompletion(k);
            k.writeOnce(x, 2);
        });
        m.spawn(1, "completer", k -> {
            k.localIrqDisable();
            k.localIrqEnable();
            done.complete(k);
        });
        List<Step> cpu0 = run(m).stream().filter(s -> s.cpu() == 0 && s.kind() == OptionKind.STEP).toList();
        List<Step> barriers = cpu0.stream().filter(s -> s.op() == Op.MB).toList();
        assertTrue(barriers.get(0).global(), "mutex_lock(): " + barriers.get(0));
        assertTrue(barriers.get(1).global(), "mutex_unlock(): " + barriers.get(1));
        Step before = first(cpu0, "preempt_enable"); // its code adds the waiter to the queue
        assertTrue(before.global(), "the waiter joins the queue: " + before);
        // woken, it sets its state again (a barrier), whose step finds the count and takes it
        int resumed = cpu0.indexOf(cpu0.stream().filter(s -> s.op() == Op.RESUME).findFirst().orElseThrow());
        Step take = cpu0.get(resumed + 1);
        assertEquals(Op.MB, take.op(), cpu0.toString());
        assertTrue(take.global(), "the waiter takes the count: " + take);
        assertFalse(cpu0.get(resumed + 2).global(), "the next barrier touches nothing shared: " + cpu0);
    }

    /**
     * A wake-up does its shared work when it is performed (that step is GLOBAL); the step whose
     * code only leads to it is not. kthread_park() sets the kthread's flag before its kernel
     * operation, so the step leading to that one is GLOBAL.
     */
    @Test
    void onlyTheWakeUpItselfIsGlobalNotTheStepLeadingToIt() {
        Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.SC)
                .withKernel(rcusim.machine.KernelConfig.kernel().withStepNs(1)), StrandFactory.best(), false);
        long x = m.kernel().alloc(1);
        Task sleeper = m.spawn(0, "sleeper", k -> {
            k.setCurrentState(TaskState.INTERRUPTIBLE);
            k.schedule();
        });
        Task parked = m.kernel().kthreadCreate("parked", k -> {
            while (!k.kthreadShouldStop()) {
                if (k.kthreadShouldPark()) {
                    k.kthreadParkme();
                }
                k.condResched();
            }
        });
        m.spawn(1, "waker", k -> {
            k.writeOnce(x, 1);
            k.wakeUpProcess(sleeper);
            k.preemptDisable();
            k.preemptEnable();
            k.kthreadPark(parked);
        });
        List<Step> steps = run(m);
        Step lead = steps.stream().filter(s -> s.cpu() == 1 && s.op() == Op.STORE).findFirst().orElseThrow();
        assertFalse(lead.global(), "the store whose code goes on to wake_up_process(): " + lead);
        assertTrue(first(steps, "wake_up_process").global(), "the wake-up itself");
        assertTrue(first(steps, "preempt_enable").global(), "the step leading to kthread_park(): " + steps);
    }

    /**
     * swake_up_one() of a queue nobody waits on changes nothing: its step reads the queue and
     * is not GLOBAL, so it commutes with the other CPU's steps that leave the queue alone.
     * With a task waiting it wakes the task, which is GLOBAL.
     */
    @Test
    void aWakeUpOfAnEmptyQueueReadsOnlyTheQueue() {
        for (boolean waiter : new boolean[] {false, true}) {
            Simulation m = new Simulation(MachineConfig.of(2, MemoryModel.SC), StrandFactory.best(), false);
            long flag = m.kernel().alloc(1);
            WaitQueue wq = new WaitQueue(m.kernel(), "wq");
            if (waiter) {
                m.spawn(0, "sleeper", k -> wq.waitEvent(k, () -> k.readOnce(flag) != 0)); // runs first, and sleeps
            }
            m.spawn(1, "waker", k -> {
                k.writeOnce(flag, 1);
                wq.wakeUpOne(k);
                k.readOnce(flag); // the wake-up's step runs up to here (the task's end is GLOBAL)
            });
            Step wake = first(run(m), "wake_up_one(wq)");
            assertEquals(waiter, wake.global(), wake.toString());
            // the queue is a kernel object: below every CPU's pseudo-objects
            assertTrue(Arrays.stream(wake.reads()).anyMatch(o -> o <= StepFootprint.kernelObject(2, 0)),
                    waiter + " " + Arrays.toString(wake.reads()));
        }
    }
}
