package rcusim.litmus.exec;

import java.util.List;
import rcusim.litmus.ast.Cond;
import rcusim.litmus.ast.Observed;
import rcusim.litmus.ast.Quantifier;

/**
 * A litmus test compiled for execution: shared locations with their initial values (location
 * i is simulated location i), and per process its code and registers.
 *
 * @param observed what an outcome records: the condition's registers and locations, then the
 *     {@code locations [...]} list, without repeats
 * @param filter null when the test has none
 */
public record LitmusProgram(
        String file,
        String name,
        List<String> locations,
        long[] locationInit,
        List<Process> processes,
        List<Observed> observed,
        Cond filter,
        Quantifier quantifier,
        Cond condition,
        boolean usesRcu) {

    /** One compiled process; registers beyond the user's are temporaries. */
    public record Process(String name, Insn[] code, List<String> registers, long[] registerInit) {
    }

    public int locationIndex(String name) {
        return locations.indexOf(name);
    }
}
