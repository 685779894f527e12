package rcusim.litmus.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed C litmus test.
 *
 * @param file       file name used in messages
 * @param name       test name from the {@code C <name>} line
 * @param comment    text inside the first {@code (* ... *)} before the initial state, trimmed;
 *                   null if none
 * @param doc        the quoted {@code "..."} doc string of generated tests, or null
 * @param info       {@code key=value} lines between header and initial state, in file order
 * @param init       initial-state entries, in file order
 * @param processes  processes in file order (normally P0, P1, ...; indexes are unique)
 * @param locations  the {@code locations [...]} list, empty if absent
 * @param filter     the {@code filter} condition, or null
 * @param quantifier how {@code condition} is judged
 * @param condition  the final condition
 */
public record LitmusTest(
        String file,
        String name,
        String comment,
        String doc,
        Map<String, String> info,
        List<InitEntry> init,
        List<LitmusProcess> processes,
        List<Observed> locations,
        Cond filter,
        Quantifier quantifier,
        Cond condition) {

    private static final Pattern RESULT = Pattern.compile("Result:\\s*(\\S+)");

    public LitmusTest {
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
        init = List.copyOf(init);
        processes = List.copyOf(processes);
        locations = List.copyOf(locations);
    }

    /** The word after {@code Result:} in the header comment ("Never", "Sometimes", ...). */
    public Optional<String> expectedResult() {
        if (comment == null) return Optional.empty();
        Matcher m = RESULT.matcher(comment);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The process with this index. */
    public Optional<LitmusProcess> process(int index) {
        return processes.stream().filter(p -> p.index() == index).findFirst();
    }
}
