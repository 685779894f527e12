package rcusim.sched;

import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/**
 * Tells the two sorts of decision apart. A scheduling decision comes from the machine's main
 * loop and offers STEP, DRAIN and INTERRUPT options, possibly of several CPUs; an inner choice
 * is made inside one operation (READ_VALUE, PLACE, PICK, RESCHED) and all its options have the
 * same kind and CPU.
 */
final class DecisionKinds {
    private DecisionKinds() {
    }

    static boolean isScheduling(Options o) {
        OptionKind k = o.kind(0);
        return k == OptionKind.STEP || k == OptionKind.DRAIN || k == OptionKind.INTERRUPT;
    }

    /** Whether the options belong to two or more CPUs, so that the choice is one between CPUs. */
    static boolean spansCpus(Options o) {
        int first = o.cpu(0);
        for (int i = 1; i < o.size(); i++) {
            if (o.cpu(i) != first) {
                return true;
            }
        }
        return false;
    }

    /** The index of the STEP option of the given CPU, or -1 when that CPU cannot step. */
    static int stepOf(Options o, int cpu) {
        for (int i = 0; i < o.size(); i++) {
            if (o.kind(i) == OptionKind.STEP && o.cpu(i) == cpu) {
                return i;
            }
        }
        return -1;
    }
}
