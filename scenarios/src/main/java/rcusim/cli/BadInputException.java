package rcusim.cli;

import rcusim.sched.replay.BadFileException;

/**
 * A malformed input file found by the front end (litmus tests, scenario files). Maps to exit
 * code {@link ExitCodes#BAD_INPUT} like every {@link BadFileException}; the message reads
 * {@code file:line:col: message}. Line and column are optional (pass 0 when unknown).
 */
public class BadInputException extends BadFileException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String file, int line, int col, String message) {
        super(file, line, col, message);
    }

    public BadInputException(String file, int line, int col, String message, Throwable cause) {
        super(file, line, col, message, cause);
    }

    public BadInputException(String file, int line, String message) {
        super(file, line, message);
    }

    public BadInputException(String file, String message) {
        super(file, message);
    }
}
