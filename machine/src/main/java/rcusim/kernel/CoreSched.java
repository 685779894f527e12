package rcusim.kernel;

import java.util.function.Consumer;
import rcusim.machine.Instructions;
import rcusim.machine.Op;
import rcusim.machine.SimFailure;
import rcusim.machine.memory.MemorySystem;

/**
 * The core scheduler (kernel/sched/core.c and friends): __schedule() and its callers
 * (schedule(), cond_resched(), wake-ups, resched requests), task state, kthread creation,
 * stop and park, task exit, user mode entry and exit, and each CPU's idle task with its idle
 * loop. Which task runs next and where a woken task goes is {@link RunQueues}.
 */
final class CoreSched {
    private final Kernel k;
    private final KernelEnvironment env;
    private final Instructions insn;
    private final MemorySystem mem;

    CoreSched(Kernel k, KernelEnvironment env) {
        this.k = k;
        this.env = env;
        this.insn = env.machine.instructions();
        this.mem = env.memory();
    }

    // ---------------------------------------------------------------- scheduling

    /** might_sleep(): sleeping here must be allowed. */
    public void mightSleep(String what) {
        PerCpu c = k.thisCpu();
        KernelContext x = env.current();
        if (c.preemptCount != 0 || c.hw.irqsDisabled || x.kind != ContextKind.TASK) {
            throw new SimFailure(SimFailure.Kind.ATOMIC_SLEEP,
                    "BUG: sleeping function called from invalid context at " + what + "\n"
                    + "in_atomic(): " + (c.preemptCount != 0 ? 1 : 0) + ", irqs_disabled(): "
                    + (c.hw.irqsDisabled ? 1 : 0) + ", non_block: 0, pid: " + x.task.pid + ", name: " + x.task.comm
                    + "\npreempt_count: " + Integer.toHexString(c.preemptCount) + k.lockdep.heldLocksReport(x));
        }
    }

    /** set_current_state(): the state store followed by a full barrier (smp_store_mb). */
    public void setCurrentState(TaskState s) {
        k.current().state = s;
        k.smpMb();
    }

    /** __set_current_state(): no barrier. */
    public void setCurrentStateNoBarrier(TaskState s) {
        k.current().state = s;
    }

    /** schedule(): switches away; the current task sleeps unless its state is TASK_RUNNING. */
    public void schedule() {
        schedule(false);
    }

    /**
     * __schedule(). Hooks first (rcu_note_context_switch()), then the switch, which is a full
     * barrier (the rq lock plus smp_mb__after_spinlock()): a task never leaves stores behind
     * in a CPU's store buffer when it migrates.
     *
     * <p>For a partial-order reduction a switch among this CPU's own tasks is this CPU's work
     * (its CONTEXT), not GLOBAL: its run queue, rq->curr, need_resched and the states of the
     * tasks it switches are changed by other CPUs only in GLOBAL steps (a wake-up, an enqueue,
     * resched_curr(), hotplug) and read by them only there (select_task_rq(), or
     * {@link Kernel#cpuCurr}, which reports a look at another CPU), so those steps order
     * themselves against it. What reaches further says so itself: a pick among several
     * queued tasks is a kernel choice, a task that must leave is enqueued on another CPU, the
     * hooks' shared state is under locks or reported.
     */
    void schedule(boolean preempt) {
        PerCpu c = k.thisCpu();
        KernelContext x = env.current();
        Task prev = x.task;
        if (x.kind != ContextKind.TASK) {
            throw new SimFailure(SimFailure.Kind.ATOMIC_SLEEP, "BUG: scheduling while atomic: " + prev.comm + "/"
                    + prev.pid + "/" + Kernel.hex(c.preemptCount) + " (in hardirq context)");
        }
        if (!preempt && (c.preemptCount != 0 || c.hw.irqsDisabled)) {
            throw new SimFailure(SimFailure.Kind.ATOMIC_SLEEP, "BUG: scheduling while atomic: " + prev.comm + "/"
                    + prev.pid + "/" + Kernel.hex(c.preemptCount) + (c.hw.irqsDisabled ? " (irqs disabled)" : "")
                    + k.lockdep.heldLocksReport(x));
        }
        // __schedule(): irqs and preemption off around rcu_note_context_switch() and the switch
        c.preemptCount += PreemptCount.PREEMPT_OFFSET;
        c.hw.irqsDisabled = true;
        env.hooks.noteContextSwitch(k, preempt);
        k.smpMb();
        c = k.thisCpu();
        c.preemptCount -= PreemptCount.PREEMPT_OFFSET;
        c.hw.irqsDisabled = false;
        c.needResched = false;
        RunQueues s = env.runQueues;
        boolean sleeping = !preempt && prev.state != TaskState.RUNNING;
        boolean mustLeave = !sleeping && (!prev.allowedOn(c) || !c.hw.online) && prev != c.idle;
        Task next = s.pickNext(c, sleeping || mustLeave ? null : prev);
        if (next == prev) {
            return;
        }
        if (mustLeave) {
            s.enqueue(s.selectTaskRq(prev, c), prev);
        } else if (!sleeping && prev != c.idle) {
            prev.onRq = true;
            prev.cpu = c;
            c.runqueue.add(prev);
        }
        traceSwitch(c, prev, next, preempt);
        s.switchTo(c, next);
        insn.step(Op.RESUME);
    }

