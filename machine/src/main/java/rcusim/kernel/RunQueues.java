package rcusim.kernel;

import java.util.ArrayList;
import java.util.List;
import rcusim.machine.Vector;
import rcusim.machine.decide.OptionKind;

/**
 * The runqueues: placing woken tasks, picking the next task, switching a CPU's current task,
 * migrating tasks off a CPU. These are the parts of the scheduler that run under rq locks in
 * the kernel; here each runs within one machine step, so they are plain Java. Which CPU a woken
 * task runs on and which runnable task a CPU picks are decisions.
 */
final class RunQueues {
    private final KernelEnvironment m;

    RunQueues(KernelEnvironment m) {
        this.m = m;
    }

    /** Before the run: a task queued on c; the first one becomes c's current task at boot. */
    void enqueueAtBoot(PerCpu c, Task t) {
        t.state = TaskState.RUNNING;
        t.cpu = c;
        t.onRq = true;
        c.runqueue.add(t);
    }

    /** At boot: c's current task is the first queued one, else its idle task. */
    void startCpu(PerCpu c) {
        Task first = c.runqueue.poll();
        if (first != null) {
            first.onRq = false;
        }
        switchTo(c, first != null ? first : c.idle);
    }

    /** Makes t (or nothing, when null) c's current task. */
    void switchTo(PerCpu c, Task t) {
        if (m.sync != null) {
            m.sync.switched(c.id, c.curr, t);
        }
        c.curr = t;
        c.topChanged();
        if (t != null) {
            t.cpu = c;
            t.onRq = false;
            for (KernelContext x : t.stack) {
                x.moveTo(c.hw);
            }
        }
    }

    /**
     * The task c runs next, prev being its current one when it stays runnable (null when it
     * sleeps or must leave c). The stopper comes first; otherwise any queued task (a decision)
     * other than prev; prev itself if nothing is queued; else the idle task. The chosen task
     * leaves the runqueue. prev may be in a sleeping state when it was preempted between
     * set_current_state() and schedule(): like the kernel's preemption (which does not dequeue
     * it), it stays runnable, and is picked again rather than left queued behind an idle CPU
     * that nothing would ever reschedule.
     */
    Task pickNext(PerCpu c, Task prev) {
        Task stopper = c.stopper;
        if (stopper != null && stopper.onRq && stopper.cpu == c) {
            c.runqueue.remove(stopper);
            stopper.onRq = false;
            return stopper;
        }
        if (!c.runqueue.isEmpty()) {
            int i = m.decide(OptionKind.PICK, c.id, c.runqueue.size());
            Task next = removeAt(c, i);
            next.onRq = false;
            return next;
        }
        if (prev != null && prev.state != TaskState.DEAD && prev.allowedOn(c) && c.hw.online && prev != c.idle) {
            return prev;
        }
        return c.idle;
    }

    private static Task removeAt(PerCpu c, int i) {
        Task found = null;
        int k = 0;
        for (Task t : c.runqueue) {
            if (k++ == i) {
                found = t;
                break;
            }
        }
        c.runqueue.remove(found);
        return found;
    }

    /**
     * try_to_wake_up(): a sleeping task becomes runnable. A task that has not yet switched out
     * (it set its state and is about to call schedule()) just stays. Otherwise it is queued on
     * an allowed online CPU (a decision among its previous CPU, the waker's CPU and an idle
     * CPU) and an idle CPU there is told to reschedule.
     */
    boolean wakeUp(Task p, PerCpu waker) {
        m.sharedStateTouched(); // the task's state, maybe another CPU's run queue
        // like wake_up_process() (TASK_NORMAL): a parked kthread only leaves through kthread_unpark()
        if (p.state == TaskState.RUNNING || p.state == TaskState.DEAD || p.state == TaskState.PARKED) {
            return false;
        }
        p.state = TaskState.RUNNING;
        p.blockedOn = null;
        if (m.sync != null && m.inSimulatedCode()) {
            m.sync.release(m.current(), p.wakeSync);
        }
        if (p.cpu != null && p.cpu.curr == p) {
            return true;
        }
        if (p.onRq) {
            return true;
        }
        PerCpu target = selectTaskRq(p, waker);
        if (m.tracing()) {
            m.tracepoints.schedWakeup(waker, p, target);
        }
        enqueue(target, p);
        return true;
    }

    /** Queues a runnable task on c and makes c reschedule if it is idle. */
    void enqueue(PerCpu c, Task p) {
        m.sharedStateTouched();
        p.cpu = c;
        p.onRq = true;
        c.runqueue.add(p);
        if (c.curr == null && !m.kernelConfig().idleTasks()) {
            // bare machine: a CPU with nothing to run takes the task at once
            c.runqueue.remove(p);
            switchTo(c, p);
            m.wake(c); // c acts again: its option set must look at it
            return;
        }
        if (c.curr == c.idle || p.stopper) {
            reschedCurr(c, waker(c));
        }
    }

    private PerCpu waker(PerCpu target) {
        return m.inSimulatedCode() ? m.cpus[m.current().cpu().id] : target;
    }

    /** resched_curr(): c should reschedule; a remote CPU gets a resched IPI. */
    void reschedCurr(PerCpu c, PerCpu from) {
        c.needResched = true;
        if (c != from && c.hw.online && c.curr != c.idle) {
            c.hw.raise(Vector.RESCHEDULE);
        }
        m.wake(c);
    }

    PerCpu selectTaskRq(Task p, PerCpu waker) {
        List<PerCpu> candidates = new ArrayList<>(3);
        if (p.boundCpu >= 0) {
            PerCpu b = m.cpus[p.boundCpu];
            if (b.hw.online) {
                return b;
            }
            // its only CPU went offline: the kernel breaks the affinity ("no longer affine")
            p.boundCpu = -1;
        }
        addCandidate(candidates, p, p.cpu);
        addCandidate(candidates, p, waker);
        PerCpu start = p.cpu != null ? p.cpu : waker;
        for (int k = 1; k <= m.cpus.length; k++) {
            PerCpu c = m.cpus[(start.id + k) % m.cpus.length];
            if (c.hw.online && c.curr == c.idle && c.runqueue.isEmpty()) {
                addCandidate(candidates, p, c);
                break;
            }
        }
        if (candidates.isEmpty()) {
            for (PerCpu c : m.cpus) {
                if (c.hw.online) {
                    return c;
                }
            }
        }
        return candidates.get(m.decide(OptionKind.PLACE, waker.id, candidates.size()));
    }

    private static void addCandidate(List<PerCpu> out, Task p, PerCpu c) {
        if (c != null && c.hw.online && !out.contains(c)) {
            out.add(c);
        }
    }

    /** Moves every queued task off c (going offline) to other online CPUs. */
    void migrateQueued(PerCpu c) {
        List<Task> moving = new ArrayList<>(c.runqueue);
        c.runqueue.clear();
        for (Task t : moving) {
            t.onRq = false;
            if (t == c.stopper) {
                c.runqueue.add(t);
                t.onRq = true;
                continue;
            }
            enqueue(selectTaskRq(t, c), t);
        }
    }

    int onlineCount() {
        int n = 0;
        for (PerCpu c : m.cpus) {
            if (c.hw.online) {
                n++;
            }
        }
        return n;
    }
}
