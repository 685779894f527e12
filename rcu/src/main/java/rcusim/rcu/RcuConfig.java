package rcusim.rcu;

import java.util.List;
import java.util.TreeSet;

/**
 * Tree RCU's configuration, as the kernel's Kconfig and boot parameters give it.
 *
 * @param preemptible CONFIG_PREEMPT_RCU: readers may be preempted
 * @param fanout RCU_FANOUT
 * @param fanoutLeaf RCU_FANOUT_LEAF
 * @param stallTimeoutJiffies CONFIG_RCU_CPU_STALL_TIMEOUT in jiffies (the kernel clamps the
 *     seconds to 3..300; a simulation may use less so that stalls show within its step budget)
 * @param blimit callbacks invoked per rcu_do_batch() at least
 * @param mutation the injected fault, or null (one at a time, as {@code --inject} takes it; the
 *     component keeps its name and the fault prints as its spelling, so a configuration's text,
 *     which recordings hash, is what it was when faults were strings)
 * @param nocbCpus CONFIG_RCU_NOCB_CPU with rcu_nocbs=: the CPUs whose callbacks are offloaded
 *     to rcuo kthreads, ascending, no duplicates; empty for none
 * @param nocbGpStride rcu_nocb_gp_stride: CPUs per rcuog group, or 0 for the kernel's default
 *     ({@code nr_cpu_ids / int_sqrt(nr_cpu_ids)})
 * @param gpSeqStart how many grace periods before the unsigned wrap gp_seq starts (rcu_state's,
 *     every rcu_node's and rcu_data's): the kernel's {@value RcuSeq#KERNEL_START_GPS}, or fewer,
 *     and then expedited_sequence and barrier_sequence start there too ({@link #auxSeqStart};
 *     at the kernel's value they start at 0, as the kernel's do). The torture scenarios start
 *     2 grace periods before it, so that a run crosses the wrap (see {@link RcuSeq#startingAt})
 * @param gpDelays rcutree.gp_preinit_delay, gp_init_delay and gp_cleanup_delay (see {@link RcuGpDelays})
 */
