package rcusim.litmus.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rcusim.litmus.ast.CType;
import rcusim.litmus.ast.Declarator;
import rcusim.litmus.ast.Expr;
import rcusim.litmus.ast.Expr.BinaryOp;
import rcusim.litmus.ast.LitmusProcess;
import rcusim.litmus.ast.Param;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.ast.Stmt;

/**
 * Parses processes: {@code P<n>(params) { body }}, the statements of the body and C
 * expressions. C needs to know which names are types; a litmus test declares none, so a name
 * is a type if it is a C type keyword, ends in {@code _t} (kernel convention: spinlock_t,
 * atomic_t, intptr_t), is one of the kernel's short integer types, or is followed by another
 * name ({@code mytype r;}).
 */
final class CodeParser {

    private static final Set<String> BUILTIN_TYPES = Set.of(
            "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool", "bool");
    private static final Set<String> QUALIFIERS = Set.of("const", "volatile", "_Atomic", "restrict");
    private static final Set<String> TAGS = Set.of("struct", "union", "enum");
    private static final Set<String> KERNEL_TYPES = Set.of("u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64");
    private static final Set<String> UNSUPPORTED = Set.of(
            "while", "for", "do", "switch", "case", "default", "goto", "return", "break", "continue");

    private record OpInfo(BinaryOp op, int prec) {}

    /** Binary operators with C precedence (higher binds tighter). */
    private static final Map<String, OpInfo> BINARY = Map.ofEntries(
            Map.entry("||", new OpInfo(BinaryOp.OR, 1)),
            Map.entry("&&", new OpInfo(BinaryOp.AND, 2)),
            Map.entry("|", new OpInfo(BinaryOp.BIT_OR, 3)),
            Map.entry("^", new OpInfo(BinaryOp.BIT_XOR, 4)),
            Map.entry("&", new OpInfo(BinaryOp.BIT_AND, 5)),
            Map.entry("==", new OpInfo(BinaryOp.EQ, 6)),
            Map.entry("!=", new OpInfo(BinaryOp.NE, 6)),
            Map.entry("<", new OpInfo(BinaryOp.LT, 7)),
            Map.entry("<=", new OpInfo(BinaryOp.LE, 7)),
            Map.entry(">", new OpInfo(BinaryOp.GT, 7)),
            Map.entry(">=", new OpInfo(BinaryOp.GE, 7)),
            Map.entry("<<", new OpInfo(BinaryOp.SHL, 8)),
            Map.entry(">>", new OpInfo(BinaryOp.SHR, 8)),
            Map.entry("+", new OpInfo(BinaryOp.ADD, 9)),
            Map.entry("-", new OpInfo(BinaryOp.SUB, 9)),
            Map.entry("*", new OpInfo(BinaryOp.MUL, 10)),
            Map.entry("/", new OpInfo(BinaryOp.DIV, 10)),
            Map.entry("%", new OpInfo(BinaryOp.MOD, 10)));

    /** {@code a op= b} is read as {@code a = a op b}. */
    private static final Map<String, BinaryOp> COMPOUND = Map.of(
            "+=", BinaryOp.ADD, "-=", BinaryOp.SUB, "*=", BinaryOp.MUL, "/=", BinaryOp.DIV,
            "%=", BinaryOp.MOD, "&=", BinaryOp.BIT_AND, "|=", BinaryOp.BIT_OR, "^=", BinaryOp.BIT_XOR,
            "<<=", BinaryOp.SHL, ">>=", BinaryOp.SHR);

    private final TokenStream ts;

    CodeParser(TokenStream ts) {
        this.ts = ts;
    }

    // ---- processes ----

    LitmusProcess process() {
        Token name = ts.next();
        int index = Integer.parseInt(name.text().substring(1));
        ts.expect("(", "after " + name.text());
        List<Param> params = new ArrayList<>();
        if (ts.at("void") && ts.peek(1).is(")")) ts.next();
        if (!ts.at(")")) {
            do {
                params.add(param());
            } while (ts.accept(","));
        }
        ts.expect(")", "to close the parameter list of " + name.text());
        if (!ts.at("{")) throw ts.expected("'{' to open the body of " + name.text());
        Token open = ts.next();
        ts.setMode(Lexer.Mode.C);
        List<Stmt> body = statementsUntilClose("the body of " + name.text(), open);
        ts.setMode(Lexer.Mode.LITMUS);
        return new LitmusProcess(name.pos(), index, params, new Stmt.Block(open.pos(), body));
    }

    private Param param() {
        Token first = ts.peek();
        if (!first.isIdent()) throw ts.expected("a parameter such as 'int *x'");
        if (!ts.peek(1).isIdent() && !ts.peek(1).is("*") && !QUALIFIERS.contains(first.text())) {
            throw ts.error(first.pos(), "expected a type before parameter '" + first.text()
                    + "' (such as 'int *" + first.text() + "')");
        }
        CType type = new CType(baseType(), stars());
        Token name = ts.expectIdent("a parameter name after type '" + type + "'");
        return new Param(first.pos(), type, name.text());
    }

