package rcusim.kernel;

import java.util.Comparator;
import java.util.function.Consumer;

/**
 * A timer (timer_list): a function run in TIMER_SOFTIRQ on its CPU once jiffies reach its
 * expiry. Timers with equal expiry run in the order they were armed.
 */
public final class TimerList {
    static final Comparator<TimerList> ORDER =
            Comparator.<TimerList>comparingLong(t -> t.expires).thenComparingLong(t -> t.armSeq);

    final String name;
    final Consumer<Kernel> func;
    long expires;
    long armSeq;
    /** The CPU whose timer list holds it, or null when not pending. */
    PerCpu base;
    /** Pinned timers stay on their CPU (TIMER_PINNED). */
    int pinnedCpu = -1;

    public TimerList(String name, Consumer<Kernel> func) {
        this.name = name;
        this.func = func;
    }

    public boolean isPending() {
        return base != null;
    }

    public long expires() {
        return expires;
    }

    @Override
    public String toString() {
        return name;
    }
}
