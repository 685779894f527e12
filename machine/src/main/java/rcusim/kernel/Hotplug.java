package rcusim.kernel;

import java.util.ArrayList;
import java.util.List;
import rcusim.machine.Op;

/**
 * CPU hotplug: a control task takes a CPU down and brings it up through the registered steps,
 * each run where the kernel runs it (see {@link CpuhpGroup}).
 *
 * <p>Down: the subsystems' deactivate hook (sched_cpu_deactivate(), where RCU waits for a grace
 * period) and the ONLINE teardowns in the control task; the CPU's per-CPU kthreads park; the CPU's
 * stopper (migration/N, which preempts whatever runs there) disables irqs, clears the CPU from
 * cpu_online_mask, runs the STARTING teardowns, flushes queued IPIs and irq_work and moves its
 * queued tasks away; the CPU then has only its idle task, which runs the IDLE_DEAD steps and
 * stops. The control task waits for that, runs the PREPARE teardowns and moves the CPU's
 * timers to its own CPU. Pending softirqs stay pending and run once the CPU is back.
 *
 * <p>Up: PREPARE startups in the control task; the CPU's idle task resumes with irqs disabled,
 * runs the STARTING startups, sets the CPU online, restarts its tick and enables irqs; the
 * control task waits for that, runs the ONLINE startups and unparks the per-CPU kthreads.
 *
 * <p>Operations are serialised by the cpu_hotplug_lock mutex.
 */
final class Hotplug {
    private record Step(String name, CpuhpGroup group, CpuhpCallback startup, CpuhpCallback teardown) {
    }

    private final KernelEnvironment m;
    private final Kernel k;
    private final List<Step> steps = new ArrayList<>();
    private final Mutex hotplugLock = new Mutex("cpu_hotplug_lock");
    private Task[] orchestrator;

    Hotplug(KernelEnvironment m, Kernel k) {
        this.m = m;
        this.k = k;
    }

    void setup(String name, CpuhpGroup group, CpuhpCallback startup, CpuhpCallback teardown) {
        steps.add(new Step(name, group, startup, teardown));
    }

    Task orchestrator(PerCpu c) {
        return orchestrator == null ? null : orchestrator[c.id];
    }

    private void runStartups(CpuhpGroup g, PerCpu c) {
        for (Step s : steps) {
            if (s.group == g && s.startup != null) {
                trace(c, "cpuhp_enter " + s.name + " (startup)");
                s.startup.run(k, c.id);
            }
        }
    }

