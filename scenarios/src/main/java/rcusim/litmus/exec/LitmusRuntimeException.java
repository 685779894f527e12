package rcusim.litmus.exec;

import rcusim.litmus.ast.Pos;

/** A litmus program did something no execution may do (a bad pointer, an unbalanced unlock). */
public final class LitmusRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Pos pos;

    public LitmusRuntimeException(Pos pos, String message) {
        super(message);
        this.pos = pos;
    }

    public Pos pos() {
        return pos;
    }
}