public record RcuConfig(boolean preemptible, int fanout, int fanoutLeaf, long stallTimeoutJiffies, int blimit,
        RcuFault mutation, List<Integer> nocbCpus, int nocbGpStride, long gpSeqStart, RcuGpDelays gpDelays) {
    public static final int DEFAULT_FANOUT = 64;
    public static final int DEFAULT_FANOUT_LEAF = 16;
    /**
     * Where the torture scenarios start the rcu_seq counters: this many grace periods before
     * the wrap. The kernel's 300 is reached in its first seconds of uptime, long before any
     * test; a torture run here completes about thirty normal grace periods (and fewer
     * expedited ones and barriers), so 300 would never be reached. Two leaves every counter
     * one grace period of ordinary values first, so that snapshots are taken before the
     * wrap and checked after it, which is what a wrap-unsafe comparison gets wrong.
     */
    public static final long TORTURE_GP_SEQ_START = 2;

    public RcuConfig {
        java.util.Objects.requireNonNull(gpDelays, "gpDelays");
        if (fanout < 2 || fanout > 64) {
            throw new IllegalArgumentException("RCU_FANOUT must be between 2 and 64, got " + fanout);
        }
        if (fanoutLeaf < 2 || fanoutLeaf > 64) {
            throw new IllegalArgumentException("RCU_FANOUT_LEAF must be between 2 and 64, got " + fanoutLeaf);
        }
        if (stallTimeoutJiffies < 1) {
            throw new IllegalArgumentException("stall timeout must be positive");
        }
        if (blimit < 1) {
            throw new IllegalArgumentException("blimit must be positive");
        }
        nocbCpus = List.copyOf(new TreeSet<>(nocbCpus));
        if (!nocbCpus.isEmpty() && nocbCpus.get(0) < 0) {
            throw new IllegalArgumentException("rcu_nocbs= names CPU " + nocbCpus.get(0));
        }
        if (nocbGpStride < 0) {
            throw new IllegalArgumentException("rcu_nocb_gp_stride must be positive (or 0 for the default), got "
                    + nocbGpStride);
        }
        if (gpSeqStart < 0 || gpSeqStart > 1L << 40) {
            throw new IllegalArgumentException("gp_seq start must be between 0 and 2^40 grace periods before the wrap,"
                    + " got " + gpSeqStart);
        }
    }

    /** With the kernel's gp_seq start ({@value RcuSeq#KERNEL_START_GPS} grace periods before the wrap). */
    public RcuConfig(boolean preemptible, int fanout, int fanoutLeaf, long stallTimeoutJiffies, int blimit,
            RcuFault mutation, List<Integer> nocbCpus, int nocbGpStride) {
        this(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, mutation, nocbCpus, nocbGpStride,
                RcuSeq.KERNEL_START_GPS, RcuGpDelays.NONE);
    }

    /** Without the grace-period delays (the kernel's default). */
    public RcuConfig(boolean preemptible, int fanout, int fanoutLeaf, long stallTimeoutJiffies, int blimit,
            RcuFault mutation, List<Integer> nocbCpus, int nocbGpStride, long gpSeqStart) {
        this(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, mutation, nocbCpus, nocbGpStride, gpSeqStart,
                RcuGpDelays.NONE);
    }

    /** Without NOCB CPUs. */
    public RcuConfig(boolean preemptible, int fanout, int fanoutLeaf, long stallTimeoutJiffies, int blimit,
            RcuFault mutation) {
        this(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, mutation, List.of(), 0);
    }

    /** Preemptible RCU with default fanouts, a 21 s stall timeout at HZ=1000, blimit 10. */
    public static RcuConfig preemptibleDefaults() {
        return new RcuConfig(true, DEFAULT_FANOUT, DEFAULT_FANOUT_LEAF, 21_000, 10, null);
    }

    public static RcuConfig nonPreemptibleDefaults() {
        return new RcuConfig(false, DEFAULT_FANOUT, DEFAULT_FANOUT_LEAF, 21_000, 10, null);
    }

    public RcuConfig withFanout(int f, int leaf) {
        return new RcuConfig(preemptible, f, leaf, stallTimeoutJiffies, blimit, mutation, nocbCpus, nocbGpStride, gpSeqStart, gpDelays);
    }

    public RcuConfig withStallTimeout(long jiffies) {
        return new RcuConfig(preemptible, fanout, fanoutLeaf, jiffies, blimit, mutation, nocbCpus, nocbGpStride, gpSeqStart, gpDelays);
    }

    /** This configuration with fault m injected (null: none). */
    public RcuConfig withMutation(RcuFault m) {
        return new RcuConfig(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, m, nocbCpus, nocbGpStride, gpSeqStart, gpDelays);
    }

    /** rcu_nocbs=LIST (a cpulist such as "1-3,5"); see {@link #parseCpuList}. */
    public RcuConfig withNocbCpus(String cpulist) {
        return withNocbCpus(parseCpuList(cpulist));
    }

    public RcuConfig withNocbCpus(List<Integer> cpus) {
        return new RcuConfig(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, mutation, cpus, nocbGpStride, gpSeqStart, gpDelays);
    }

    /** rcu_nocb_gp_stride=N (0: the default). */
    public RcuConfig withNocbGpStride(int stride) {
        return new RcuConfig(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, mutation, nocbCpus, stride, gpSeqStart, gpDelays);
    }

    /** The counters start gps grace periods before the wrap (the kernel: {@value RcuSeq#KERNEL_START_GPS}). */
    public RcuConfig withGpSeqStart(long gps) {
        return new RcuConfig(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, mutation, nocbCpus,
                nocbGpStride, gps, gpDelays);
    }

    /** rcutree.gp_preinit_delay, gp_init_delay and gp_cleanup_delay. */
    public RcuConfig withGpDelays(RcuGpDelays d) {
        return new RcuConfig(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, mutation, nocbCpus,
                nocbGpStride, gpSeqStart, d);
    }

    /**
     * Where expedited_sequence and barrier_sequence start: at 0, as in the kernel, unless the
     * counters are moved closer to the wrap than the kernel's gp_seq ({@link #gpSeqStart} below
     * {@value RcuSeq#KERNEL_START_GPS}); then where gp_seq starts, so that they cross it too.
     */
    long auxSeqStart() {
        return gpSeqStart < RcuSeq.KERNEL_START_GPS ? RcuSeq.startingAt(gpSeqStart) : 0;
    }

    /** rcu_seq_done(), or its wrap-unsafe form when {@link RcuFault#SEQ_DONE_NO_WRAP} is injected. */
    boolean seqDone(long cur, long s) {
        return injected(RcuFault.SEQ_DONE_NO_WRAP) ? RcuSeq.doneWrapUnsafe(cur, s) : RcuSeq.done(cur, s);
    }

    /** Is cpu's callback list offloaded (rcu_nocbs=)? */
    public boolean nocbCpu(int cpu) {
        return nocbCpus.contains(cpu);
    }

    /**
     * Checks this configuration against the machine it is installed on, as far as the CPU count
     * decides: the rcu_node tree must be buildable (fanouts, CPU count) and rcu_nocbs= may only
     * name CPUs that exist. The kernel masks absent CPUs out of rcu_nocbs= with a note in the
     * boot log (and offloads every CPU when the list names one beyond NR_CPUS); rcusim refuses
     * the configuration instead, so that a typo is not silently a different experiment.
     *
     * @throws IllegalArgumentException with the reason
     */
    public void validate(int nrCpus) {
        RcuGeometry.of(nrCpus, fanout, fanoutLeaf);
        if (!nocbCpus.isEmpty() && nocbCpus.get(nocbCpus.size() - 1) >= nrCpus) {
            List<Integer> absent = nocbCpus.stream().filter(c -> c >= nrCpus).toList();
            throw new IllegalArgumentException("rcu_nocbs= names absent CPU" + (absent.size() > 1 ? "s " : " ")
                    + formatCpuList(absent) + " (the machine has CPUs 0-" + (nrCpus - 1) + ")");
        }
    }

    /**
     * The kernel's cpulist syntax as rcu_nocbs= takes it: comma-separated CPUs and ranges
     * {@code a-b}, e.g. "0,2-5"; "" for none. (The kernel's "all", "N" and stride forms
     * {@code a-b:n/m} are not accepted.)
     *
     * @throws IllegalArgumentException naming what cannot be read
     */
    public static List<Integer> parseCpuList(String text) {
        TreeSet<Integer> cpus = new TreeSet<>();
        if (text.isBlank()) {
            return List.of();
        }
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1));
                if (lo < 0 || hi < lo) {
                    throw new IllegalArgumentException("bad CPU range '" + p + "' in cpulist '" + text + "'");
                }
                for (int c = lo; c <= hi && c <= RcuGeometry.MAX_NR_CPUS; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad cpulist '" + text + "': '" + p
                        + "' is not a CPU number or a range a-b");
            }
        }
        return List.copyOf(cpus);
    }

    /** "0,2-5": the kernel's %*pbl format of a sorted CPU list. */
    public static String formatCpuList(List<Integer> cpus) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cpus.size(); i++) {
            int lo = cpus.get(i);
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            sb.append(sb.length() > 0 ? "," : "").append(lo);
            if (j > i) {
                sb.append('-').append(cpus.get(j));
            }
            i = j;
        }
        return sb.toString();
    }

    /** Is fault f injected? Tree RCU's code asks this where the fault changes what it does. */
    boolean injected(RcuFault f) {
        return f == mutation;
    }
}