    // ---- types ----

    /** Base type words without the '*': "int", "unsigned long", "struct srcu_struct". */
    String baseType() {
        List<String> words = new ArrayList<>();
        boolean complete = false; // after a typedef or struct name no more words belong to the type
        while (ts.peek().isIdent()) {
            String w = ts.peek().text();
            if (QUALIFIERS.contains(w)) {
                ts.next();
            } else if (TAGS.contains(w) && !complete && words.isEmpty()) {
                ts.next();
                words.add(w + " " + ts.expectIdent("a name after '" + w + "'").text());
                complete = true;
            } else if (BUILTIN_TYPES.contains(w) && !complete) {
                ts.next();
                words.add(w);
            } else if (words.isEmpty()) {
                ts.next();
                words.add(w);
                complete = true;
            } else {
                break;
            }
        }
        if (words.isEmpty()) throw ts.expected("a type");
        return String.join(" ", words);
    }

    /** Counts '*' (qualifiers after a '*' are skipped). */
    int stars() {
        int n = 0;
        while (ts.accept("*")) {
            n++;
            while (ts.peek().isIdent() && QUALIFIERS.contains(ts.peek().text())) ts.next();
        }
        return n;
    }

    private static boolean isTypeWord(String w) {
        return BUILTIN_TYPES.contains(w) || QUALIFIERS.contains(w) || TAGS.contains(w);
    }

    private static boolean isTypedefName(String w) {
        return w.endsWith("_t") || KERNEL_TYPES.contains(w);
    }

    /** Does a declaration start here? */
    private boolean declarationAhead() {
        Token t = ts.peek();
        if (!t.isIdent()) return false;
        if (isTypeWord(t.text())) return true;
        Token after = ts.peek(1);
        return after.isIdent() || isTypedefName(t.text()) && after.is("*");
    }

    /** Is the '(' at lookahead 0 the start of a cast? */
    private boolean castAhead() {
        Token t = ts.peek(1);
        if (!t.isIdent()) return false;
        if (isTypeWord(t.text())) return true;
        Token after = ts.peek(2);
        return isTypedefName(t.text()) && (after.is("*") || after.is(")"));
    }

    // ---- statements ----

    /** Statements up to and including the '}' matching {@code open}. */
    private List<Stmt> statementsUntilClose(String what, Token open) {
        List<Stmt> out = new ArrayList<>();
        while (!ts.at("}")) {
            if (bodyEndsHere()) throw ts.expected("'}' to close " + what + " opened at " + open.pos());
            out.add(statement());
        }
        ts.next();
        return out;
    }

    /** Signs that a '}' is missing: the file goes on with the next process or the final clauses. */
    private boolean bodyEndsHere() {
        Token t = ts.peek();
        if (t.isEof()) return true;
        if (t.is("exists") || t.is("forall") || t.is("locations") || t.is("filter")) {
            return !ts.peek(1).is("=") && !ts.peek(1).is(";");
        }
        if (t.is("~") && ts.peek(1).is("exists")) return true;
        return LitmusParser.isProcessName(t) && ts.peek(1).is("(");
    }

    Stmt statement() {
        ts.enter();
        Stmt r = statementNested();
        ts.leave();
        return r;
    }

    private Stmt statementNested() {
        Token t = ts.peek();
        if (t.is(";")) {
            ts.next();
            return new Stmt.Empty(t.pos());
        }
        if (t.is("{")) {
            ts.next();
            return new Stmt.Block(t.pos(), statementsUntilClose("the block", t));
        }
        if (t.is("if")) return ifStatement();
        if (t.is("else")) throw ts.error(t.pos(), "'else' without a matching 'if'");
        if (t.isIdent() && UNSUPPORTED.contains(t.text())) {
            throw ts.error(t.pos(), "'" + t.text() + "' is not supported: litmus processes have no loops or jumps");
        }
        if (declarationAhead()) return declaration();
        if (t.is("++") || t.is("--")) {
            ts.next();
            Expr target = unary();
            Stmt s = increment(t.pos(), target, t.is("++"));
            endOfStatement();
            return s;
        }
        Expr e = expression();
        Stmt s;
        Token op = ts.peek();
        if (op.is("=")) {
            ts.next();
            s = new Stmt.Assign(e.pos(), lvalue(e, op), expression());
        } else if (op.kind() == Token.Kind.SYMBOL && COMPOUND.containsKey(op.text())) {
            ts.next();
            Expr rhs = expression();
            s = new Stmt.Assign(e.pos(), lvalue(e, op), new Expr.Binary(e.pos(), COMPOUND.get(op.text()), e, rhs));
        } else if (op.is("++") || op.is("--")) {
            ts.next();
            s = increment(e.pos(), lvalue(e, op), op.is("++"));
        } else {
            s = new Stmt.ExprStmt(e.pos(), e);
        }
        endOfStatement();
        return s;
    }

