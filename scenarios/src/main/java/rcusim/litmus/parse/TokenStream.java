package rcusim.litmus.parse;

import java.util.ArrayList;
import java.util.List;
import rcusim.litmus.ast.Pos;

/**
 * The parsers' view of the tokens: unbounded lookahead, expectations that turn into
 * "expected X, found Y" diagnostics, and a lexer mode switch that re-lexes any lookahead.
 */
public final class TokenStream {

    private final Lexer lexer;
    private final List<Token> ahead = new ArrayList<>();
    private int consumedEnd;
    private Pos lastString;
    private int depth;

    /**
     * Deepest nesting of blocks, 'if's, parentheses and operators the parsers accept: real
     * tests stay under 20, and the parsers recurse, so a deeper file is refused with its
     * position rather than overflowing the stack.
     */
    static final int MAX_NESTING = 256;

    public TokenStream(Lexer lexer, int offset, Lexer.Mode mode) {
        this.lexer = lexer;
        this.consumedEnd = offset;
        lexer.reset(offset, mode);
    }

    /** Enters one level of nesting; refuses the file past {@link #MAX_NESTING}. */
    public void enter() {
        if (++depth > MAX_NESTING) {
            throw error(peek().pos(), "nesting deeper than " + MAX_NESTING
                    + " levels (blocks, 'if's, parentheses or operators) is not supported");
        }
    }

    public void leave() {
        depth--;
    }

    public SourceText source() {
        return lexer.source();
    }

    public Token peek() {
        return peek(0);
    }

    public Token peek(int k) {
        while (ahead.size() <= k) {
            if (!ahead.isEmpty() && ahead.get(ahead.size() - 1).isEof()) return ahead.get(ahead.size() - 1);
            ahead.add(lexer.next());
        }
        return ahead.get(k);
    }

    public Token next() {
        Token t = peek();
        if (!t.isEof()) {
            ahead.remove(0);
            consumedEnd = t.end();
        }
        return t;
    }

    public boolean at(String s) {
        return peek().is(s);
    }

    public boolean accept(String s) {
        if (!at(s)) return false;
        next();
        return true;
    }

    /** Consumes {@code s} or fails with "expected 's' why, found ...". */
    public Token expect(String s, String why) {
        if (!at(s)) throw expected("'" + s + "'" + (why.isEmpty() ? "" : " " + why));
        return next();
    }

    public Token expectIdent(String what) {
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
    public LitmusSyntaxException expected(String what) {
        Token t = peek();
        return error(t.pos(), "expected " + what + ", found " + t.describe());
    }

    public LitmusSyntaxException error(Pos pos, String detail) {
        return source().error(pos, detail);
    }

    /** The value of a NUMBER token. */
    public long numberValue(Token t) {
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
    public int smallNumber(Token t, String what) {
        long v = numberValue(t);
        if (v > 10_000) throw error(t.pos(), what + " " + v + " is too large");
        return (int) v;
    }

    /**
     * A C string literal next ({@code "..."}, with {@code \\"} and {@code \\\\} escapes), read from the
     * text itself: the lexer has no string tokens (litmus tests have none), so this re-lexes
     * after it. Scenario files use it for descriptions and failure signatures.
     */
    public String expectString(String what) {
        ahead.clear();
        lexer.reset(consumedEnd, lexer.mode());
        lexer.skipTrivia();
        int at = lexer.offset();
        SourceText src = lexer.source();
        if (src.charAt(at) != '"') {
            lexer.reset(consumedEnd, lexer.mode());
            throw expected(what);
        }
        lastString = src.posAt(at);
        StringBuilder sb = new StringBuilder();
        int i = at + 1;
        while (true) {
            if (i >= src.length() || src.charAt(i) == '\n') {
                throw src.error(at, "unterminated string: '\"' has no matching '\"' on its line");
            }
            char c = src.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < src.length()) {
                c = src.charAt(++i);
                c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
            }
            sb.append(c);
            i++;
        }
        consumedEnd = i + 1;
        lexer.reset(consumedEnd, lexer.mode());
        return sb.toString();
    }

    /** Whether a string literal comes next (checked on the text: the lexer has no string tokens). */
    public boolean atString() {
        if (!ahead.isEmpty()) {
            return false;
        }
        lexer.reset(consumedEnd, lexer.mode());
        lexer.skipTrivia();
        boolean quote = lexer.source().charAt(lexer.offset()) == '"';
        lexer.reset(consumedEnd, lexer.mode());
        return quote;
    }

    /**
     * The raw text up to the '}' that closes a block whose '{' was just consumed (braces nest),
     * with the offset where it starts; the '}' is consumed. For blocks another parser reads.
     */
    public String rawBlock(String what) {
        ahead.clear();
        SourceText src = lexer.source();
        int start = consumedEnd;
        int depth = 1;
        for (int i = start; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                consumedEnd = i + 1;
                lexer.reset(consumedEnd, lexer.mode());
                return src.text().substring(start, i);
            }
        }
        throw src.error(start - 1, what + ": '{' has no matching '}'");
    }

    /** Where the last string literal read by {@link #expectString} starts. */
    public Pos lastStringPos() {
        return lastString;
    }

    /** The offset just after the last consumed token. */
    public int consumedEnd() {
        return consumedEnd;
    }
}
