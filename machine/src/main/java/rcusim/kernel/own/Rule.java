package rcusim.kernel.own;

import java.util.List;

/**
 * An ownership rule: who may access a field. Build rules with {@link Rules}; a rule is created
 * once per field, when the structure is set up, and asked on every access, so
 * {@link #allows} must not allocate.
 */
public interface Rule {

    boolean allows(AccessContext ctx);

    /** The rule as an engineer reads it, e.g. "rcu_node[0].lock held". */
    String text();

    /**
     * Adds to {@code failed} the texts of the simple rules that deny {@code ctx}. A simple rule
     * adds its own text; a composite rule adds the parts that made it fail, so a report can say
     * which part of "A and B and C" was broken. Only called on the failure path.
     */
    default void explainDenial(AccessContext ctx, List<String> failed) {
        if (!allows(ctx)) {
            failed.add(text());
        }
    }
}