    private void endOfStatement() {
        ts.expect(";", "after statement");
    }

    private Stmt increment(Pos pos, Expr target, boolean up) {
        Expr one = new Expr.IntLit(pos, 1);
        return new Stmt.Assign(pos, target, new Expr.Binary(pos, up ? BinaryOp.ADD : BinaryOp.SUB, target, one));
    }

    private Expr lvalue(Expr e, Token op) {
        if (e instanceof Expr.Name || e instanceof Expr.Deref) return e;
        throw ts.error(e.pos(), "the left side of '" + op.text()
                + "' must be a variable or a dereference such as '*x'");
    }

    private Stmt ifStatement() {
        Token kw = ts.next();
        ts.expect("(", "after 'if'");
        Expr cond = expression();
        ts.expect(")", "to close the 'if' condition");
        if (ts.at("else")) throw ts.expected("a statement after 'if (...)'");
        Stmt then = statement();
        Stmt otherwise = ts.accept("else") ? statement() : null;
        return new Stmt.If(kw.pos(), cond, then, otherwise);
    }

    private Stmt declaration() {
        Pos pos = ts.peek().pos();
        String base = baseType();
        List<Declarator> vars = new ArrayList<>();
        do {
            int stars = stars();
            Token name = ts.expectIdent("a variable name in the declaration");
            Expr init = ts.accept("=") ? expression() : null;
            vars.add(new Declarator(name.pos(), new CType(base, stars), name.text(), init));
        } while (ts.accept(","));
        ts.expect(";", "after declaration");
        return new Stmt.Decl(pos, vars);
    }

    // ---- expressions ----

    Expr expression() {
        ts.enter();
        Expr r = expressionNested();
        ts.leave();
        return r;
    }

    private Expr expressionNested() {
        Expr c = binary(1);
        if (!ts.at("?")) return c;
        ts.next();
        Expr then = expression();
        ts.expect(":", "in conditional expression");
        Expr otherwise = expression();
        return new Expr.Ternary(c.pos(), c, then, otherwise);
    }

    private Expr binary(int minPrec) {
        Expr left = unary();
        while (true) {
            Token t = ts.peek();
            OpInfo info = t.kind() == Token.Kind.SYMBOL ? BINARY.get(t.text()) : null;
            if (info == null || info.prec() < minPrec) return left;
            ts.next();
            Expr right = binary(info.prec() + 1);
            left = new Expr.Binary(left.pos(), info.op(), left, right);
        }
    }

    private Expr unary() {
        ts.enter();
        Expr r = unaryNested();
        ts.leave();
        return r;
    }

    private Expr unaryNested() {
        Token t = ts.peek();
        if (t.is("-")) {
            ts.next();
            Expr e = unary();
            return e instanceof Expr.IntLit lit
                    ? new Expr.IntLit(t.pos(), -lit.value())
                    : new Expr.Unary(t.pos(), Expr.UnaryOp.NEG, e);
        }
        if (t.is("+")) {
            ts.next();
            return unary();
        }
        if (t.is("!")) {
            ts.next();
            return new Expr.Unary(t.pos(), Expr.UnaryOp.NOT, unary());
        }
        if (t.is("~")) {
            ts.next();
            return new Expr.Unary(t.pos(), Expr.UnaryOp.BIT_NOT, unary());
        }
        if (t.is("*")) {
            ts.next();
            return new Expr.Deref(t.pos(), unary());
        }
        if (t.is("&")) {
            ts.next();
            return new Expr.AddrOf(t.pos(), unary());
        }
        if (t.is("(") && castAhead()) {
            ts.next();
            CType type = new CType(baseType(), stars());
            ts.expect(")", "to close the cast to '" + type + "'");
            return new Expr.Cast(t.pos(), type, unary());
        }
        if (t.is("++") || t.is("--")) {
            throw ts.error(t.pos(), "'" + t.text() + "' is only supported as a statement of its own");
        }
        return primary();
    }

    private Expr primary() {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.NUMBER) {
            ts.next();
            return new Expr.IntLit(t.pos(), ts.numberValue(t));
        }
        if (t.isIdent()) {
            ts.next();
            if (ts.at("(")) return call(t);
            if (t.is("NULL")) return new Expr.IntLit(t.pos(), 0);
            return new Expr.Name(t.pos(), t.text());
        }
        if (t.is("(")) {
            ts.next();
            Expr e = expression();
            ts.expect(")", "to close '(' opened at " + t.pos());
            return e;
        }
        throw ts.expected("an expression");
    }

    private Expr call(Token name) {
        Token open = ts.next();
        List<Expr> args = new ArrayList<>();
        if (!ts.at(")")) {
            do {
                args.add(expression());
            } while (ts.accept(","));
        }
        ts.expect(")", "to close the arguments of '" + name.text() + "' opened at " + open.pos());
        return new Expr.Call(name.pos(), name.text(), args);
    }
}
