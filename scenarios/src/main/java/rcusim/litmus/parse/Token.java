package rcusim.litmus.parse;

import rcusim.litmus.ast.Pos;

/** One lexical token; {@code start}/{@code end} are offsets into the source text. */
record Token(Kind kind, String text, int start, int end, Pos pos) {

    enum Kind { IDENT, NUMBER, SYMBOL, EOF }

    /** True if this is the identifier or symbol spelled {@code s}. */
    boolean is(String s) {
        return kind != Kind.EOF && kind != Kind.NUMBER && text.equals(s);
    }

    boolean isIdent() {
        return kind == Kind.IDENT;
    }

    boolean isEof() {
        return kind == Kind.EOF;
    }

    /** How a message names this token: {@code 'r1'} or {@code end of file}. */
    String describe() {
        return kind == Kind.EOF ? "end of file" : "'" + text + "'";
    }
}
