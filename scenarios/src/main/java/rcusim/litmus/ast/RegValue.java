package rcusim.litmus.ast;

/** Register {@code register} of process {@code proc}, written {@code 0:r1}. */
public record RegValue(Pos pos, int proc, String register) implements Observed, Operand {

    @Override
    public String toString() {
        return proc + ":" + register;
    }
}
