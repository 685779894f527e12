package rcusim.litmus.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.List;
import java.util.Set;
import rcusim.litmus.ast.AddressValue;
import rcusim.litmus.ast.CType;
import rcusim.litmus.ast.Cond;
import rcusim.litmus.ast.InitEntry;
import rcusim.litmus.ast.InitValue;
import rcusim.litmus.ast.IntValue;
import rcusim.litmus.ast.LitmusProcess;
import rcusim.litmus.ast.LitmusTest;
import rcusim.litmus.ast.Observed;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.ast.Quantifier;

/**
 * Parses C litmus tests in the LKMM dialect (the one herd7 reads) into a {@link LitmusTest}.
 * Syntax only: names, primitives and types are checked later, by whoever compiles the AST.
 *
 * <p>Layout of a test: header ({@link Header}), initial state (here), processes
 * ({@link CodeParser}), then optional {@code locations [...]} and {@code filter}, and the final
 * {@code exists}/{@code ~exists}/{@code forall} clause ({@link ConditionParser}).
 */
public final class LitmusParser {

    private final TokenStream ts;
    private final CodeParser code;
    private final ConditionParser conditions;

    private LitmusParser(TokenStream ts) {
        this.ts = ts;
        this.code = new CodeParser(ts);
        this.conditions = new ConditionParser(ts);
    }

    /** Parses a file; messages name it by its file name (not the whole path). */
    public static LitmusTest parse(Path file) throws IOException, LitmusSyntaxException {
        // plain messages for empty, binary or non-UTF-8 files (not the decoder's "Input length = 1")
        String text = rcusim.sched.replay.TextInput.read(file, "a C litmus test");
        Path name = file.getFileName();
        return parse(name == null ? file.toString() : name.toString(), text);
    }

    /** Parses {@code text}; {@code fileName} is only used in messages and the result. */
    public static LitmusTest parse(String fileName, String text) throws LitmusSyntaxException {
        SourceText src = new SourceText(fileName, text);
        Lexer lexer = new Lexer(src);
        Header header = Header.scan(lexer);
        LitmusParser p = new LitmusParser(new TokenStream(lexer, header.initOffset(), Lexer.Mode.LITMUS));
        return p.test(fileName, header);
    }

    private LitmusTest test(String fileName, Header header) {
        List<InitEntry> init = initialState();
        List<LitmusProcess> processes = processes();
        List<Observed> locations = ts.at("locations") ? locations() : List.of();
        Cond filter = null;
        if (ts.accept("filter")) filter = conditions.condition();
        Quantifier quantifier = quantifier();
        Cond condition = conditions.condition();
        ts.accept(";");
        if (!ts.peek().isEof()) throw ts.expected("end of file after the final condition");
        return new LitmusTest(fileName, header.name(), header.comment(), header.doc(), header.info(),
                init, processes, locations, filter, quantifier, condition);
    }

    // ---- initial state ----

    private List<InitEntry> initialState() {
        Token open = ts.expect("{", "to open the initial state");
        List<InitEntry> entries = new ArrayList<>();
        while (true) {
            while (ts.accept(";")) { }
            if (ts.accept("}")) return entries;
            if (ts.peek().isEof()) {
                throw ts.expected("'}' to close the initial state opened at " + open.pos());
            }
            entries.add(initEntry());
            if (!ts.at(";") && !ts.at("}")) throw ts.expected("';' or '}' after an initial-state entry");
        }
    }

    /**
     * {@code [type] x [= v]} or {@code [type] N:reg [= v]}. A type is present when the entry
     * does not start with the target itself, that is when the first word is followed by
     * another word, a '*' or a register.
     */
    private InitEntry initEntry() {
        Pos pos = ts.peek().pos();
        CType type = null;
        boolean typed = ts.at("*")
                || (ts.peek().isIdent() && !ts.peek(1).is("=") && !ts.peek(1).is(";") && !ts.peek(1).is("}")
                        && !ts.peek(1).is(":") && !isProcessName(ts.peek()));
        if (typed) {
            String base = ts.at("*") ? "int" : code.baseType();
            type = new CType(base, code.stars());
        }
        Token t = ts.peek();
        if (t.kind() == Token.Kind.NUMBER || isProcessName(t) && ts.peek(1).is(":")) {
            int proc = processIndexOfRegister();
            String reg = ts.expectIdent("a register name after '" + proc + ":'").text();
            return new InitEntry.RegisterInit(pos, type, proc, reg, initValueOpt());
        }
        String loc = ts.expectIdent(type == null ? "a location, a register such as 0:r1, or a type"
                : "a location or register name after type '" + type + "'").text();
        return new InitEntry.LocationInit(pos, type, loc, initValueOpt());
    }

