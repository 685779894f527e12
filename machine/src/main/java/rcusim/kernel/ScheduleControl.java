package rcusim.kernel;

import rcusim.machine.Preemption;
import rcusim.machine.Vector;

/**
 * What a scripted schedule may see of the kernel and do to it between machine steps (never
 * from simulated code): which task runs on which CPU and in what context, whether a CPU can be
 * preempted, and two on-demand interrupts (a tick, a reschedule IPI) that the hardware could
 * have raised at that moment. Nothing here is a decision: raising an interrupt only adds an
 * option the schedule then takes.
 */
public final class ScheduleControl {
    private final KernelEnvironment env;

    ScheduleControl(KernelEnvironment env) {
        this.env = env;
    }

    public int cpus() {
        return env.cpus.length;
    }

    public boolean online(int cpu) {
        return env.cpus[cpu].hw.online;
    }

    /** The task current on cpu (its idle task included), or null before boot. */
    public Task current(int cpu) {
        return env.cpus[cpu].curr;
    }

    /**
     * Whether cpu runs the current task's own code: no hardirq on top of it and the scheduler
     * not running on its behalf (as after a preemption at irq exit, until it switched).
     */
    public boolean inTaskCode(int cpu) {
        PerCpu c = env.cpus[cpu];
        return c.irqStack.isEmpty() && c.curr != null && c.curr.stack.size() == 1;
    }

    /** The name of what runs on cpu now: a hardirq's, the scheduler's or the current task's context. */
    public String runningContext(int cpu) {
        KernelContext x = env.cpus[cpu].top();
        return x == null ? "nothing" : x.name;
    }

    /** What cpu is doing, for a schedule's messages: its context, the operation it waits on, irqs, store buffer. */
    public String describe(int cpu) {
        return env.kernel.describeCpu(cpu);
    }

    /** Entries in cpu's store buffer. */
    public int storeBufferSize(int cpu) {
        return env.memory().storeBufferSize(cpu);
    }

    /** The first task of that name (comm), or null. */
    public Task task(String comm) {
        for (Task t : env.tasks) {
            if (t.comm.equals(comm)) {
                return t;
            }
        }
        return null;
    }

    /** The CPU task t is current on, or -1 when it is not current anywhere (queued, sleeping, exited). */
    public int cpuOf(Task t) {
        return t.cpu != null && t.cpu.curr == t && t.state != TaskState.DEAD ? t.cpu.id : -1;
    }

    /** Whether vector v is pending on cpu. */
    public boolean pending(int cpu, Vector v) {
        return (env.cpus[cpu].hw.pendingIrqs & v.bit()) != 0;
    }

    /**
     * Why returning from an interrupt on cpu now would not preempt its task (the test irq exit
     * makes), or null when it would.
     */
    public String whyNotPreemptible(int cpu) {
        PerCpu c = env.cpus[cpu];
        if (!c.hw.online) {
            return "CPU " + cpu + " is offline";
        }
        if (c.curr == null || c.curr == c.idle) {
            return "CPU " + cpu + " runs its idle task";
        }
        if (!inTaskCode(cpu)) {
            return "CPU " + cpu + " is not in task code (it runs " + runningContext(cpu) + ")";
        }
        if (env.kernelConfig().preemption() != Preemption.FULL && !c.curr.inUser) {
            return "the kernel is not preemptible (" + env.kernelConfig().preemption() + ") and " + c.curr.comm
                    + " is in kernel mode";
        }
        if (c.preemptCount != 0) {
            return c.curr.comm + " on CPU " + cpu + " has preemption disabled (preempt_count " + Kernel.hex(c.preemptCount)
                    + ")";
        }
        if (c.hw.irqsDisabled) {
            return c.curr.comm + " on CPU " + cpu + " has irqs disabled";
        }
        return null;
    }

    /** Why cpu cannot take an interrupt now, or null when it can. */
    public String whyNotInterruptible(int cpu) {
        PerCpu c = env.cpus[cpu];
        if (!c.hw.online) {
            return "CPU " + cpu + " is offline";
        }
        return c.interruptible() ? null : "CPU " + cpu + " has irqs disabled (it runs " + runningContext(cpu) + ")";
    }

    /** The scheduling-clock tick falls due on cpu now (a tick on demand). */
    public void raiseTick(int cpu) {
        raise(cpu, Vector.TICK);
    }

    /** resched_curr(): need_resched on cpu and a reschedule IPI, whose exit preempts a preemptible task. */
    public void reschedCpu(int cpu) {
        PerCpu c = env.cpus[cpu];
        c.needResched = true;
        raise(cpu, Vector.RESCHEDULE);
    }

    /**
     * Starts a CPU hotplug operation as the kernel's control task would: a workload kthread
     * {@code sched_hotplug} bound to CPU from, runnable at once, that calls cpu_down(cpu) (or
     * add_cpu(cpu)) and exits; CPU from is asked to reschedule so that it switches to it. The
     * run waits for it like any workload task.
     *
     * @return the control task, or null with the reason in why[0] when the operation cannot start
     */
    public Task startHotplug(int cpu, boolean down, int from, String[] why) {
        PerCpu target = env.cpus[cpu];
        PerCpu c = env.cpus[from];
        if (!env.kernelConfig().idleTasks()) {
            why[0] = "CPU hotplug needs the kernel environment (idle tasks); this machine runs bare CPUs";
        } else if (from == cpu) {
            why[0] = "the control task cannot run on the CPU it takes " + (down ? "down" : "up");
        } else if (!c.hw.online) {
            why[0] = "CPU " + from + " (for the control task) is offline";
        } else if (down == !target.hw.online || !down && !target.dead) {
            why[0] = "CPU " + cpu + " is " + (down ? "already offline" : target.hw.online ? "online" : "still going down");
        } else {
            Task t = env.newTask("sched_hotplug", Task.Kind.KTHREAD, true,
                    k -> {
                        if (down) {
                            k.cpuDown(cpu);
                        } else {
                            k.cpuUp(cpu);
                        }
                    });
            t.state = TaskState.RUNNING;
            t.boundCpu = from;
            env.runQueues.enqueue(c, t);
            env.runQueues.reschedCurr(c, null);
            if (env.tracing()) {
                env.traceEvent(c, "schedule starts " + (down ? "cpu_down(" : "add_cpu(") + cpu + ")");
            }
            return t;
        }
        return null;
    }

    private void raise(int cpu, Vector v) {
        PerCpu c = env.cpus[cpu];
        c.hw.raise(v);
        env.wake(c);
        if (env.tracing()) {
            env.traceEvent(c, "schedule raises " + v.traceName);
        }
    }
}
