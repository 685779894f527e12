package rcusim.litmus.parse;

import rcusim.litmus.ast.Pos;

/**
 * A litmus file that does not parse. {@link #getMessage()} reads like a compiler diagnostic,
 * {@code file:line:column: detail}, where detail says what was expected and what was found.
 */
public final class LitmusSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    public LitmusSyntaxException(String file, int line, int column, String detail) {
        super(file + ":" + line + ":" + column + ": " + detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public LitmusSyntaxException(String file, Pos pos, String detail) {
        this(file, pos.line(), pos.column(), detail);
    }

    public String file() {
        return file;
    }

    /** 1-based. */
    public int line() {
        return line;
    }

    /** 1-based; a tab counts as one column. */
    public int column() {
        return column;
    }

    public Pos pos() {
        return new Pos(line, column);
    }

    /** The message without the {@code file:line:column: } prefix. */
    public String detail() {
        return detail;
    }
}
