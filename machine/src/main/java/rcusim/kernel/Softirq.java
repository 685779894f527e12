package rcusim.kernel;


/** Softirq numbers, in the kernel's order (lower runs first). */
public final class Softirq {
    public static final int HI = 0;
    public static final int TIMER = 1;
    public static final int NET_TX = 2;
    public static final int NET_RX = 3;
    public static final int BLOCK = 4;
    public static final int IRQ_POLL = 5;
    public static final int TASKLET = 6;
    public static final int SCHED = 7;
    public static final int HRTIMER = 8;
    public static final int RCU = 9;
    public static final int NR = 10;

    static final String[] NAMES = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET", "SCHED",
        "HRTIMER", "RCU"};

    private Softirq() {
    }

    public static String name(int nr) {
        return NAMES[nr];
    }
}
