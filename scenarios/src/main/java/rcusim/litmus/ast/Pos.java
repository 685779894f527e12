package rcusim.litmus.ast;

/** A place in a litmus file: 1-based line and 1-based column (a tab counts as one column). */
public record Pos(int line, int column) {

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
