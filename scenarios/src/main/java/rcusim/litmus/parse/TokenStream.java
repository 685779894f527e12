package rcusim.litmus.parse;

import java.util.ArrayList;
import java.util.List;
import rcusim.litmus.ast.Pos;

/**
 * The parsers' view of the tokens: unbounded lookahead, expectations that turn into
 * "expected X, found Y" diagnostics, and a lexer mode switch that re-lexes any lookahead.
 */
final class TokenStream {

    private final Lexer lexer;
    private final List<Token> ahead = new ArrayList<>();
    private int consumedEnd;
    private int depth;

    /**
     * Deepest nesting of blocks, 'if's, parentheses and operators the parsers accept: real
     * tests stay under 20, and the parsers recurse, so a deeper file is refused with its
     * position rather than overflowing the stack.
     */
    static final int MAX_NESTING = 256;

    TokenStream(Lexer lexer, int offset, Lexer.Mode mode) {
        this.lexer = lexer;
        this.consumedEnd = offset;
        lexer.reset(offset, mode);
    }

    /** Enters one level of nesting; refuses the file past {@link #MAX_NESTING}. */
    void enter() {
        if (++depth > MAX_NESTING) {
            throw error(peek().pos(), "nesting deeper than " + MAX_NESTING
                    + " levels (blocks, 'if's, parentheses or operators) is not supported");
        }
    }

    void leave() {
        depth--;
    }

    SourceText source() {
        return lexer.source();
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int k) {
        while (ahead.size() <= k) {
            if (!ahead.isEmpty() && ahead.get(ahead.size() - 1).isEof()) return ahead.get(ahead.size() - 1);
            ahead.add(lexer.next());
        }
        return ahead.get(k);
    }

    Token next() {
        Token t = peek();
        if (!t.isEof()) {
            ahead.remove(0);
            consumedEnd = t.end();
        }
        return t;
    }

    boolean at(String s) {
        return peek().is(s);
    }

    boolean accept(String s) {
        if (!at(s)) return false;
        next();
        return true;
    }

    /** Consumes {@code s} or fails with "expected 's' why, found ...". */
    Token expect(String s, String why) {
        if (!at(s)) throw expected("'" + s + "'" + (why.isEmpty() ? "" : " " + why));
        return next();
    }

    Token expectIdent(String what) {
        if (!peek().isIdent()) throw expected(what);
        return next();
    }

    /** Lexes what follows the last consumed token in {@code mode} from now on. */
    void setMode(Lexer.Mode mode) {
        if (lexer.mode() == mode) return;
        ahead.clear();
        lexer.reset(consumedEnd, mode);
    }

    /** An error at the next token: "expected WHAT, found TOKEN". */
    LitmusSyntaxException expected(String what) {
        Token t = peek();
        return error(t.pos(), "expected " + what + ", found " + t.describe());
    }

    LitmusSyntaxException error(Pos pos, String detail) {
        return source().error(pos, detail);
    }

    /** The value of a NUMBER token. */
    long numberValue(Token t) {
        String s = t.text();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
            if (s.length() > 1 && s.startsWith("0")) return Long.parseLong(s.substring(1), 8);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(t.pos(), "invalid integer literal '" + s + "'");
        }
    }

    /** A small non-negative number such as a process index. */
    int smallNumber(Token t, String what) {
        long v = numberValue(t);
        if (v > 10_000) throw error(t.pos(), what + " " + v + " is too large");
        return (int) v;
    }
}
