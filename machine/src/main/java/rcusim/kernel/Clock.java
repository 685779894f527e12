package rcusim.kernel;

import java.util.PriorityQueue;
import rcusim.machine.KernelConfig;
import rcusim.machine.Machine;
import rcusim.machine.Vector;

/**
 * Virtual time: every machine step takes the configured nanoseconds. Each online CPU's tick
 * falls due every 1/HZ (staggered across CPUs) and becomes a pending interrupt, except on an
 * idle CPU waiting for an interrupt (NO_HZ idle: its tick is stopped), which gets one only
 * when a timer on it has expired. When nothing at all can run, time jumps to the next tick or
 * timer.
 */
final class Clock {
    /** jiffies at boot, as the kernel starts it: 5 minutes before the 32-bit wrap. */
    final long initialJiffies;

    private final KernelEnvironment m;
    private final long tickNs;
    private final long stepNs;
    private final boolean ticking;
    private final boolean parallelTime;
    /** Parallel time: step time not yet added to nowNs (a fraction of a nanosecond per CPU). */
    private long owedNs;
    long nowNs;
    private final PriorityQueue<PerCpu> nextTicks = new PriorityQueue<>(
            (a, b) -> a.nextTickNs != b.nextTickNs ? Long.compare(a.nextTickNs, b.nextTickNs) : Integer.compare(a.id, b.id));
    /**
     * CPUs whose stopped tick left {@link #nextTicks}: idle in WFI with no timers, so every tick
     * they would reach is skipped until something wakes them ({@link #unpark}). Keeps a step's
     * cost independent of how many CPUs sleep.
     */
    private final java.util.BitSet parked = new java.util.BitSet();

    Clock(KernelEnvironment m) {
        this.m = m;
        KernelConfig k = m.config().kernel();
        this.ticking = k.hz() > 0;
        this.tickNs = k.tickNs();
        this.stepNs = k.stepNs();
        this.parallelTime = k.parallelTime();
        this.initialJiffies = ticking ? (1L << 32) - 300L * k.hz() : 0;
    }

    long jiffies() {
        return ticking ? initialJiffies + nowNs / tickNs : 0;
    }

    /** Nanoseconds at which jiffies reaches j. */
    long nsOfJiffies(long j) {
        return (j - initialJiffies) * tickNs;
    }

    void start() {
        if (!ticking) {
            return;
        }
        int n = m.cpus.length;
        for (PerCpu c : m.cpus) {
            c.nextTickNs = tickNs + tickNs * c.id / n;
            nextTicks.add(c);
        }
    }

    /** A step was taken while busyCpus CPUs could act: time moves on and due ticks become pending. */
    void tick(int busyCpus) {
        if (parallelTime && busyCpus > 1) {
            owedNs += stepNs;
            long ns = owedNs / busyCpus;
            owedNs -= ns * busyCpus;
            nowNs += ns;
        } else {
            nowNs += stepNs;
        }
        if (ticking) {
            fireDue();
        }
    }

    private void fireDue() {
        if (Machine.CHECK_DORMANT) {
            checkParkedStillStopped();
        }
        while (!nextTicks.isEmpty() && nextTicks.peek().nextTickNs <= nowNs) {
            PerCpu c = nextTicks.poll();
            while (c.nextTickNs <= nowNs) {
                c.nextTickNs += tickNs;
            }
            // parked only with nothing pending: a pending interrupt ends the WFI without another wake()
            if (c.hw.online && c.timers.isEmpty() && c.hw.pendingIrqs == 0 && !c.hw.wfiWoken && tickStopped(c)) {
                parked.set(c.id);
                continue;
            }
            nextTicks.add(c);
            if (c.hw.online && (!tickStopped(c) || timerDue(c))) {
                c.hw.raise(Vector.TICK);
                m.wake(c);
            }
        }
    }

    /**
     * Something may end c's tickless sleep (an interrupt raised on it, a reschedule, a timer
     * armed there): its tick rejoins the queue at its next slot after now, where it would
     * have been.
     */
    void unpark(PerCpu c) {
        if (!parked.get(c.id)) {
            return;
        }
        parked.clear(c.id);
        if (c.nextTickNs <= nowNs) {
            c.nextTickNs += ((nowNs - c.nextTickNs) / tickNs + 1) * tickNs;
        }
        nextTicks.add(c);
    }

    /** Test builds (with KernelEnvironment's dormant check): a parked CPU must be one that every tick would still skip. */
    private void checkParkedStillStopped() {
        for (int id = parked.nextSetBit(0); id >= 0; id = parked.nextSetBit(id + 1)) {
            PerCpu c = m.cpus[id];
            if (c.hw.online && (!tickStopped(c) || !c.timers.isEmpty())) {
                throw new IllegalStateException("CPU " + id + "'s tick stayed parked while it needs one (a missing unpark()):"
                        + " curr " + c.curr + ", in WFI " + c.inWfi() + ", need_resched " + c.needResched + ", needs tick "
                        + m.hooks.needsTick(c.id) + ", timers " + c.timers.size());
            }
        }
    }

    /** Restarts c's tick when it comes online. */
    void restartTick(PerCpu c) {
        if (!ticking) {
            return;
        }
        parked.clear(c.id);
        nextTicks.remove(c);
        c.nextTickNs = nowNs + tickNs;
        nextTicks.add(c);
    }

    private boolean tickStopped(PerCpu c) {
        return c.curr == c.idle && c.inWfi() && !c.needResched && !m.hooks.needsTick(c.id);
    }

    private boolean timerDue(PerCpu c) {
        return !c.timers.isEmpty() && c.timers.first().expires - jiffies() <= 0;
    }

    /**
     * Nothing can run: jump to the next moment something can happen (a running CPU's tick, or
     * the first timer on an idle one). False when there is none.
     */
    boolean advanceToNextEvent() {
        if (!ticking) {
            return false;
        }
        long best = Long.MAX_VALUE;
        for (PerCpu c : m.cpus) {
            if (!c.hw.online) {
                continue;
            }
            if (!tickStopped(c) && !c.irqsDisabledForever()) {
                best = Math.min(best, c.nextTickNs);
            }
            if (!c.timers.isEmpty()) {
                long at = Math.max(nsOfJiffies(c.timers.first().expires), nowNs);
                // the tick that sees the expiry
                long ticks = Math.max(0, (at - c.nextTickNs + tickNs - 1) / tickNs);
                best = Math.min(best, c.nextTickNs + ticks * tickNs);
            }
        }
        if (best == Long.MAX_VALUE) {
            return false;
        }
        int before = pendingCount();
        nowNs = Math.max(nowNs, best);
        fireDue();
        return pendingCount() > before || anyPendingInterruptible();
    }

    private int pendingCount() {
        int n = 0;
        for (PerCpu c : m.cpus) {
            n += Integer.bitCount(c.hw.pendingIrqs);
        }
        return n;
    }

    private boolean anyPendingInterruptible() {
        for (PerCpu c : m.cpus) {
            if (c.hw.pendingIrqs != 0 && c.interruptible()) {
                return true;
            }
        }
        return false;
    }
}
