package rcusim.scenarios.file;

import rcusim.sched.replay.BadFileException;

/** A scenario file that cannot be read, parsed or compiled: {@code file:line:col: what was expected}. */
public final class ScenarioFileException extends BadFileException {
    private static final long serialVersionUID = 1L;

    public ScenarioFileException(String file, int line, int col, String message, Throwable cause) {
        super(file, line, col, message, cause);
    }
}
