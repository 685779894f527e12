package rcusim.scenarios.file.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rcusim.litmus.ast.Pos;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.memory.AllocReuse;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.memory.MemorySystem;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.RcuSeq;
import rcusim.scenarios.file.ast.ScenarioFile.HeaderEntry;

/**
 * The {@code machine { }} header read into the machine's, the kernel's and Tree RCU's
 * configuration. Every key is checked; an unknown key or a value out of range is an error at
 * its position. Defaults: 2 CPUs, weak memory, HZ=1000, full preemption, preemptible RCU when
 * the kernel is preemptible, fanout 64/16, no NOCB CPUs, a stall timeout of 500 jiffies,
 * 5,000,000 steps.
 *
 * @param description the {@code description} key, or ""
 * @param warnings options of a header in rcutorture's form that are not modelled but cannot
 *     change what RCU does ({@code file:line: option: why}); none for a machine { } header
 * @param allocReuse the {@code alloc_reuse} key: whether kfree()d blocks are handed out again
 */
record MachineHeader(MachineConfig machine, RcuConfig rcu, String description, List<String> warnings,
        AllocReuse allocReuse) {
    /** Every key, with what it takes: for messages and the docs. */
    static final Map<String, String> KEYS = keys();

    private static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("description", "a \"string\" for rcusim list");
        k.put("cpus", "the number of CPUs (1-" + MachineConfig.MAX_CPUS + ")");
        k.put("memory_model", "sc, tso, weak or power");
        k.put("hz", "scheduling-clock ticks per second (1-10000)");
        k.put("preemption", "none or full (CONFIG_PREEMPT_NONE / CONFIG_PREEMPT)");
        k.put("rcu", "preemptible or nonpreemptible (CONFIG_PREEMPT_RCU)");
        k.put("fanout", "CONFIG_RCU_FANOUT (2-64)");
        k.put("fanout_leaf", "CONFIG_RCU_FANOUT_LEAF (2-64)");
        k.put("nocb", "rcu_nocbs=, a cpulist \"1,3-5\"");
        k.put("nocb_gp_stride", "rcu_nocb_gp_stride= (0: the kernel's default)");
        k.put("stall_timeout", "the RCU CPU stall timeout, in jiffies");
        k.put("blimit", "rcutree.blimit: callbacks invoked per batch");
        k.put("gp_seq_start", "how many grace periods before the wrap gp_seq and the other rcu_seq counters start"
                + " (the kernel: 300)");
        k.put("step_ns", "virtual nanoseconds per machine step");
        k.put("step_limit", "steps after which a run fails as a livelock");
        k.put("stale_window", "how many past values a stale read may return");
        k.put("alloc_reuse", "none or lifo: whether kfree()d blocks are handed out again (zombie pointers)");
        return Map.copyOf(k);
    }

    static MachineHeader read(Symbols sym, List<HeaderEntry> entries) {
        Map<String, HeaderEntry> seen = new LinkedHashMap<>();
        for (HeaderEntry e : entries) {
            if (!KEYS.containsKey(e.key())) {
                throw sym.error(e.pos(), "unknown header key '" + e.key() + "'; the keys are "
                        + String.join(", ", KEYS.keySet().stream().sorted().toList()));
            }
            if (seen.put(e.key(), e) != null) {
                throw sym.error(e.pos(), "header key '" + e.key() + "' given twice");
            }
        }
        Reader r = new Reader(sym, seen);
        int cpus = (int) r.number("cpus", 2, 1, MachineConfig.MAX_CPUS);
        MemoryModel model = MemoryModel.valueOf(r.word("memory_model", "weak", List.of("sc", "tso", "weak", "power"))
                .toUpperCase(Locale.ROOT));
        int hz = (int) r.number("hz", 1000, 1, 10_000);
        Preemption preemption = r.word("preemption", "full", List.of("none", "full")).equals("full") ? Preemption.FULL
                : Preemption.NONE;
        boolean preemptibleRcu = r.word("rcu", preemption == Preemption.FULL ? "preemptible" : "nonpreemptible",
                List.of("preemptible", "nonpreemptible")).equals("preemptible");
        if (preemptibleRcu && preemption == Preemption.NONE) {
            throw sym.error(seen.get("rcu").valuePos(), "preemptible RCU needs a preemptible kernel (preemption = full),"
                    + " as CONFIG_PREEMPT_RCU depends on CONFIG_PREEMPTION");
        }
        int fanout = (int) r.number("fanout", RcuConfig.DEFAULT_FANOUT, 2, 64);
        int leaf = (int) r.number("fanout_leaf", RcuConfig.DEFAULT_FANOUT_LEAF, 2, 64);
        long stall = r.number("stall_timeout", 500, 1, 1_000_000_000L);
        int blimit = (int) r.number("blimit", 10, 1, 1_000_000);
        RcuConfig rcu = new RcuConfig(preemptibleRcu, fanout, leaf, stall, blimit, null)
                .withNocbGpStride((int) r.number("nocb_gp_stride", 0, 0, MachineConfig.MAX_CPUS))
                .withGpSeqStart(r.number("gp_seq_start", RcuSeq.KERNEL_START_GPS, 0, 1L << 40));
        HeaderEntry nocb = seen.get("nocb");
        try {
            if (nocb != null) {
                rcu = rcu.withNocbCpus(nocb.value());
            }
            rcu.validate(cpus);
        } catch (IllegalArgumentException e) {
            Pos at = nocb != null && e.getMessage().contains("rcu_nocbs") ? nocb.valuePos()
                    : seen.containsKey("fanout") ? seen.get("fanout").valuePos()
                    : seen.containsKey("cpus") ? seen.get("cpus").valuePos() : new Pos(1, 1);
            throw sym.error(at, "bad configuration: " + e.getMessage());
        }
        KernelConfig kernel = KernelConfig.kernel().withHz(hz).withPreemption(preemption)
                .withStepNs(r.number("step_ns", 1000, 1, 1_000_000_000L));
        MachineConfig machine = new MachineConfig(cpus, model,
                (int) r.number("stale_window", MemorySystem.DEFAULT_WINDOW, 1, 64),
                r.number("step_limit", 5_000_000, 1, Long.MAX_VALUE), kernel);
        HeaderEntry d = seen.get("description");
        AllocReuse reuse = AllocReuse.parse(r.word("alloc_reuse", "none", List.of("none", "lifo")));
        return new MachineHeader(machine, rcu, d == null ? "" : d.value(), List.of(), reuse);
    }

    private record Reader(Symbols sym, Map<String, HeaderEntry> seen) {
        long number(String key, long dflt, long min, long max) {
            HeaderEntry e = seen.get(key);
            if (e == null) {
                return dflt;
            }
            long v;
            try {
                v = Long.parseLong(e.value());
            } catch (NumberFormatException ex) {
                throw sym.error(e.valuePos(), key + " takes a number, got '" + e.value() + "'");
            }
            if (v < min || v > max) {
                throw sym.error(e.valuePos(), key + " = " + v + " is out of range: " + KEYS.get(key));
            }
            return v;
        }

        String word(String key, String dflt, List<String> allowed) {
            HeaderEntry e = seen.get(key);
            if (e == null) {
                return dflt;
            }
            if (!allowed.contains(e.value())) {
                throw sym.error(e.valuePos(), key + " takes " + String.join(", ", allowed) + "; got '" + e.value() + "'");
            }
            return e.value();
        }
    }
}