    private void traceSwitch(PerCpu c, Task prev, Task next, boolean preempt) {
        if (env.tracing()) {
            env.traceEvent(c, "sched_switch " + prev + " ==> " + next);
            env.tracepoints.schedSwitch(c, prev, next, preempt);
        }
    }

    /** schedule() from the idle loop. */
    void scheduleIdle() {
        schedule(true);
    }

    /** cond_resched(): a voluntary preemption point. */
    public void condResched() {
        PerCpu c = k.thisCpu();
        if (c.preemptCount != 0 || c.hw.irqsDisabled) {
            return;
        }
        env.hooks.condResched(k);
        k.localKernelStep("cond_resched");
        c = k.thisCpu();
        if (c.needResched && c.preemptCount == 0) {
            schedule(true);
        }
    }

    /** yield(): lets another runnable task run. */
    public void yield() {
        k.thisCpu().needResched = true;
        condResched();
    }

    /** wake_up_process(): true if the task was asleep. */
    public boolean wakeUpProcess(Task t) {
        k.sharedKernelStep("wake_up_process");
        return env.runQueues.wakeUp(t, k.thisCpu());
    }

    /** Whether a reschedule is due on this CPU (need_resched()). */
    public boolean needResched() {
        return k.thisCpu().needResched;
    }

    /** set_tsk_need_resched() on this CPU. */
    public void setNeedResched() {
        k.thisCpu().needResched = true;
    }

    /** resched_cpu(): asks CPU cpu to reschedule (a resched IPI if it is another CPU). */
    public void reschedCpu(int cpu) {
        k.sharedKernelStep("resched_cpu");
        env.runQueues.reschedCurr(env.cpu(cpu), k.thisCpu());
    }

    // ---------------------------------------------------------------- kthreads

    /** kthread_create(): a kthread that runs body once woken; it may run on any online CPU. */
    public Task kthreadCreate(String name, Consumer<Kernel> body) {
        return createTask(name, Task.Kind.KTHREAD, false, body);
    }

    /** kthread_run(): create and wake. */
    public Task kthreadRun(String name, Consumer<Kernel> body) {
        Task t = kthreadCreate(name, body);
        wakeUpProcess(t);
        return t;
    }

    private Task createTask(String name, Task.Kind kind, boolean workload, Consumer<Kernel> body) {
        Task t = env.newTask(name, kind, workload, body);
        t.state = TaskState.UNINTERRUPTIBLE;
        if (env.inSimulatedCode()) {
            t.cpu = k.thisCpu();
        }
        return t;
    }

    /** kthread_bind(): before it first runs. */
    public void kthreadBind(Task t, int cpu) {
        env.cpu(cpu);
        t.boundCpu = cpu;
        t.homeCpu = cpu;
    }

    public boolean kthreadShouldStop() {
        return k.current().shouldStop;
    }

    /** kthread_stop(): asks the kthread to stop, wakes it and waits until it has exited. */
    public void kthreadStop(Task t) {
        mightSleep("kthread_stop");
        t.shouldStop = true;
        wakeUpProcess(t);
        k.waitUntil(() -> t.state == TaskState.DEAD, "kthread_stop(" + t + ")");
    }

    public boolean kthreadShouldPark() {
        return k.current().shouldPark;
    }

    /** kthread_parkme(): sleeps in TASK_PARKED until unparked. */
    public void kthreadParkme() {
        Task me = k.current();
        while (me.shouldPark) {
            me.state = TaskState.PARKED;
            me.parked = true;
            me.blockedOn = "kthread_park";
            schedule();
        }
        me.parked = false;
    }

    /** kthread_park(): asks t to park and waits until it has. */
    public void kthreadPark(Task t) {
        t.shouldPark = true;
        k.kernelStep("kthread_park");
        env.runQueues.wakeUp(t, k.thisCpu());
        k.waitUntil(() -> t.parked, "kthread_park(" + t + ")");
    }

