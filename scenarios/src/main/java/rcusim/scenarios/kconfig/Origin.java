package rcusim.scenarios.kconfig;

import rcusim.sched.replay.BadFileException;

/** Where a setting was read: file, line and column (1-based). */
public record Origin(String file, int line, int col) {
    /** "TREE04:3" for messages. */
    public String where() {
        return file + ":" + line;
    }

    /** The exit-3 error for this place: {@code file:line:col: message}. */
    BadFileException error(String message) {
        return new BadFileException(file, line, col, message);
    }

    Origin at(int column) {
        return new Origin(file, line, column);
    }
}