    private void runTeardowns(CpuhpGroup g, PerCpu c) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            if (s.group == g && s.teardown != null) {
                trace(c, "cpuhp_enter " + s.name + " (teardown)");
                s.teardown.run(k, c.id);
            }
        }
    }

    private void trace(PerCpu c, String what) {
        if (m.tracing()) {
            m.traceEvent(k.thisCpu(), what + " cpu=" + c.id);
            m.tracepoints.emit(k.thisCpu(), what.startsWith("cpuhp_exit") ? "cpuhp_exit" : "cpuhp_enter",
                    "cpu: " + String.format("%04d", c.id) + " " + what.substring(what.indexOf(' ') + 1));
        }
    }

    private void begin(PerCpu c) {
        if (!m.kernelConfig().idleTasks()) {
            throw k.misuse("CPU hotplug needs the kernel environment (idle tasks)");
        }
        k.mightSleep("cpu hotplug");
        k.mutexLock(hotplugLock);
        if (orchestrator == null) {
            orchestrator = new Task[m.cpus.length];
        }
        orchestrator[c.id] = k.current();
    }

    private void end(PerCpu c) {
        orchestrator[c.id] = null;
        k.mutexUnlock(hotplugLock);
    }

    void down(PerCpu c) {
        if (!c.hw.online) {
            throw k.misuse("cpu_down(" + c.id + "): CPU " + c.id + " is already offline");
        }
        begin(c);
        try {
            if (!c.hw.online) {
                throw k.misuse("cpu_down(" + c.id + "): CPU " + c.id + " is already offline");
            }
            if (m.runQueues.onlineCount() == 1) {
                throw k.misuse("cpu_down(" + c.id + "): cannot take the last online CPU offline");
            }
            k.label("cpu_down_start");
            m.hooks.cpuDeactivate(k, c.id);
            runTeardowns(CpuhpGroup.ONLINE, c);
            k.kthreadPark(c.ksoftirqd);
            stopMachineOn(c);
            k.waitUntil(() -> c.dead, "CPU " + c.id + " to die");
            // cpuhp_bp_sync_dead(): the control CPU's fully ordered atomic_try_cmpxchg() of the
            // sync state pairs with the dying CPU's: it sees every store the dying CPU made
            // (e.g. RCU's qsmaskinitnext) before reporting itself dead
            k.smpMb();
            k.label("cpu_down_dead");
            runTeardowns(CpuhpGroup.PREPARE, c);
            PerCpu here = k.thisCpu();
            Timers.migrate(m, c, here);
            trace(c, "cpuhp_exit offline");
            k.label("cpu_down_done");
        } finally {
            end(c);
        }
    }

    /** Runs take_cpu_down() on c in its stopper, which preempts whatever c runs. */
    private void stopMachineOn(PerCpu c) {
        if (c.stopper == null) {
            Task t = m.newTask("migration/" + c.id, Task.Kind.KTHREAD, false, kk -> stopperLoop(c));
            t.boundCpu = c.id;
            t.stopper = true;
            t.cpu = c;
            c.stopper = t;
        }
        c.stopperWork = true;
        k.kernelStep("stop_machine");
        c.stopper.state = TaskState.UNINTERRUPTIBLE;
        m.runQueues.wakeUp(c.stopper, k.thisCpu());
        m.runQueues.reschedCurr(c, k.thisCpu());
        k.waitUntil(() -> !c.stopperWork, "stop_machine on CPU " + c.id);
    }

    private void stopperLoop(PerCpu c) {
        while (true) {
            if (c.stopperWork) {
                takeCpuDown(c);
                c.stopperWork = false;
            }
            k.setCurrentStateNoBarrier(TaskState.INTERRUPTIBLE);
            k.current().blockedOn = "stopper work";
            k.schedule();
        }
    }

    private void takeCpuDown(PerCpu c) {
        k.localIrqDisable();
        c.hw.online = false;
        runTeardowns(CpuhpGroup.STARTING, c);
        k.irqs.flushQueues(c);
        m.runQueues.migrateQueued(c);
        c.hw.pendingIrqs = 0;
        c.needResched = true;
        k.thisCpu().hw.irqsDisabled = false;
    }

    /** The dying CPU's idle task: it reports itself dead and stops until brought up. */
    void idleDead() {
        PerCpu c = k.thisCpu();
        c.hw.irqsDisabled = true;
        runTeardowns(CpuhpGroup.IDLE_DEAD, c);
        c = k.thisCpu();
        // cpuhp_ap_report_dead(): a fully ordered atomic_try_cmpxchg() of the sync state
        k.smpMb();
        c.dead = true;
        c.needResched = false;
        k.insn.step(Op.DEAD);
        startSecondary();
    }

    /** The CPU boots again (start_secondary()). */
    private void startSecondary() {
        PerCpu c = k.thisCpu();
        c.bootRequested = false;
        c.dead = false;
        c.hw.irqsDisabled = true;
        runStartups(CpuhpGroup.STARTING, c);
        c = k.thisCpu();
        // the AP's own stores (RCU's qsmaskinitnext) are ordered before it is seen online: the
        // kernel's set_cpu_online() and complete_ap_thread() order them (a fully ordered
        // bitop, then a completion the control CPU waits for)
        k.smpMb();
        c.hw.online = true;
        m.clock.restartTick(c);
        c.hw.irqsDisabled = false;
    }

    void up(PerCpu c) {
        if (c.hw.online) {
            throw k.misuse("cpu_up(" + c.id + "): CPU " + c.id + " is already online");
        }
        begin(c);
        try {
            if (c.hw.online) {
                throw k.misuse("cpu_up(" + c.id + "): CPU " + c.id + " is already online");
            }
            k.waitUntil(() -> c.dead, "CPU " + c.id + " to finish dying");
            k.label("cpu_up_start");
            runStartups(CpuhpGroup.PREPARE, c);
            k.kernelStep("bringup_cpu");
            c.bootRequested = true;
            m.wake(c);
            k.waitUntil(() -> c.hw.online, "CPU " + c.id + " to come online");
            k.smpMb(); // wait_for_ap_thread(): the completion's lock and the wake-up's barrier
            k.label("cpu_up_online");
            runStartups(CpuhpGroup.ONLINE, c);
            k.kthreadUnpark(c.ksoftirqd);
            trace(c, "cpuhp_exit online");
            k.label("cpu_up_done");
        } finally {
            end(c);
        }
    }
}
