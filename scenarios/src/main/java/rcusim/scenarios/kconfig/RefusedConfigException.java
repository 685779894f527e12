package rcusim.scenarios.kconfig;

import java.util.List;
import rcusim.sched.replay.BadFileException;

/**
 * An rcutorture configuration that sets options rcusim does not model and that would change
 * what RCU does (exit 3). The message names the first at its file:line:col and lists the rest.
 */
public final class RefusedConfigException extends BadFileException {
    private static final long serialVersionUID = 1L;
    private final List<String> options;

    RefusedConfigException(Origin first, String message, List<String> options) {
        super(first.file(), first.line(), first.col(), message);
        this.options = List.copyOf(options);
    }

    /** The refused settings as written, e.g. {@code CONFIG_RCU_BOOST=y}, {@code rcutree.kthread_prio=2}. */
    public List<String> options() {
        return options;
    }
}
