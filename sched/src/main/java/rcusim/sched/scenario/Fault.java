package rcusim.sched.scenario;

import java.util.Objects;

/**
 * A fault a scenario can inject, as the exploration engine and the command line see it: the
 * name {@code --inject} and replay files use, and one line on what it breaks. The engine does
 * not know which layer a fault belongs to; a scenario maps its own fault type (Tree RCU's
 * {@code RcuFault}, for example) to and from this.
 */
public record Fault(String name, String description) {
    public Fault {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    /** The name, so that a fault prints as it is spelled on the command line. */
    @Override
    public String toString() {
        return name;
    }
}
