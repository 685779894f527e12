package rcusim.kernel.own;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import rcusim.machine.SimFailure;

/**
 * Checks ownership rules for one machine. The machine passes a supplier of the
 * {@link AccessContext} of the code that runs now; a broken rule throws a
 * {@link SimFailure.Kind#OWNERSHIP} failure that names the access, the accessor and the rule.
 *
 * <p>The passing path allocates nothing: strings are built only for the failure. While the
 * context {@linkplain AccessContext#isInitializing() is initializing} every rule passes, and
 * {@link Rules#anyone()} is passed without even asking for the context.
 */
public final class Ownership {
    private final Supplier<AccessContext> current;
    private boolean enabled;

    public Ownership(Supplier<AccessContext> current) {
        this(current, true);
    }

    public Ownership(Supplier<AccessContext> current, boolean enabled) {
        this.current = Objects.requireNonNull(current, "current");
        this.enabled = enabled;
    }

    /** Whether accesses are checked at all. */
    public boolean enabled() {
        return enabled;
    }

    /** Turns checking off (benchmarks) or back on. Runs that are meant to find bugs keep it on. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Checks one access. {@code access} says what is accessed as the report shows it, e.g.
     * "write of rcu_data[3].ticks_this_gp"; prefer {@link #checkRead}/{@link #checkWrite} on hot
     * paths, which build that text only when the rule is broken.
     */
    public void check(Rule rule, String access) {
        AccessContext ctx = contextToCheck(rule);
        if (ctx != null && !rule.allows(ctx)) {
            throw failure(access, rule, ctx);
        }
    }

    /** Checks a read of the field named {@code field}, e.g. "rcu_node[0].qsmask". */
    public void checkRead(Rule rule, String field) {
        AccessContext ctx = contextToCheck(rule);
        if (ctx != null && !rule.allows(ctx)) {
            throw failure("read of " + field, rule, ctx);
        }
    }

    /** Checks a write (or read-modify-write) of the field named {@code field}. */
    public void checkWrite(Rule rule, String field) {
        AccessContext ctx = contextToCheck(rule);
        if (ctx != null && !rule.allows(ctx)) {
            throw failure("write of " + field, rule, ctx);
        }
    }

    /** The context to check the rule against, or null when the check is skipped. */
    private AccessContext contextToCheck(Rule rule) {
        if (!enabled || rule == Rules.anyone()) {
            return null;
        }
        AccessContext ctx = current.get();
        if (ctx == null) {
            throw new IllegalStateException("no access context: outside simulated code, read fields with peek()");
        }
        return ctx.isInitializing() ? null : ctx;
    }

    private static SimFailure failure(String access, Rule rule, AccessContext ctx) {
        return new SimFailure(SimFailure.Kind.OWNERSHIP, message(access, rule, ctx));
    }

    /**
     * "ownership rule broken: write of X by CONTEXT", then the rule, then, for a composite rule,
     * the parts that failed.
     */
    static String message(String access, Rule rule, AccessContext ctx) {
        StringBuilder sb = new StringBuilder("ownership rule broken: ")
                .append(access).append(" by ").append(ctx.describe())
                .append("\n  rule: ").append(rule.text());
        List<String> failed = new ArrayList<>();
        rule.explainDenial(ctx, failed);
        if (!(failed.size() == 1 && failed.get(0).equals(rule.text()))) {
            sb.append("\n  failed: ").append(String.join("; ", failed));
        }
        return sb.toString();
    }
}