    /** kthread_unpark(): a per-CPU kthread gets its CPU binding back and runs again. */
    public void kthreadUnpark(Task t) {
        t.shouldPark = false;
        k.kernelStep("kthread_unpark");
        t.parked = false;
        if (t.homeCpu >= 0) {
            t.boundCpu = t.homeCpu;
        }
        if (t.state == TaskState.PARKED) {
            t.state = TaskState.UNINTERRUPTIBLE;
            env.runQueues.wakeUp(t, k.thisCpu());
        }
    }

    /** The task exits (its code returned): switch to the next one. */
    void taskExit(PerCpu c, Task t) {
        env.sharedStateTouched(); // the task's state, its waiters, the switch to the next task
        if (c.preemptCount != 0 || c.hw.irqsDisabled) {
            throw new SimFailure(SimFailure.Kind.KERNEL_MISUSE, "task " + t + " exited with "
                    + (c.hw.irqsDisabled ? "irqs disabled" : "preempt_count " + Kernel.hex(c.preemptCount)));
        }
        k.lockdep.checkTaskExit(t);
        // do_task_dead()'s __schedule() has the switch's full barrier too: the next task on c
        // must not read values older than those c's earlier tasks saw (a task migrating here
        // would otherwise see its own reads go back in time). The exiting task's stores stay in
        // c's buffer, where c's next task forwards from them.
        mem.readFence(c.id);
        env.taskExited(t);
        if (env.tracing()) {
            env.traceEvent(c, "sched_process_exit " + t);
        }
        Task next = env.runQueues.pickNext(c, null);
        env.runQueues.switchTo(c, next);
    }

    // ---------------------------------------------------------------- user mode and context tracking

    /** Returns to user mode: context tracking leaves the kernel (RCU stops watching). */
    public void enterUser() {
        Task t = k.current();
        if (t.kind != Task.Kind.USER || t.inUser) {
            throw k.misuse("enter_user from " + t + (t.inUser ? ", already in user mode" : ", not a user task"));
        }
        k.localIrqDisable();
        ContextTracking.exitKernel(k, true);
        t.inUser = true;
        k.localIrqEnable();
    }

    /** n steps of user-mode code; interrupts and preemption may come between them. */
    public void userWork(int n) {
        Task t = k.current();
        if (!t.inUser) {
            throw k.misuse("user-mode work while in the kernel");
        }
        for (int i = 0; i < n; i++) {
            insn.step(Op.USER);
        }
    }

    /** Enters the kernel from user mode (a system call): RCU watches again. */
    public void exitUser() {
        Task t = k.current();
        if (!t.inUser) {
            throw k.misuse("exit_user while in the kernel");
        }
        k.localIrqDisable();
        t.inUser = false;
        ContextTracking.enterKernel(k, true);
        k.localIrqEnable();
    }

    // ---------------------------------------------------------------- boot

    /** Idle tasks, ksoftirqd, context-tracking counters: the environment of a kernel config. */
    void bootKernelEnvironment() {
        for (PerCpu c : env.cpus) {
            c.ctCounterLoc = mem.allocate(1, 1);
            Task idle = env.newTask(c.id == 0 ? "swapper/0" : "swapper/" + c.id, Task.Kind.IDLE, false,
                    kk -> idleLoop());
            idle.boundCpu = c.id;
            idle.state = TaskState.RUNNING;
            idle.cpu = c;
            c.idle = idle;
        }
        for (PerCpu c : env.cpus) {
            Task ksoftirqd = env.newTask("ksoftirqd/" + c.id, Task.Kind.KTHREAD, false, kk -> kk.irqs.ksoftirqdLoop());
            ksoftirqd.boundCpu = c.id;
            ksoftirqd.homeCpu = c.id;
            ksoftirqd.state = TaskState.INTERRUPTIBLE;
            ksoftirqd.cpu = c;
            c.ksoftirqd = ksoftirqd;
        }
    }

    /** The idle task's loop (do_idle()). */
    private void idleLoop() {
        while (true) {
            PerCpu c = k.thisCpu();
            if (!c.hw.online) {
                k.hotplug.idleDead();
                continue;
            }
            while (!k.thisCpu().needResched && k.thisCpu().hw.online) {
                k.localIrqDisable();
                if (k.thisCpu().needResched || !k.thisCpu().hw.online) {
                    k.thisCpu().hw.irqsDisabled = false;
                    break;
                }
                ContextTracking.exitKernel(k, false);
                k.thisCpu().hw.wfiWoken = false;
                insn.step(Op.WFI);
                k.thisCpu().hw.wfiWoken = false;
                ContextTracking.enterKernel(k, false);
                k.localIrqEnable();
            }
            if (k.thisCpu().hw.online) {
                scheduleIdle();
            }
        }
    }
}
