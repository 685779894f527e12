package rcusim.litmus.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an AST back as litmus text. The output parses to the same tree (positions aside), so
 * tests can round-trip, and messages can quote an expression. Nested operators are always
 * parenthesised, so the output never depends on precedence.
 */
public final class AstPrinter {

    private AstPrinter() {}

    public static String print(LitmusTest t) {
        StringBuilder sb = new StringBuilder();
        sb.append("C ").append(t.name()).append('\n');
        if (t.doc() != null) sb.append('"').append(t.doc()).append("\"\n");
        t.info().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        if (t.comment() != null) sb.append("\n(*\n").append(t.comment()).append("\n*)\n");
        sb.append("\n{\n");
        for (InitEntry e : t.init()) sb.append(initEntry(e)).append('\n');
        sb.append("}\n");
        for (LitmusProcess p : t.processes()) sb.append('\n').append(process(p));
        sb.append('\n');
        if (!t.locations().isEmpty()) {
            sb.append("locations [")
                    .append(t.locations().stream().map(Object::toString).collect(Collectors.joining("; ")))
                    .append(";]\n");
        }
        if (t.filter() != null) sb.append("filter (").append(cond(t.filter())).append(")\n");
        sb.append(t.quantifier().keyword()).append(" (").append(cond(t.condition())).append(")\n");
        return sb.toString();
    }

    public static String initEntry(InitEntry e) {
        String target = switch (e) {
            case InitEntry.LocationInit l -> l.location();
            case InitEntry.RegisterInit r -> r.proc() + ":" + r.register();
        };
        String typed = e.type() == null ? target : e.type().declare(target);
        return e.value() == null ? typed + ";" : typed + " = " + e.value() + ";";
    }

    public static String process(LitmusProcess p) {
        String params = p.params().stream()
                .map(q -> q.type().declare(q.name()))
                .collect(Collectors.joining(", "));
        StringBuilder sb = new StringBuilder();
        sb.append(p.name()).append('(').append(params).append(")\n");
        block(sb, p.body(), 0);
        sb.append('\n');
        return sb.toString();
    }

    public static String stmt(Stmt s) {
        StringBuilder sb = new StringBuilder();
        stmt(sb, s, 0);
        return sb.toString();
    }

    private static void block(StringBuilder sb, Stmt.Block b, int depth) {
        sb.append("{\n");
        for (Stmt s : b.stmts()) {
            indent(sb, depth + 1);
            stmt(sb, s, depth + 1);
            sb.append('\n');
        }
        indent(sb, depth);
        sb.append('}');
    }

    private static void stmt(StringBuilder sb, Stmt s, int depth) {
        switch (s) {
            case Stmt.Empty e -> sb.append(';');
            case Stmt.ExprStmt e -> sb.append(expr(e.expr())).append(';');
            case Stmt.Assign a -> sb.append(expr(a.target())).append(" = ").append(expr(a.value())).append(';');
            case Stmt.Decl d -> sb.append(decl(d));
            case Stmt.Block b -> block(sb, b, depth);
            case Stmt.If i -> {
                sb.append("if (").append(expr(i.cond())).append(") ");
                stmt(sb, i.then(), depth);
                if (i.otherwise() != null) {
                    sb.append(" else ");
                    stmt(sb, i.otherwise(), depth);
                }
            }
        }
    }

    /** Prints each declarator as its own declaration, so every name shows its full type. */
    private static String decl(Stmt.Decl d) {
        return d.declarators().stream().map(v -> {
            String head = v.type().declare(v.name());
            return v.init() == null ? head + ";" : head + " = " + expr(v.init()) + ";";
        }).collect(Collectors.joining(" "));
    }

    public static String expr(Expr e) {
        return switch (e) {
            case Expr.IntLit i -> Long.toString(i.value());
            case Expr.Name n -> n.name();
            case Expr.Deref d -> "*" + prefixOperand(d.pointer(), false);
            case Expr.AddrOf a -> "&" + prefixOperand(a.operand(), true);
            case Expr.Cast c -> "(" + c.type() + ")" + prefixOperand(c.operand(), false);
            case Expr.Unary u -> u.op().symbol() + prefixOperand(u.operand(), u.op() == Expr.UnaryOp.NEG);
            case Expr.Binary b -> operand(b.left()) + " " + b.op().symbol() + " " + operand(b.right());
            case Expr.Call c -> c.function() + "("
                    + c.args().stream().map(AstPrinter::expr).collect(Collectors.joining(", ")) + ")";
            case Expr.Ternary t -> operand(t.cond()) + " ? " + operand(t.then()) + " : " + operand(t.otherwise());
        };
    }

    private static String operand(Expr e) {
        return e instanceof Expr.Binary || e instanceof Expr.Ternary ? "(" + expr(e) + ")" : expr(e);
    }

    /** Operand of a prefix operator; {@code guardSign} avoids printing "--" or "&&". */
    private static String prefixOperand(Expr e, boolean guardSign) {
        String s = operand(e);
        if (guardSign && (s.startsWith("-") || s.startsWith("&"))) return "(" + s + ")";
        return s;
    }

    public static String cond(Cond c) {
        return switch (c) {
            case Cond.Const k -> k.value() ? "true" : "false";
            case Cond.Atom a -> a.lhs() + a.op().symbol() + a.rhs();
            case Cond.Not n -> "~" + condOperand(n.operand());
            case Cond.And a -> join(a.terms(), " /\\ ");
            case Cond.Or o -> join(o.terms(), " \\/ ");
            case Cond.Implies i -> condOperand(i.premise()) + " => " + condOperand(i.conclusion());
        };
    }

    private static String join(List<Cond> terms, String sep) {
        return terms.stream().map(AstPrinter::condOperand).collect(Collectors.joining(sep));
    }

    private static String condOperand(Cond c) {
        return c instanceof Cond.Atom || c instanceof Cond.Const || c instanceof Cond.Not
                ? cond(c) : "(" + cond(c) + ")";
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("\t".repeat(depth));
    }
}
