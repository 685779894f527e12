package rcusim.sched.scenario;

import java.util.List;
import java.util.Optional;

/**
 * Scenarios by name, as a replay file names them: the engine looks a recording's scenario up
 * here without knowing which scenarios a build ships.
 */
public interface ScenarioCatalog {
    Optional<Scenario> find(String name);

    /** Every name, in name order (for the message when a name is missing). */
    List<String> names();
}
