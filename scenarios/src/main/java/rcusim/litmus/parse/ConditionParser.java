package rcusim.litmus.parse;

import java.util.ArrayList;
import java.util.List;
import rcusim.litmus.ast.AddressValue;
import rcusim.litmus.ast.Cond;
import rcusim.litmus.ast.IntValue;
import rcusim.litmus.ast.LocValue;
import rcusim.litmus.ast.Observed;
import rcusim.litmus.ast.Operand;
import rcusim.litmus.ast.RegValue;

/**
 * Parses {@code filter} and final conditions. Precedence, loosest first, as in herd7:
 * {@code \/}, then {@code /\}, then {@code =>} (right-associative), then {@code ~}/{@code not}.
 */
final class ConditionParser {

    private final TokenStream ts;

    ConditionParser(TokenStream ts) {
        this.ts = ts;
    }

    Cond condition() {
        ts.enter();
        Cond r = conditionNested();
        ts.leave();
        return r;
    }

    private Cond conditionNested() {
        Cond first = conjunction();
        if (ts.at("&&")) throw cOperator("/\\");
        if (ts.at("||")) throw cOperator("\\/");
        if (!ts.at("\\/")) return first;
        List<Cond> terms = new ArrayList<>(List.of(first));
        while (ts.accept("\\/")) terms.add(conjunction());
        return new Cond.Or(first.pos(), terms);
    }

    private Cond conjunction() {
        Cond first = implication();
        if (!ts.at("/\\")) return first;
        List<Cond> terms = new ArrayList<>(List.of(first));
        while (ts.accept("/\\")) terms.add(implication());
        return new Cond.And(first.pos(), terms);
    }

    private Cond implication() {
        ts.enter();
        Cond r = implicationNested();
        ts.leave();
        return r;
    }

    private Cond implicationNested() {
        Cond premise = negation();
        if (!ts.accept("=>")) return premise;
        return new Cond.Implies(premise.pos(), premise, implication());
    }

    private Cond negation() {
        ts.enter();
        Cond r = negationNested();
        ts.leave();
        return r;
    }

    private Cond negationNested() {
        Token t = ts.peek();
        if (t.is("~") || t.is("not") && !startsAtom()) {
            ts.next();
            return new Cond.Not(t.pos(), negation());
        }
        return primary();
    }

    private Cond primary() {
        Token t = ts.peek();
        if (t.is("(")) {
            ts.next();
            Cond c = condition();
            ts.expect(")", "to close '(' opened at " + t.pos());
            return c;
        }
        if ((t.is("true") || t.is("false")) && !startsAtom()) {
            ts.next();
            return new Cond.Const(t.pos(), t.is("true"));
        }
        if (t.is("!")) throw cOperator("~");
        if (!t.isIdent() && t.kind() != Token.Kind.NUMBER && !t.is("[")) {
            throw ts.expected("a condition (such as x=1, 0:r1=1, '(', '~', 'true' or 'false')");
        }
        Observed lhs = observed("a location or a register such as 0:r1");
        Token op = ts.peek();
        Cond.CmpOp cmp;
        if (op.is("=") || op.is("==")) cmp = Cond.CmpOp.EQ;
        else if (op.is("!=")) cmp = Cond.CmpOp.NE;
        else throw ts.expected("'=', '==' or '!=' after '" + lhs + "'");
        ts.next();
        return new Cond.Atom(lhs.pos(), lhs, cmp, operand(op));
    }

    /** A C operator where the condition language has its own spelling. */
    private LitmusSyntaxException cOperator(String ours) {
        return ts.error(ts.peek().pos(), "conditions write '" + ours + "', not C's " + ts.peek().describe());
    }

    /** A keyword-looking name ({@code not}, {@code true}) is a location when compared. */
    private boolean startsAtom() {
        Token after = ts.peek(1);
        return after.is("=") || after.is("==") || after.is("!=");
    }

    /** {@code x}, {@code [x]}, {@code 0:r1} or {@code P0:r1}. */
    Observed observed(String what) {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.NUMBER || LitmusParser.isProcessName(t) && ts.peek(1).is(":")) {
            return register();
        }
        if (t.is("[")) {
            ts.next();
            Token name = ts.expectIdent("a location name inside '[...]'");
            ts.expect("]", "after '[" + name.text());
            return new LocValue(t.pos(), name.text());
        }
        if (!t.isIdent()) throw ts.expected(what);
        ts.next();
        return new LocValue(t.pos(), t.text());
    }

    private RegValue register() {
        Token t = ts.next();
        int proc = t.kind() == Token.Kind.NUMBER
                ? ts.smallNumber(t, "process index")
                : Integer.parseInt(t.text().substring(1));
        if (!ts.at(":")) {
            throw ts.expected("':' and a register name after process index " + t.text() + " (as in "
                    + t.text() + ":r0)");
        }
        ts.next();
        Token reg = ts.expectIdent("a register name after '" + t.text() + ":'");
        return new RegValue(t.pos(), proc, reg.text());
    }

    /** Right of '=': an integer, a register, or a location name meaning its address. */
    private Operand operand(Token op) {
        Token t = ts.peek();
        if (t.is("-")) {
            ts.next();
            Token n = ts.peek();
            if (n.kind() != Token.Kind.NUMBER) throw ts.expected("an integer after '-'");
            ts.next();
            return new IntValue(t.pos(), -ts.numberValue(n));
        }
        if (t.kind() == Token.Kind.NUMBER && !ts.peek(1).is(":")) {
            ts.next();
            return new IntValue(t.pos(), ts.numberValue(t));
        }
        if (t.kind() == Token.Kind.NUMBER || LitmusParser.isProcessName(t) && ts.peek(1).is(":")) {
            return register();
        }
        if (t.is("&")) {
            ts.next();
            return new AddressValue(t.pos(), ts.expectIdent("a location name after '&'").text());
        }
        if (t.is("NULL")) {
            ts.next();
            return new IntValue(t.pos(), 0);
        }
        if (t.isIdent()) {
            ts.next();
            return new AddressValue(t.pos(), t.text());
        }
        throw ts.expected("a value after '" + op.text() + "' (an integer, a location or a register such as 0:r1)");
    }
}
