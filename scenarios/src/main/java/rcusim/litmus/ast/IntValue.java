package rcusim.litmus.ast;

/** An integer constant in the initial state or a condition; may be negative. */
public record IntValue(Pos pos, long value) implements Operand, InitValue {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
