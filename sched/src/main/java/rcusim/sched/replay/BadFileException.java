package rcusim.sched.replay;

/**
 * An input file (a replay file, a summary, a scenario or litmus file) is malformed or cannot be
 * used by this build. The command line maps it to its "bad input" exit code; the message reads
 * {@code file:line:col: message} like a compiler's, so editors can jump to the spot. Line and
 * column are optional (pass 0 when unknown).
 */
public class BadFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int col;
    private final String detail;

    public BadFileException(String file, int line, int col, String message) {
        this(file, line, col, message, null);
    }

    public BadFileException(String file, int line, int col, String message, Throwable cause) {
        super(format(file, line, col, message), cause);
        this.file = file;
        this.line = Math.max(line, 0);
        this.col = line > 0 ? Math.max(col, 0) : 0;
        this.detail = message;
    }

    public BadFileException(String file, int line, String message) {
        this(file, line, 0, message);
    }

    public BadFileException(String file, String message) {
        this(file, 0, 0, message);
    }

    /** The file as the user named it, or null. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 if unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 if unknown. */
    public int col() {
        return col;
    }

    /** The message without the location. */
    public String detail() {
        return detail;
    }

    private static String format(String file, int line, int col, String message) {
        StringBuilder sb = new StringBuilder();
        if (file != null && !file.isEmpty()) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
                if (col > 0) {
                    sb.append(':').append(col);
                }
            }
            sb.append(": ");
        }
        return sb.append(message).toString();
    }
}
