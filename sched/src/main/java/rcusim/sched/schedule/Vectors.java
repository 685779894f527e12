package rcusim.sched.schedule;

import java.util.Locale;
import rcusim.machine.Vector;

/** The interrupt vectors as a schedule names them: tick, resched, ipi, irq_work. */
final class Vectors {
    static final String VALID = "tick, resched, ipi, irq_work";

    private Vectors() {
    }

    static String name(Vector v) {
        return switch (v) {
            case TICK -> "tick";
            case RESCHEDULE -> "resched";
            case CALL_FUNCTION -> "ipi";
            case IRQ_WORK -> "irq_work";
        };
    }

    /** The vector of that name, or null. */
    static Vector of(String name) {
        for (Vector v : Vector.values()) {
            if (name(v).equals(name.toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return null;
    }
}
