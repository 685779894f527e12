package rcusim.kernel.own;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Factories for the ownership rules the kernel's locking comments describe. Examples:
 * a leaf rcu_node's qsmask is {@code lockHeld(rnp.lock, "rcu_node[3].lock")};
 * rcu_data.ticks_this_gp is {@code ownCpuPreemptOff(cpu)}; rcu_data.cblist is
 * {@code anyOf(ownCpuPreemptOff(cpu), orchestratingOfflineOf(cpu))}; rcu_state.gp_seq is
 * {@code allOf(lockHeld(root.lock, "the root rcu_node lock"), when("every qsmask zero", ...),
 * when("every gp_tasks NULL", ...))}.
 */
public final class Rules {
    private static final Rule ANYONE = new Rule() {
        @Override
        public boolean allows(AccessContext ctx) {
            return true;
        }

        @Override
        public String text() {
            return "anyone";
        }
    };

    private Rules() {
    }

    /** Always allowed: for fields read locklessly (READ_ONCE by anyone). {@link Ownership} skips it outright. */
    public static Rule anyone() {
        return ANYONE;
    }

    /** The accessing context holds {@code lock}; the text is "{@code lockName} held". */
    public static Rule lockHeld(Object lock, String lockName) {
        return new LockHeld(Objects.requireNonNull(lock, "lock"), lockName + " held");
    }

    /** Per-CPU data touched by its own CPU, pinned there by disabled preemption (or irqs). */
    public static Rule ownCpuPreemptOff(int cpu) {
        return new OwnCpu(cpu, false, "only CPU " + cpu + " with preemption disabled");
    }

    /** Per-CPU data that its own CPU's interrupt handlers also touch, so irqs must be off. */
    public static Rule ownCpuIrqsOff(int cpu) {
        return new OwnCpu(cpu, true, "only CPU " + cpu + " with irqs disabled");
    }

    /** The hotplug control task taking {@code cpu} down or bringing it up (it adopts the CPU's data). */
    public static Rule orchestratingOfflineOf(int cpu) {
        return new Orchestrating(cpu, "the hotplug task taking CPU " + cpu + " down or up");
    }

    /** A task's own fields (task_struct's): only code running as that task, named taskName. */
    public static Rule ownTask(Object task, String taskName) {
        return new OwnTask(Objects.requireNonNull(task, "task"), "only task " + taskName + " itself");
    }

    /**
     * A condition on values rather than on the accessor, e.g. "every qsmask zero". The condition
     * runs inside an ownership check, so it must read other guarded fields with {@code peek()},
     * not {@code get()}.
     */
    public static Rule when(String conditionText, BooleanSupplier condition) {
        return new When(Objects.requireNonNull(condition, "condition"), conditionText);
    }

    /** Allowed when any part allows; the text joins the parts with " or ". */
    public static Rule anyOf(Rule... parts) {
        return parts.length == 1 ? parts[0] : new AnyOf(List.of(parts));
    }

    /** Allowed when every part allows; the text joins the parts with " and ". */
    public static Rule allOf(Rule... parts) {
        return parts.length == 1 ? parts[0] : new AllOf(List.of(parts));
    }

    // ------------------------------------------------------------------ simple rules

    private record LockHeld(Object lock, String text) implements Rule {
        @Override
        public boolean allows(AccessContext ctx) {
            return ctx.holds(lock);
        }
    }

    private record OwnCpu(int cpu, boolean irqsOff, String text) implements Rule {
        @Override
        public boolean allows(AccessContext ctx) {
            return ctx.cpu() == cpu && (irqsOff ? ctx.irqsDisabled() : ctx.preemptDisabled());
        }
    }

    private record OwnTask(Object task, String text) implements Rule {
        @Override
        public boolean allows(AccessContext ctx) {
            return ctx.runsAs(task);
        }
    }

    private record Orchestrating(int cpu, String text) implements Rule {
        @Override
        public boolean allows(AccessContext ctx) {
            return ctx.orchestratesOffliningOf(cpu);
        }
    }

    private record When(BooleanSupplier condition, String text) implements Rule {
        @Override
        public boolean allows(AccessContext ctx) {
            return condition.getAsBoolean();
        }
    }

    // ------------------------------------------------------------------ composites

    /** Parts and their joined text; a nested composite of the other kind is parenthesised. */
    private abstract static class Composite implements Rule {
        final Rule[] parts;
        private final String text;

        Composite(List<Rule> parts, String joiner) {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a composite rule needs at least one part");
            }
            this.parts = parts.toArray(new Rule[0]);
            StringBuilder sb = new StringBuilder();
            for (Rule part : parts) {
                if (sb.length() > 0) {
                    sb.append(joiner);
                }
                boolean group = part instanceof Composite && part.getClass() != getClass();
                sb.append(group ? "(" : "").append(part.text()).append(group ? ")" : "");
            }
            this.text = sb.toString();
        }

        @Override
        public final String text() {
            return text;
        }

        @Override
        public final String toString() {
            return text;
        }
    }

    private static final class AnyOf extends Composite {
        AnyOf(List<Rule> parts) {
            super(parts, " or ");
        }

        @Override
        public boolean allows(AccessContext ctx) {
            for (Rule part : parts) {
                if (part.allows(ctx)) {
                    return true;
                }
            }
            return false;
        }

        /** Denied means every alternative failed: report what failed in each. */
        @Override
        public void explainDenial(AccessContext ctx, List<String> failed) {
            if (!allows(ctx)) {
                for (Rule part : parts) {
                    part.explainDenial(ctx, failed);
                }
            }
        }
    }

    private static final class AllOf extends Composite {
        AllOf(List<Rule> parts) {
            super(parts, " and ");
        }

        @Override
        public boolean allows(AccessContext ctx) {
            for (Rule part : parts) {
                if (!part.allows(ctx)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void explainDenial(AccessContext ctx, List<String> failed) {
            for (Rule part : parts) {
                part.explainDenial(ctx, failed);
            }
        }
    }
}
