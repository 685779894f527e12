package rcusim.kernel;

/**
 * The timer calls of simulated code (mod_timer(), add_timer_on(), del_timer(),
 * schedule_timeout()); the per-CPU timer bases themselves are {@link Timers}.
 */
final class TimerApi {
    private final Kernel k;
    private final KernelEnvironment env;

    TimerApi(Kernel k, KernelEnvironment env) {
        this.k = k;
        this.env = env;
    }

    /** mod_timer(): (re)arms t to run at jiffies expires, on this CPU unless pinned elsewhere. */
    public void modTimer(TimerList t, long expires) {
        k.sharedKernelStep("mod_timer");
        Timers.arm(env, t, expires, k.thisCpu());
    }

    /** add_timer_on(). */
    public void addTimerOn(TimerList t, long expires, int cpu) {
        k.sharedKernelStep("add_timer_on");
        t.pinnedCpu = cpu;
        Timers.arm(env, t, expires, env.cpu(cpu));
    }

    /** del_timer(): true if it was pending. */
    public boolean delTimer(TimerList t) {
        k.sharedKernelStep("del_timer");
        return Timers.cancel(t);
    }

    /**
     * schedule_timeout(): sleeps (in the state the caller set) until woken or for at most
     * timeout jiffies; returns the jiffies left.
     */
    public long scheduleTimeout(long timeout) {
        Task me = k.current();
        long expire = k.jiffies() + timeout;
        TimerList t = new TimerList("process_timeout(" + me + ")", kk -> env.runQueues.wakeUp(me, kk.thisCpu()));
        Timers.arm(env, t, expire, k.thisCpu());
        k.schedule();
        Timers.cancel(t);
        long left = expire - k.jiffies();
        return Math.max(0, left);
    }

    /** schedule_timeout_interruptible(). */
    public long scheduleTimeoutInterruptible(long timeout) {
        k.current().state = TaskState.INTERRUPTIBLE;
        return scheduleTimeout(timeout);
    }
}
