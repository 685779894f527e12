package rcusim.litmus.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What comes before the initial state: {@code C <name>}, then optionally a quoted doc string,
 * {@code key=value} lines (as diy7 writes them) and {@code (* ... *)} comments.
 *
 * @param comment    body of the first {@code (* *)} comment after the name, trimmed, or null
 * @param initOffset offset of the '{' that opens the initial state
 */
record Header(String name, String doc, Map<String, String> info, String comment, int initOffset) {

    /** Reads the header; the lexer is left somewhere before {@code initOffset}. */
    static Header scan(Lexer lexer) {
        SourceText src = lexer.source();
        lexer.reset(0, Lexer.Mode.LITMUS);
        Token arch = lexer.next();
        if (!arch.is("C")) {
            throw src.error(arch.pos(), "expected 'C' and the test name on the first line (only C litmus tests"
                    + " are supported), found " + arch.describe());
        }
        int p = arch.end();
        while (src.charAt(p) == ' ' || src.charAt(p) == '\t') p++;
        int nameStart = p;
        while (p < src.length() && !Character.isWhitespace(src.charAt(p))) p++;
        if (p == nameStart) throw src.error(nameStart, "expected the test name after 'C'");
        String name = src.text().substring(nameStart, p);

        String doc = null;
        Map<String, String> info = new LinkedHashMap<>();
        int headerLineEnd = src.text().indexOf('\n', p) < 0 ? src.length() : src.text().indexOf('\n', p);
        lexer.reset(p, Lexer.Mode.LITMUS);
        while (true) {
            lexer.skipTrivia();
            int at = lexer.offset();
            char c = src.charAt(at);
            if (at >= src.length() || c == '{') break;
            if (c == '"' && doc == null) {
                int close = src.text().indexOf('"', at + 1);
                if (close < 0) throw src.error(at, "unterminated doc string: '\"' has no matching '\"'");
                doc = src.text().substring(at + 1, close);
                lexer.reset(close + 1, Lexer.Mode.LITMUS);
            } else if (c == '(' && at < headerLineEnd && src.text().indexOf(')', at) > at) {
                // herd7's optional "(texname)" after the test name; not needed here
                lexer.reset(src.text().indexOf(')', at) + 1, Lexer.Mode.LITMUS);
            } else if (c == ';') {
                lexer.reset(at + 1, Lexer.Mode.LITMUS); // herd7 allows a ';' after the header
            } else if (Lexer.isIdentStart(c) && infoLineEquals(src, at) >= 0) {
                int eq = infoLineEquals(src, at);
                int eol = src.text().indexOf('\n', eq);
                if (eol < 0) eol = src.length();
                info.put(src.text().substring(at, eq).trim(), src.text().substring(eq + 1, eol).trim());
                lexer.reset(eol, Lexer.Mode.LITMUS);
            } else {
                break;
            }
        }
        int initOffset = lexer.offset();
        if (src.charAt(initOffset) != '{' || initOffset >= src.length()) {
            Token found = lexer.next();
            throw src.error(found.pos(), "expected '{' to open the initial state, found " + found.describe());
        }
        String comment = lexer.comments().stream()
                .filter(k -> k.ocaml() && k.start() >= nameStart && k.start() < initOffset)
                .map(k -> tidy(k.body()))
                .findFirst().orElse(null);
        return new Header(name, doc, info, comment, initOffset);
    }

    /** Drops blank lines around a comment body but keeps the indentation of its text. */
    private static String tidy(String body) {
        List<String> lines = new ArrayList<>(body.lines().toList());
        while (!lines.isEmpty() && lines.get(0).isBlank()) lines.remove(0);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        if (lines.size() == 1) return lines.get(0).strip();
        return String.join("\n", lines.stream().map(String::stripTrailing).toList());
    }

    /** If the line at {@code at} reads {@code Key = value}, the offset of its '=', else -1. */
    private static int infoLineEquals(SourceText src, int at) {
        int p = at;
        while (p < src.length() && (Lexer.isIdentPart(src.charAt(p)) || ".-/".indexOf(src.charAt(p)) >= 0)) p++;
        while (src.charAt(p) == ' ' || src.charAt(p) == '\t') p++;
        return src.charAt(p) == '=' && p < src.length() ? p : -1;
    }
}
