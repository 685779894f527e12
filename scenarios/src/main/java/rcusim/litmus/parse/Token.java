package rcusim.litmus.parse;

import rcusim.litmus.ast.Pos;

/** One lexical token; {@code start}/{@code end} are offsets into the source text. */
public record Token(Kind kind, String text, int start, int end, Pos pos) {

    public enum Kind { IDENT, NUMBER, SYMBOL, EOF }

    /** True if this is the identifier or symbol spelled {@code s}. */
    public boolean is(String s) {
        return kind != Kind.EOF && kind != Kind.NUMBER && text.equals(s);
    }

    public boolean isIdent() {
        return kind == Kind.IDENT;
    }

    public boolean isEof() {
        return kind == Kind.EOF;
    }

    /** How a message names this token: {@code 'r1'} or {@code end of file}. */
    public String describe() {
        return kind == Kind.EOF ? "end of file" : "'" + text + "'";
    }
}
