package rcusim.sched;

import java.util.Arrays;
import rcusim.machine.StepFootprint;

/**
 * An immutable copy of what one step read and wrote ({@link StepFootprint}), sorted, so that
 * two steps' dependence is a merge of sorted arrays. Dependent: one writes an object that the
 * other reads or writes; except that a STEP and a DRAIN of one CPU whose buffer is modelled
 * exactly ({@link StepFootprint#exactOwnBuffer()}) do not depend on each other through
 * locations, only through pseudo-objects (the buffer, the kernel's state).
 *
 * @param cpu the step's CPU
 * @param role {@link #STEP}, {@link #DRAIN} or {@link #OTHER} (an interrupt's entry, a step of no CPU)
 * @param location a STEP's buffered store ({@link StepFootprint#bufferedStore()}) or a DRAIN's
 *     location; -1 if none
 * @param order how a STEP's buffered store waits for the CPU's older ones ({@link StepFootprint#bufferedStoreOrder()})
 * @param exact the CPU's own buffer is modelled exactly ({@link StepFootprint#exactOwnBuffer()})
 * @param afterTimeJump the clock jumped just before the step ({@link StepFootprint#afterTimeJump()})
 * @param ownDrainWait an atomic or lock that waits for its own CPU's drains of this location
 *     only ({@link StepFootprint#ownDrainWait()}); -1 if none
 */
record Footprint(int[] reads, int[] writes, int cpu, byte role, int location, int order, boolean exact,
        boolean afterTimeJump, int ownDrainWait) {
    static final byte OTHER = 0;
    static final byte STEP = 1;
    static final byte DRAIN = 2;

    /** A footprint of no particular step (tests). */
    Footprint(int[] reads, int[] writes) {
        this(reads, writes, -1, OTHER, -1, 0, false, false, -1);
    }

    /** A footprint of a step or a drain of an exact own buffer (tests). */
    Footprint(int[] reads, int[] writes, int cpu, byte role, int location) {
        this(reads, writes, cpu, role, location, 0, true, false, -1);
    }

    static Footprint of(StepFootprint s) {
        int[] r = s.reads();
        int[] w = s.writes();
        Arrays.sort(r);
        Arrays.sort(w);
        byte role = s.kind() == rcusim.machine.decide.OptionKind.STEP ? STEP
                : s.kind() == rcusim.machine.decide.OptionKind.DRAIN ? DRAIN : OTHER;
        int location = role == STEP ? s.bufferedStore() : role == DRAIN ? s.arg() : -1;
        return new Footprint(r, w, s.cpu(), role, location, role == STEP ? s.bufferedStoreOrder() : 0,
                s.exactOwnBuffer(), s.afterTimeJump(), role == STEP ? s.ownDrainWait() : -1);
    }

    /** Whether this is a DRAIN of a buffered store (the store's step must come first). */
    boolean drain() {
        return role == DRAIN;
    }

    /** Whether the step read object o. */
    boolean readsObject(int o) {
        return Arrays.binarySearch(reads, o) >= 0;
    }

    /** Whether the step wrote object o. */
    boolean writesObject(int o) {
        return Arrays.binarySearch(writes, o) >= 0;
    }

    boolean dependent(Footprint o) {
        if (exact && o.exact && role != OTHER && o.role != OTHER && role != o.role && cpu == o.cpu) {
            // a CPU's step and its own drain: locations (>= 0) do not count
            return meet(writes, o.writes, false) || meet(writes, o.reads, false) || meet(reads, o.writes, false)
                    || (ownDrainWait >= 0 && ownDrainWait == o.location)
                    || (o.ownDrainWait >= 0 && o.ownDrainWait == location);
        }
        return meet(writes, o.writes, true) || meet(writes, o.reads, true) || meet(reads, o.writes, true);
    }

    /**
     * {@link #dependent}, leaving out the views of the machine's cpus and the shared VIEWS
     * object: whether one of the two may keep the other from being taken. A CPU's views decide
     * which values its loads may return, never whether a step may be taken.
     */
    boolean mayDisable(Footprint o, int cpus) {
        Footprint a = withoutViews(cpus);
        Footprint b = o.withoutViews(cpus);
        return a.dependent(b);
    }

    private Footprint withoutViews(int cpus) {
        return new Footprint(dropViews(reads, cpus), dropViews(writes, cpus), cpu, role, location, order, exact,
                afterTimeJump, ownDrainWait);
    }

    private static int[] dropViews(int[] objects, int cpus) {
        return Arrays.stream(objects).filter(o -> !isViews(o, cpus)).toArray();
    }

    private static boolean isViews(int o, int cpus) {
        if (o == StepFootprint.VIEWS) {
            return true;
        }
        for (int c = 0; c < cpus; c++) {
            if (o == StepFootprint.viewsObject(c)) {
                return true;
            }
        }
        return false;
    }

    /** What either touched: a sleeping step's footprint over all the ways it was taken. */
    Footprint union(Footprint o) {
        if (o == null || o.equals(this)) {
            return this;
        }
        if (ownDrainWait != o.ownDrainWait) {
            // waits for drains of two locations: for every drain of the CPU, through its buffer
            int[] buffer = {StepFootprint.bufferObject(cpu)};
            return new Footprint(merge(reads, o.reads), merge(merge(writes, o.writes), buffer), cpu, role, location,
                    order, exact, afterTimeJump || o.afterTimeJump, -1);
        }
        return new Footprint(merge(reads, o.reads), merge(writes, o.writes), cpu, role, location, order, exact,
                afterTimeJump || o.afterTimeJump, ownDrainWait);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Footprint f && Arrays.equals(reads, f.reads) && Arrays.equals(writes, f.writes)
                && cpu == f.cpu && role == f.role && location == f.location && order == f.order && exact == f.exact
                && afterTimeJump == f.afterTimeJump && ownDrainWait == f.ownDrainWait;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(reads) * 31 + Arrays.hashCode(writes)) * 31 + location;
    }

    @Override
    public String toString() {
        return "r" + Arrays.toString(reads) + " w" + Arrays.toString(writes);
    }

    /** Whether sorted a and b share an object; only a pseudo-object (negative) unless locations count. */
    private static boolean meet(int[] a, int[] b, boolean locations) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (!locations && (a[i] >= 0 || b[j] >= 0)) {
                return false; // sorted: the pseudo-objects are behind
            }
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    private static int[] merge(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int v;
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                v = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                v = b[j++];
            } else {
                v = a[i++];
                j++;
            }
            out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }
}
