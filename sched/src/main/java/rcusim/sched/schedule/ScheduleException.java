package rcusim.sched.schedule;

import rcusim.sched.replay.BadFileException;

/**
 * A schedule that cannot be read (a syntax error, an unknown word, a CPU out of range), named
 * {@code file:line:col}: bad input, exit 3.
 */
public class ScheduleException extends BadFileException {
    private static final long serialVersionUID = 1L;

    public ScheduleException(String file, int line, int col, String message) {
        super(file, line, col, message);
    }
}
