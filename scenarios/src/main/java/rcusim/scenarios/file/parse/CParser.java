package rcusim.scenarios.file.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.parse.Token;
import rcusim.litmus.parse.TokenStream;
import rcusim.scenarios.file.ast.Expr;
import rcusim.scenarios.file.ast.Stmt;
import rcusim.scenarios.file.ast.TypeRef;

/** C statements, expressions and types, by recursive descent with C's precedence. */
final class CParser {
    /** Binary operators by precedence level, loosest first. */
    private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"), List.of("|"), List.of("^"),
            List.of("&"), List.of("==", "!="), List.of("<", "<=", ">", ">="), List.of("<<", ">>"), List.of("+", "-"),
            List.of("*", "/", "%"));
    private static final List<String> ASSIGN = List.of("=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=");
    private static final Map<String, String> STRUCT_TYPES = Map.of("mutex", "struct mutex", "completion",
            "struct completion", "timer_list", "struct timer_list", "rcu_head", "struct rcu_head");

    private final TokenStream ts;

    CParser(TokenStream ts) {
        this.ts = ts;
    }

    /** Whether a type starts here. */
    boolean atType() {
        Token t = ts.peek();
        return t.isIdent() && (ScenarioParser.BASE_TYPES.contains(t.text()) || t.is("struct") || t.is("static")
                || t.is("const") || t.is("volatile"));
    }

    TypeRef type() {
        while (ts.accept("static") || ts.accept("const") || ts.accept("volatile")) {
            // storage and qualifiers change nothing here
        }
        Token t = ts.peek();
        String base;
        if (ts.accept("struct")) {
            Token n = ts.expectIdent("a struct name");
            base = STRUCT_TYPES.getOrDefault(n.text(), "struct " + n.text());
        } else if (ts.accept("unsigned")) {
            ts.accept("int");
            if (ts.accept("long")) {
                ts.accept("long");
            }
            base = "int";
        } else if (atType()) {
            base = ts.next().text();
            if (base.equals("long")) {
                ts.accept("long");
                ts.accept("int");
            }
            if (List.of("long", "u32", "u64", "bool", "atomic_long_t").contains(base)) {
                base = base.equals("atomic_long_t") ? "atomic_t" : "int";
            }
        } else {
            throw ts.expected("a type");
        }
        int stars = 0;
        while (ts.accept("*")) {
            stars++;
            while (ts.accept("const")) {
                // int * const p
            }
        }
        return new TypeRef(t.pos(), base, stars);
    }

    Stmt.Block block() {
        Token open = ts.expect("{", "to open a block");
        List<Stmt> body = new ArrayList<>();
        while (!ts.accept("}")) {
            if (ts.peek().isEof()) {
                throw ts.error(open.pos(), "'{' has no matching '}'");
            }
            body.add(statement());
        }
        return new Stmt.Block(open.pos(), body);
    }

    /** Counts one level of nesting: a file nested too deep is refused with its position, never a stack overflow. */
    Stmt statement() {
        ts.enter();
        Stmt r = statementNested();
        ts.leave();
        return r;
    }

    private Stmt statementNested() {
        Token t = ts.peek();
        Pos p = t.pos();
        if (t.is("{")) {
            return block();
        }
        if (t.isIdent() && ts.peek(1).is(":") && !ts.peek(2).is(":")) {
            ts.next();
            ts.next();
            return new Stmt.Label(p, t.text());
        }
        if (ts.accept("if")) {
            Expr cond = parenthesized("if");
            Stmt then = statement();
            Stmt otherwise = ts.accept("else") ? statement() : null;
            return new Stmt.If(p, cond, then, otherwise);
        }
        if (ts.accept("while")) {
            Expr cond = parenthesized("while");
            return new Stmt.While(p, cond, statement());
        }
        if (ts.accept("do")) {
            Stmt body = statement();
            ts.expect("while", "after a do body");
            Expr cond = parenthesized("do ... while");
            ts.expect(";", "after do ... while (...)");
            return new Stmt.DoWhile(p, body, cond);
        }
        if (ts.accept("for")) {
            ts.expect("(", "after 'for'");
            Stmt init = null;
            if (!ts.accept(";")) {
                init = atType() ? declaration() : exprStatement();
            }
            Expr cond = ts.at(";") ? null : expression();
            ts.expect(";", "after the loop condition");
            Expr step = ts.at(")") ? null : expression();
            ts.expect(")", "to close 'for ('");
            return new Stmt.For(p, init, cond, step, statement());
        }
        if (ts.accept("break")) {
            ts.expect(";", "after 'break'");
            return new Stmt.Break(p);
        }
        if (ts.accept("continue")) {
            ts.expect(";", "after 'continue'");
            return new Stmt.Continue(p);
        }
        if (ts.accept("return")) {
            Expr v = ts.at(";") ? null : expression();
            ts.expect(";", "after 'return'");
            return new Stmt.Return(p, v);
        }
        if (ts.accept(";")) {
            return new Stmt.Block(p, List.of());
        }
        if (atType()) {
            return declaration();
        }
        return exprStatement();
    }

    private Expr parenthesized(String what) {
        ts.expect("(", "after '" + what + "'");
        Expr e = expression();
        ts.expect(")", "to close '" + what + " ('");
        return e;
    }

    private Stmt exprStatement() {
        Expr e = expression();
        ts.expect(";", "after the expression");
        return new Stmt.ExprStmt(e.pos(), e);
    }

    /** One or more locals of one type ({@code int a = 1, b;}), as a block of declarations. */
    private Stmt declaration() {
        TypeRef type = type();
        List<Stmt.Decl> decls = new ArrayList<>();
        do {
            int extra = 0;
            while (ts.accept("*")) {
                extra++;
            }
            TypeRef t = extra == 0 ? type : new TypeRef(type.pos(), type.base(), type.pointers() + extra);
            Token name = ts.expectIdent("a variable name");
            int len = 0;
            if (ts.accept("[")) {
                Token n = ts.peek();
                if (n.kind() != Token.Kind.NUMBER) {
                    throw ts.expected("an array length (a number)");
                }
                ts.next();
                len = ts.smallNumber(n, "array length");
                ts.expect("]", "after the array length");
            }
            Expr init = ts.accept("=") ? assignment() : null;
            decls.add(new Stmt.Decl(name.pos(), t, name.text(), len, init));
        } while (ts.accept(","));
        ts.expect(";", "after the declaration");
        return decls.size() == 1 ? decls.get(0) : new Stmt.Decls(type.pos(), decls);
    }

    /** Counts one level of nesting: a file nested too deep is refused with its position, never a stack overflow. */
    Expr expression() {
        ts.enter();
        Expr r = expressionNested();
        ts.leave();
        return r;
    }

    private Expr expressionNested() {
        Expr e = assignment();
        while (ts.at(",")) {
            // the comma operator: kept out (arguments use commas); a clear error instead
            throw ts.error(ts.peek().pos(), "the comma operator is not supported; write two statements");
        }
        return e;
    }

    private Expr assignment() {
        Expr left = ternary();
        Token op = ts.peek();
        if (op.kind() == Token.Kind.SYMBOL && ASSIGN.contains(op.text())) {
            ts.next();
            return new Expr.Assign(op.pos(), op.text(), left, assignment());
        }
        return left;
    }

    private Expr ternary() {
        Expr c = binary(0);
        if (ts.at("?")) {
            Pos p = ts.next().pos();
            Expr a = assignment();
            ts.expect(":", "in 'c ? a : b'");
            return new Expr.Ternary(p, c, a, ternary());
        }
        return c;
    }

    private Expr binary(int level) {
        if (level == LEVELS.size()) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (true) {
            Token op = ts.peek();
            if (op.kind() != Token.Kind.SYMBOL || !LEVELS.get(level).contains(op.text())) {
                return left;
            }
            ts.next();
            left = new Expr.Binary(op.pos(), op.text(), left, binary(level + 1));
        }
    }

    /** Counts one level of nesting: a file nested too deep is refused with its position, never a stack overflow. */
    private Expr unary() {
        ts.enter();
        Expr r = unaryNested();
        ts.leave();
        return r;
    }

    private Expr unaryNested() {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.SYMBOL && List.of("-", "!", "~", "*", "&", "++", "--", "+").contains(t.text())) {
            ts.next();
            Expr operand = unary();
            return t.is("+") ? operand : new Expr.Unary(t.pos(), t.text(), operand);
        }
        if (t.is("(") && isTypeAt(1)) {
            // a cast: types are checked loosely, so (struct foo *)p is p
            ts.next();
            type();
            ts.expect(")", "to close the cast");
            return unary();
        }
        if (t.is("sizeof")) {
            ts.next();
            ts.expect("(", "after sizeof");
            Expr e = isTypeAt(0) ? new Expr.SizeOf(t.pos(), type()) : new Expr.SizeOfExpr(t.pos(), expression());
            ts.expect(")", "to close sizeof(");
            return e;
        }
        return postfix(primary());
    }

    private boolean isTypeAt(int k) {
        Token t = ts.peek(k);
        return t.isIdent() && (ScenarioParser.BASE_TYPES.contains(t.text()) || t.is("struct") || t.is("const"));
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = ts.peek();
            if (ts.accept("[")) {
                Expr i = expression();
                ts.expect("]", "to close '['");
                e = new Expr.Index(t.pos(), e, i);
            } else if (ts.accept("->") || ts.accept(".")) {
                Token f = ts.expectIdent("a field name");
                e = new Expr.Field(f.pos(), e, f.text(), t.is("->"));
            } else if (t.is("++") || t.is("--")) {
                ts.next();
                e = new Expr.Postfix(t.pos(), t.text(), e);
            } else {
                return e;
            }
        }
    }

    private Expr primary() {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.NUMBER) {
            ts.next();
            return new Expr.Num(t.pos(), ts.numberValue(t));
        }
        if (ts.accept("(")) {
            Expr e = expression();
            ts.expect(")", "to close '('");
            return e;
        }
        if (t.is("container_of")) {
            ts.next();
            ts.expect("(", "after container_of");
            Expr ptr = assignment();
            ts.expect(",", "after container_of's pointer");
            TypeRef type = type();
            ts.expect(",", "after container_of's type");
            Token f = ts.expectIdent("the member's name");
            ts.expect(")", "to close container_of(");
            return new Expr.ContainerOf(t.pos(), ptr, type, f.text());
        }
        if (t.isIdent()) {
            ts.next();
            if (ts.accept("(")) {
                List<Expr> args = new ArrayList<>();
                if (!ts.at(")")) {
                    do {
                        args.add(assignment());
                    } while (ts.accept(","));
                }
                ts.expect(")", "to close the arguments of " + t.text());
                return new Expr.Call(t.pos(), t.text(), args);
            }
            return new Expr.Name(t.pos(), t.text());
        }
        throw ts.expected("an expression");
    }
}
