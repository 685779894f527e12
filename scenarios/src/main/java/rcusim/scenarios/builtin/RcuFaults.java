package rcusim.scenarios.builtin;

import java.util.Arrays;
import java.util.List;
import rcusim.sched.scenario.Fault;
import rcusim.rcu.RcuFault;

/** Tree RCU's faults as the scenarios offer them for injection. */
public final class RcuFaults {
    /** Every Tree RCU fault, in declaration order (the order {@code rcusim list mutations} prints). */
    public static final List<Fault> ALL = Arrays.stream(RcuFault.values()).map(RcuFaults::of).toList();

    private RcuFaults() {
    }

    public static Fault of(RcuFault f) {
        return new Fault(f.spelling(), f.description());
    }

    /**
     * The Tree RCU fault a scenario fault stands for (null for null).
     *
     * @throws IllegalArgumentException if it is not one of {@link #ALL}
     */
    public static RcuFault toRcu(Fault f) {
        if (f == null) {
            return null;
        }
        return RcuFault.named(f.name()).filter(r -> of(r).equals(f))
                .orElseThrow(() -> new IllegalArgumentException("not a Tree RCU fault: " + f.name()));
    }
}
