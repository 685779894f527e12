package rcusim.scenarios.builtin;

import java.util.SplittableRandom;
import rcusim.kernel.Completion;
import rcusim.kernel.Kernel;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.Ordering;
import rcusim.kernel.Softirq;
import rcusim.kernel.Task;
import rcusim.kernel.TimerList;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.Scenario;

/**
 * CPU hotplug under load. A control task on CPU 0 toggles pseudo-randomly chosen CPUs offline
 * and online while unbound workers count, raise softirqs and get migrated, and a timer re-arms
 * itself every jiffy (so it is migrated too when its CPU dies). At the end every CPU is back,
 * and the control task checks that nothing was lost on the way: every increment, every
 * softirq request, the timer.
 */
final class HotplugStorm implements Scenario {
    static final int CPUS = 4;
    static final int TOGGLES = 20;
    static final int WORKERS = 3;
    /** A worker raises a softirq every this many increments. */
    static final int RAISE_EVERY = 8;
    /** How long the control task waits for late softirqs and the timer before it calls them lost. */
    static final long GRACE_JIFFIES = 100;

    @Override
    public String name() {
        return "hotplug-storm";
    }

    @Override
    public String description() {
        return "takes random CPUs offline and back " + TOGGLES + " times while workers count, raise"
                + " softirqs and a timer re-arms itself; checks that no work is lost (exit 0)";
    }

    @Override
    public MachineConfig config() {
        return MachineConfig.of(CPUS, MemoryModel.WEAK).withKernel(KernelConfig.kernel()).withStepLimit(2_000_000);
    }

    @Override
    public java.util.Map<String, Object> configuration() {
        return java.util.Map.of("storm.toggles", TOGGLES, "storm.workers", WORKERS, "storm.raiseEvery", RAISE_EVERY,
                "storm.graceJiffies", GRACE_JIFFIES);
    }

    @Override
    public void load(Simulation m, long seed) {
        // split(): a stream of the scenario's own, not a copy of the decider's (same seed).
        new Storm(m, new SplittableRandom(seed).split()).spawn(m);
    }

    /** The state of one run, in simulated memory where tasks share it without a lock. */
    private static final class Storm {
        private final SplittableRandom random;
        private final long stop;
        private final long count;
        private final long claimed;
        private final long workersDone;
        /** Softirq requests per CPU, not yet served. */
        private final long requests;
        private final long requested;
        private final long served;
        private final TimerList timer;
        private final Completion timerStopped = new Completion("timer_stopped");

        Storm(Simulation m, SplittableRandom random) {
            Kernel k = m.kernel();
            this.random = random;
            this.stop = k.alloc(1);
            this.count = k.alloc(1);
            this.claimed = k.alloc(1);
            this.workersDone = k.alloc(1);
            this.requests = k.alloc(CPUS);
            this.requested = k.alloc(1);
            this.served = k.alloc(1);
            this.timer = new TimerList("storm_timer", this::timerFn);
            k.openSoftirq(Softirq.TASKLET, this::softirqFn);
        }

        void spawn(Simulation m) {
            m.spawn(0, "hotplug", this::control);
            for (int w = 0; w < WORKERS; w++) {
                m.spawnUnbound(1 + w % (CPUS - 1), "worker" + w, Task.Kind.KTHREAD, this::worker);
            }
        }

        private void control(Kernel k) {
            k.modTimer(timer, k.jiffies() + 1);
            for (int i = 0; i < TOGGLES; i++) {
                toggle(k, 1 + random.nextInt(CPUS - 1));
                pause(k);
            }
            for (int cpu = 1; cpu < CPUS; cpu++) {
                if (!k.cpuOnline(cpu)) {
                    k.cpuUp(cpu);
                }
            }
            k.bugOn(k.numOnlineCpus() != CPUS, "hotplug-storm: " + k.numOnlineCpus() + " of " + CPUS
                    + " CPUs online after bringing every CPU back");
            k.smpStoreRelease(stop, 1);
            checkNothingLost(k);
        }

        /** Takes cpu down if it is online (never CPU 0, never the last online CPU), else brings it up. */
        private static void toggle(Kernel k, int cpu) {
            if (!k.cpuOnline(cpu)) {
                k.cpuUp(cpu);
            } else if (k.numOnlineCpus() > 1) {
                k.cpuDown(cpu);
            }
        }

        /** Lets the load run a little between two hotplug operations: cond_resched()s or a jiffy asleep. */
        private void pause(Kernel k) {
            int n = random.nextInt(8);
            if (n == 0) {
                k.scheduleTimeoutInterruptible(1);
                return;
            }
            for (int i = 0; i < n * 4; i++) {
                k.condResched();
            }
        }

        private void checkNothingLost(Kernel k) {
            // Acquire pairs with the workers' fully ordered increments of workersDone: their
            // counts are visible once all of them are seen done.
            k.smpCondLoadAcquire(workersDone, v -> v == WORKERS);
            long counted = k.atomicRead(count);
            long claims = k.readOnce(claimed);
            k.bugOn(counted != claims, "hotplug-storm: count " + counted + " != " + claims
                    + " increments the workers made (increments lost or doubled)");
            long want = k.readOnce(requested);
            for (long waited = 0; k.readOnce(served) != want && waited < GRACE_JIFFIES; waited++) {
                k.scheduleTimeoutInterruptible(1);
            }
            k.smpMb();
            long got = k.readOnce(served);
            k.bugOn(got != want, "hotplug-storm: softirq served " + got + " of " + want
                    + " requests " + GRACE_JIFFIES + " jiffies after the storm (softirqs lost)");
            k.bugOn(timerStopped.waitForCompletionTimeout(k, GRACE_JIFFIES) == 0,
                    "hotplug-storm: storm_timer did not run for " + GRACE_JIFFIES + " jiffies (timer lost)");
        }

        private void worker(Kernel k) {
            long mine = 0;
            long raised = 0;
            while (k.readOnce(stop) == 0) {
                k.atomicInc(count);
                mine++;
                if (mine % RAISE_EVERY == 0) {
                    // irqs off: no migration between counting the request and raising it here
                    long flags = k.localIrqSave();
                    k.atomicInc(requests + k.smpProcessorId());
                    k.raiseSoftirq(Softirq.TASKLET);
                    k.localIrqRestore(flags);
                    raised++;
                }
                k.condResched();
            }
            k.atomicAdd(claimed, mine);
            k.atomicAdd(requested, raised);
            k.atomicAddReturn(workersDone, 1, Ordering.FULL);
        }

        /** TASKLET_SOFTIRQ: serves the requests counted on this CPU. */
        private void softirqFn(Kernel k) {
            long n = k.atomicXchg(requests + k.smpProcessorId(), 0, Ordering.FULL);
            if (n > 0) {
                k.atomicAdd(served, n);
            }
        }

        /** Runs every jiffy until the storm is over, re-arming itself on whatever CPU it runs on. */
        private void timerFn(Kernel k) {
            if (k.readOnce(stop) == 0) {
                k.modTimer(timer, k.jiffies() + 1);
            } else {
                timerStopped.complete(k);
            }
        }
    }
}
