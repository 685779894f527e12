package rcusim.kernel;


/** The per-CPU timer lists (timer bases): arming, cancelling, expiring, migrating. */
final class Timers {
    private Timers() {
    }

    static void arm(KernelEnvironment m, TimerList t, long expires, PerCpu here) {
        cancel(t);
        PerCpu base = t.pinnedCpu >= 0 ? m.cpu(t.pinnedCpu) : here;
        if (!base.hw.online) {
            base = here;
        }
        t.expires = expires;
        t.armSeq = m.nextArmSeq();
        t.base = base;
        base.timers.add(t);
        m.clock.unpark(base);
    }

    static boolean cancel(TimerList t) {
        if (t.base == null) {
            return false;
        }
        t.base.timers.remove(t);
        t.base = null;
        return true;
    }

    /** Runs c's expired timers (TIMER_SOFTIRQ), in expiry order. */
    static void runExpired(Kernel k, PerCpu c) {
        long now = k.jiffies();
        while (!c.timers.isEmpty() && c.timers.first().expires - now <= 0) {
            TimerList t = c.timers.pollFirst();
            t.base = null;
            if (k.tracing()) {
                k.traceEvent("timer_expire_entry", "timer=" + t.name + " function=" + t.name + " now=" + now);
            }
            t.func.accept(k);
        }
    }

    static boolean anyExpired(PerCpu c, long jiffies) {
        return !c.timers.isEmpty() && c.timers.first().expires - jiffies <= 0;
    }

    /** timers_dead_cpu(): moves every timer of a dead CPU to another one. */
    static void migrate(KernelEnvironment m, PerCpu from, PerCpu to) {
        m.clock.unpark(to);
        while (!from.timers.isEmpty()) {
            TimerList t = from.timers.pollFirst();
            t.base = to;
            to.timers.add(t);
        }
    }
}
