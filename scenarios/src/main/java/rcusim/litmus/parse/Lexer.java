package rcusim.litmus.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Splits litmus text into tokens on demand, from any offset.
 *
 * <p>Two modes, because {@code (*} means different things: in the litmus parts (header,
 * initial state, final clauses) it opens an OCaml-style comment, which nests as in herd7; in
 * process bodies it is C ({@code r = (*x);}). Both modes skip {@code //} and {@code /* * /}
 * comments.
 */
public final class Lexer {

    public enum Mode { LITMUS, C }

    /** A skipped comment; {@code body} is the text between the delimiters. */
    record Comment(int start, int end, String body, boolean ocaml) {}

    /** Longest first, so that "<<=" wins over "<<" and "<". */
    private static final String[] SYMBOLS = {
        "<<=", ">>=",
        "/\\", "\\/", "=>", "==", "!=", "<=", ">=", "<<", ">>", "&&", "||",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "++", "--", "->",
        "{", "}", "(", ")", "[", "]", ";", ",", "=", "<", ">", "+", "-", "*", "/", "%",
        "&", "|", "^", "!", "~", "?", ":", ".",
    };

    private final SourceText src;
    private final TreeMap<Integer, Comment> comments = new TreeMap<>();
    private int offset;
    private Mode mode = Mode.LITMUS;

    public Lexer(SourceText src) {
        this.src = src;
    }

    public SourceText source() {
        return src;
    }

    public int offset() {
        return offset;
    }

    public void reset(int offset, Mode mode) {
        this.offset = offset;
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    /** Comments skipped so far, in file order (re-lexing does not duplicate them). */
    List<Comment> comments() {
        return new ArrayList<>(comments.values());
    }

    Token next() {
        skipTrivia();
        int start = offset;
        if (start >= src.length()) return new Token(Token.Kind.EOF, "", start, start, src.posAt(start));
        char c = src.charAt(start);
        if (isIdentStart(c)) {
            int end = start + 1;
            while (isIdentPart(src.charAt(end)) && end < src.length()) end++;
            return token(Token.Kind.IDENT, start, end);
        }
        if (isDigit(c)) return number(start);
        for (String s : SYMBOLS) {
            if (src.startsWith(s, start)) return token(Token.Kind.SYMBOL, start, start + s.length());
        }
        throw src.error(start, "unexpected character " + quoteChar(c));
    }

    /** Skips whitespace and comments; an unterminated comment is reported where it opens. */
    public void skipTrivia() {
        while (offset < src.length()) {
            char c = src.charAt(offset);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                offset++;
            } else if (src.startsWith("//", offset)) {
                int end = offset;
                while (end < src.length() && src.charAt(end) != '\n') end++;
                record(offset, end, src.text().substring(offset + 2, end), false);
                offset = end;
            } else if (src.startsWith("/*", offset)) {
                int close = src.text().indexOf("*/", offset + 2);
                if (close < 0) throw src.error(offset, "unterminated comment: '/*' has no matching '*/'");
                record(offset, close + 2, src.text().substring(offset + 2, close), false);
                offset = close + 2;
            } else if (mode == Mode.LITMUS && src.startsWith("(*", offset)) {
                skipOcamlComment();
            } else {
                return;
            }
        }
    }

    private void skipOcamlComment() {
        int start = offset;
        int depth = 0;
        int i = offset;
        while (i < src.length()) {
            if (src.startsWith("(*", i)) {
                depth++;
                i += 2;
            } else if (src.startsWith("*)", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    record(start, i, src.text().substring(start + 2, i - 2), true);
                    offset = i;
                    return;
                }
            } else {
                i++;
            }
        }
        throw src.error(start, "unterminated comment: '(*' has no matching '*)'");
    }

    private void record(int start, int end, String body, boolean ocaml) {
        comments.putIfAbsent(start, new Comment(start, end, body, ocaml));
    }

    /** Decimal, hex or octal, with C suffixes ({@code u}, {@code l}) accepted and ignored. */
    private Token number(int start) {
        int end = start;
        if (src.charAt(start) == '0' && (src.charAt(start + 1) == 'x' || src.charAt(start + 1) == 'X')) {
            end = start + 2;
            while (Character.digit(src.charAt(end), 16) >= 0 && end < src.length()) end++;
            if (end == start + 2) throw src.error(start, "malformed hexadecimal number");
        } else {
            while (isDigit(src.charAt(end)) && end < src.length()) end++;
        }
        int digitsEnd = end;
        while ("uUlL".indexOf(src.charAt(end)) >= 0 && end < src.length()) end++;
        if (isIdentPart(src.charAt(end)) && end < src.length()) {
            int bad = end;
            while (isIdentPart(src.charAt(bad)) && bad < src.length()) bad++;
            throw src.error(start, "malformed number '" + src.text().substring(start, bad) + "'");
        }
        Token t = token(Token.Kind.NUMBER, start, end);
        return new Token(t.kind(), src.text().substring(start, digitsEnd), start, end, t.pos());
    }

    private Token token(Token.Kind kind, int start, int end) {
        offset = end;
        return new Token(kind, src.text().substring(start, end), start, end, src.posAt(start));
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String quoteChar(char c) {
        if (c < ' ' || c > '~') return String.format("U+%04X", (int) c);
        return "'" + c + "'";
    }
}