    /** Reads {@code N:} or {@code PN:} and returns N. */
    private int processIndexOfRegister() {
        Token t = ts.next();
        int proc = t.kind() == Token.Kind.NUMBER
                ? ts.smallNumber(t, "process index")
                : Integer.parseInt(t.text().substring(1));
        ts.expect(":", "between process index and register");
        return proc;
    }

    private InitValue initValueOpt() {
        if (!ts.accept("=")) return null;
        Token t = ts.peek();
        if (t.is("-") || t.kind() == Token.Kind.NUMBER) return new IntValue(t.pos(), signedNumber());
        if (t.is("&")) {
            ts.next();
            return new AddressValue(t.pos(), ts.expectIdent("a location name after '&'").text());
        }
        if (t.is("ATOMIC_INIT")) {
            ts.next();
            ts.expect("(", "after 'ATOMIC_INIT'");
            long v = signedNumber();
            ts.expect(")", "to close 'ATOMIC_INIT('");
            return new IntValue(t.pos(), v);
        }
        if (t.is("NULL")) {
            ts.next();
            return new IntValue(t.pos(), 0);
        }
        if (t.isIdent()) return new AddressValue(t.pos(), ts.next().text());
        throw ts.expected("an initial value (an integer, a location, '&' location or ATOMIC_INIT(n))");
    }

    private long signedNumber() {
        boolean negative = ts.accept("-");
        Token t = ts.peek();
        if (t.kind() != Token.Kind.NUMBER) throw ts.expected("an integer");
        ts.next();
        long v = ts.numberValue(t);
        return negative ? -v : v;
    }

    // ---- processes ----

    private List<LitmusProcess> processes() {
        List<LitmusProcess> out = new ArrayList<>();
        Set<Integer> seen = new TreeSet<>();
        while (isProcessName(ts.peek())) {
            Token name = ts.peek();
            LitmusProcess p = code.process();
            if (!seen.add(p.index())) throw ts.error(name.pos(), "duplicate process " + name.text());
            out.add(p);
        }
        if (out.isEmpty()) throw ts.expected("a process such as 'P0(int *x)' after the initial state");
        if (!isTailKeyword()) {
            throw ts.expected("a process (P" + out.size() + "(...)) or the final condition"
                    + " ('exists', '~exists', 'forall', 'locations' or 'filter')");
        }
        return out;
    }

    private boolean isTailKeyword() {
        return ts.at("exists") || ts.at("forall") || ts.at("locations") || ts.at("filter")
                || ts.at("~") && ts.peek(1).is("exists") || ts.peek().isEof();
    }

    static boolean isProcessName(Token t) {
        return t.isIdent() && t.text().matches("P[0-9]{1,4}");
    }

    // ---- final clauses ----

    private List<Observed> locations() {
        ts.next();
        ts.expect("[", "after 'locations'");
        List<Observed> out = new ArrayList<>();
        while (!ts.accept("]")) {
            out.add(conditions.observed("a location or register in 'locations [...]'"));
            if (!ts.accept(";") && !ts.at("]")) throw ts.expected("';' or ']' in 'locations [...]'");
        }
        return out;
    }

    private Quantifier quantifier() {
        if (ts.accept("exists")) return Quantifier.EXISTS;
        if (ts.accept("forall")) return Quantifier.FORALL;
        if (ts.at("~") && ts.peek(1).is("exists")) {
            ts.next();
            ts.next();
            return Quantifier.NOT_EXISTS;
        }
        throw ts.expected("the final condition: 'exists', '~exists' or 'forall'");
    }
}
