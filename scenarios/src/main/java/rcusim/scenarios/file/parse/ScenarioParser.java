package rcusim.scenarios.file.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.parse.Lexer;
import rcusim.litmus.parse.LitmusSyntaxException;
import rcusim.litmus.parse.SourceText;
import rcusim.litmus.parse.Token;
import rcusim.litmus.parse.TokenStream;
import rcusim.scenarios.file.ast.Expr;
import rcusim.scenarios.file.ast.ScenarioFile;
import rcusim.scenarios.file.ast.ScenarioFile.Cond;
import rcusim.scenarios.file.ast.Stmt;
import rcusim.scenarios.file.ast.TypeRef;

/**
 * Parses a scenario file (top level: header, structs, globals, functions, tasks, irqs, final
 * clause, expectation, schedule) on the litmus front end's lexer in C mode. Statements and
 * expressions are in {@link CParser}. Errors are {@link LitmusSyntaxException}s: {@code
 * file:line:col: expected X, found Y}.
 */
public final class ScenarioParser {
    /** Base types a declaration may start with (after {@code struct NAME}, which is also one). */
    static final Set<String> BASE_TYPES = Set.of("int", "long", "unsigned", "bool", "void", "u32", "u64", "spinlock_t",
            "raw_spinlock_t", "wait_queue_head_t", "atomic_t", "atomic_long_t", "unsigned long", "seqcount_t",
            "seqcount_raw_spinlock_t", "seqcount_mutex_t", "seqlock_t", "seqcount_latch_t");

    private final TokenStream ts;
    private final CParser c;
    private final SourceText src;

    private ScenarioParser(SourceText src) {
        this.src = src;
        this.ts = new TokenStream(new Lexer(src), 0, Lexer.Mode.C);
        this.c = new CParser(ts);
    }

    /** Parses text, named file in messages. */
    public static ScenarioFile parse(String file, String text) {
        return new ScenarioParser(new SourceText(file, text)).file();
    }

    private ScenarioFile file() {
        List<ScenarioFile.HeaderEntry> header = new ArrayList<>();
        List<ScenarioFile.StructDecl> structs = new ArrayList<>();
        List<ScenarioFile.GlobalDecl> globals = new ArrayList<>();
        List<ScenarioFile.FunctionDecl> functions = new ArrayList<>();
        List<ScenarioFile.TaskDecl> tasks = new ArrayList<>();
        List<ScenarioFile.IrqDecl> irqs = new ArrayList<>();
        ScenarioFile.FinalClause fin = null;
        ScenarioFile.Expectation expect = null;
        ScenarioFile.ScheduleBlock schedule = null;
        boolean sawHeader = false;
        Pos machinePos = null;
        KconfigParts rc = new KconfigParts();
        while (!ts.peek().isEof()) {
            Token t = ts.peek();
            if (t.text().startsWith("CONFIG_") && t.isIdent()) {
                throw ts.error(t.pos(), "a Kconfig line (" + t.text() + "=...) outside a kconfig { } block; write"
                        + " rcutorture's form as kconfig { CONFIG_NAME=VALUE ... } and boot \"params\";");
            } else if (t.is("machine")) {
                if (sawHeader) {
                    throw ts.error(t.pos(), "a second machine { } header; a file has one");
                }
                if (rc.pos != null) {
                    throw bothForms(t.pos(), rc.pos);
                }
                sawHeader = true;
                machinePos = t.pos();
                header(header);
            } else if (t.is("kconfig") || t.is("boot") || t.is("description")) {
                if (machinePos != null) {
                    throw bothForms(t.pos(), machinePos);
                }
                rcutortureHeaderPart(rc);
            } else if (t.is("struct") && ts.peek(1).isIdent() && ts.peek(2).is("{")) {
                structs.add(struct());
            } else if (t.is("task")) {
                tasks.add(task());
            } else if (t.is("irq")) {
                irqs.add(irq());
            } else if (t.is("exists") || t.is("forall") || t.is("~")) {
                if (fin != null) {
                    throw ts.error(t.pos(), "a second final clause; a file has one");
                }
                fin = finalClause();
            } else if (t.is("must")) {
                if (expect != null) {
                    throw ts.error(t.pos(), "a second expectation; a file has one");
                }
                expect = expectation();
            } else if (t.is("schedule")) {
                Token s = ts.next();
                ts.expect("{", "to open the schedule");
                String raw = ts.rawBlock("schedule");
                schedule = new ScenarioFile.ScheduleBlock(s.pos(), raw, s.pos().line());
            } else if (t.is("DEFINE_TIMER")) {
                globals.add(defineTimer());
            } else if (t.is("DEFINE_SPINLOCK") || t.is("DEFINE_RAW_SPINLOCK") || t.is("DEFINE_MUTEX")
                    || t.is("DECLARE_COMPLETION") || t.is("DECLARE_WAIT_QUEUE_HEAD") || t.is("DEFINE_SEQLOCK")) {
                globals.add(defineObject());
            } else if (c.atType()) {
                declarationOrFunction(globals, functions);
            } else {
                throw ts.expected("a declaration, a function, 'task', 'irq', 'machine', a final clause, 'must' or"
                        + " 'schedule'");
            }
        }
        ScenarioFile.KconfigHeader kconfig = rc.pos == null ? null : new ScenarioFile.KconfigHeader(rc.pos, rc.fragment,
                rc.fragmentStart, rc.boot, rc.bootStart, rc.description == null ? "" : rc.description);
        return new ScenarioFile(src.file(), src.text(), header, kconfig, structs, globals, functions, tasks, irqs, fin, expect,
                schedule);
    }

    /** The parts of a header in rcutorture's form, as they are read. */
    private static final class KconfigParts {
        Pos pos;
        String fragment;
        Pos fragmentStart;
        String boot;
        Pos bootStart;
        String description;
    }

    private LitmusSyntaxException bothForms(Pos at, Pos other) {
        return ts.error(at, "a file gives its machine in one form, a machine { } header or rcutorture's kconfig { } /"
                + " boot \"...\"; / description \"...\"; and this file has both (the other starts at line " + other.line()
                + ")");
    }

    /** {@code kconfig { ... }}, {@code boot "...";} or {@code description "...";}: each at most once. */
    private void rcutortureHeaderPart(KconfigParts rc) {
        Token t = ts.next();
        if (rc.pos == null) {
            rc.pos = t.pos();
        }
        switch (t.text()) {
            case "kconfig" -> {
                if (rc.fragment != null) {
                    throw ts.error(t.pos(), "a second kconfig { } block; a file has one");
                }
                ts.expect("{", "to open the kconfig block (one CONFIG_NAME=VALUE a line)");
                rc.fragmentStart = src.posAt(ts.consumedEnd());
                rc.fragment = ts.rawBlock("kconfig");
            }
            case "boot" -> {
                if (rc.boot != null) {
                    throw ts.error(t.pos(), "a second boot line; a file has one (put every parameter in it)");
                }
                rc.boot = ts.expectString("the boot line as a \"string\" (e.g. boot \"rcu_nocbs=1\";)");
                Pos q = ts.lastStringPos();
                rc.bootStart = new Pos(q.line(), q.column() + 1);
                if (rc.boot.indexOf('\n') >= 0 || rc.boot.indexOf('\\') >= 0 || rc.boot.indexOf('"') >= 0) {
                    throw ts.error(q, "the boot line is one line without escapes");
                }
                ts.expect(";", "after the boot line");
            }
            default -> {
                if (rc.description != null) {
                    throw ts.error(t.pos(), "a second description; a file has one");
                }
                rc.description = ts.expectString("the description as a \"string\"");
                ts.expect(";", "after the description");
            }
        }
    }

    private void header(List<ScenarioFile.HeaderEntry> out) {
        ts.next();
        ts.expect("{", "to open the machine header");
        while (!ts.accept("}")) {
            Token key = ts.expectIdent("a header key (cpus, memory_model, hz, preemption, rcu, fanout, ...) or '}'");
            ts.expect("=", "after " + key.describe());
            if (ts.atString()) {
                String value = ts.expectString("a \"string\"");
                Pos sp = ts.lastStringPos();
                ts.expect(";", "after the value of " + key.text());
                out.add(new ScenarioFile.HeaderEntry(key.pos(), key.text(), value, sp));
                continue;
            }
            Token v = ts.peek();
            String value;
            Pos vp = v.pos();
            if (v.kind() == Token.Kind.NUMBER || v.isIdent()) {
                value = ts.next().kind() == Token.Kind.NUMBER ? Long.toString(ts.numberValue(v)) : v.text();
            } else if (v.is("-")) {
                throw ts.error(v.pos(), "a negative value for " + key.text());
            } else {
                value = ts.expectString("a number, a word or a \"string\" for " + key.text());
            }
            ts.expect(";", "after the value of " + key.text());
            out.add(new ScenarioFile.HeaderEntry(key.pos(), key.text(), value, vp));
        }
    }

    private ScenarioFile.StructDecl struct() {
        Token s = ts.next();
        String name = ts.next().text();
        ts.expect("{", "");
        List<ScenarioFile.FieldDecl> fields = new ArrayList<>();
        while (!ts.accept("}")) {
            TypeRef t = c.type();
            Token f = ts.expectIdent("a field name");
            int len = arrayLength();
            ts.expect(";", "after field " + f.text());
            fields.add(new ScenarioFile.FieldDecl(f.pos(), t, f.text(), len));
        }
        ts.expect(";", "after struct " + name);
        return new ScenarioFile.StructDecl(s.pos(), name, fields);
    }

    private int arrayLength() {
        if (!ts.accept("[")) {
            return 0;
        }
        Token n = ts.peek();
        if (n.kind() != Token.Kind.NUMBER) {
            throw ts.expected("an array length (a number)");
        }
        ts.next();
        int len = ts.smallNumber(n, "array length");
        if (len < 1) {
            throw ts.error(n.pos(), "an array needs at least one element");
        }
        ts.expect("]", "after the array length");
        return len;
    }

    private void declarationOrFunction(List<ScenarioFile.GlobalDecl> globals, List<ScenarioFile.FunctionDecl> functions) {
        TypeRef t = c.type();
        Token name = ts.expectIdent("a name");
        if (ts.accept("(")) {
            List<ScenarioFile.Param> params = new ArrayList<>();
            if (ts.at("void") && ts.peek(1).is(")")) {
                ts.next();
            }
            if (!ts.at(")")) {
                do {
                    TypeRef pt = c.type();
                    Token pn = ts.expectIdent("a parameter name");
                    params.add(new ScenarioFile.Param(pn.pos(), pt, pn.text()));
                } while (ts.accept(","));
            }
            ts.expect(")", "after the parameters");
            if (!ts.at("{")) {
                throw ts.expected("'{' to open the body of " + name.text());
            }
            functions.add(new ScenarioFile.FunctionDecl(name.pos(), t, name.text(), params, c.block()));
            return;
        }
        while (true) {
            int len = arrayLength();
            Expr init = ts.accept("=") ? c.expression() : null;
            globals.add(new ScenarioFile.GlobalDecl(name.pos(), t, name.text(), len, init, null));
            if (!ts.accept(",")) {
                break;
            }
            name = ts.expectIdent("a name");
        }
        ts.expect(";", "after the declaration");
    }

    private ScenarioFile.GlobalDecl defineTimer() {
        Token d = ts.next();
        ts.expect("(", "after DEFINE_TIMER");
        Token name = ts.expectIdent("the timer's name");
        ts.expect(",", "after the timer's name");
        Token fn = ts.expectIdent("the timer's callback function");
        ts.expect(")", "");
        ts.expect(";", "");
        return new ScenarioFile.GlobalDecl(name.pos(), new TypeRef(d.pos(), "struct timer_list", 0), name.text(), 0,
                null, fn.text());
    }

    private ScenarioFile.GlobalDecl defineObject() {
        Token d = ts.next();
        String type = switch (d.text()) {
            case "DEFINE_SPINLOCK" -> "spinlock_t";
            case "DEFINE_RAW_SPINLOCK" -> "raw_spinlock_t";
            case "DEFINE_MUTEX" -> "struct mutex";
            case "DECLARE_COMPLETION" -> "struct completion";
            case "DEFINE_SEQLOCK" -> "seqlock_t";
            default -> "wait_queue_head_t";
        };
        ts.expect("(", "after " + d.text());
        Token name = ts.expectIdent("a name");
        ts.expect(")", "");
        ts.expect(";", "");
        return new ScenarioFile.GlobalDecl(name.pos(), new TypeRef(d.pos(), type, 0), name.text(), 0, null, null);
    }

    private ScenarioFile.TaskDecl task() {
        Token t = ts.next();
        Token name = ts.expectIdent("the task's name");
        ts.expect("cpu", "and the CPU the task starts on (task NAME cpu N [unbound] [user] { ... })");
        Token n = cpuNumber();
        boolean unbound = false;
        boolean user = false;
        while (ts.at("unbound") || ts.at("user")) {
            if (ts.next().text().equals("unbound")) {
                unbound = true;
            } else {
                user = true;
            }
        }
        if (!ts.at("{")) {
            throw ts.expected("'{' to open task " + name.text() + " (or 'unbound', 'user')");
        }
        return new ScenarioFile.TaskDecl(t.pos(), name.text(), ts.smallNumber(n, "CPU"), n.pos(), unbound, user,
                c.block());
    }

    private ScenarioFile.IrqDecl irq() {
        Token t = ts.next();
        Token name = ts.expectIdent("the handler's name");
        ts.expect("cpu", "and the CPU whose tick runs it (irq NAME cpu N { ... })");
        Token n = cpuNumber();
        if (!ts.at("{")) {
            throw ts.expected("'{' to open irq " + name.text());
        }
        return new ScenarioFile.IrqDecl(t.pos(), name.text(), ts.smallNumber(n, "CPU"), n.pos(), c.block());
    }

    private Token cpuNumber() {
        if (ts.peek().kind() != Token.Kind.NUMBER) {
            throw ts.expected("a CPU number");
        }
        return ts.next();
    }

    private ScenarioFile.FinalClause finalClause() {
        Token q = ts.next();
        String quantifier = q.text();
        if (q.is("~")) {
            ts.expect("exists", "after '~'");
            quantifier = "~exists";
        }
        ScenarioFile.FinalClause f = new ScenarioFile.FinalClause(q.pos(), quantifier, disjunction());
        ts.accept(";");
        return f;
    }

    private Cond disjunction() {
        Cond l = conjunction();
        while (ts.at("\\/") || ts.at("||")) {
            Pos p = ts.next().pos();
            l = new Cond.Or(p, l, conjunction());
        }
        return l;
    }

    private Cond conjunction() {
        Cond l = condAtom();
        while (ts.at("/\\") || ts.at("&&")) {
            Pos p = ts.next().pos();
            l = new Cond.And(p, l, condAtom());
        }
        return l;
    }

    private Cond condAtom() {
        Token t = ts.peek();
        if (ts.accept("~") || ts.accept("!")) {
            return new Cond.Not(t.pos(), condAtom());
        }
        if (ts.accept("(")) {
            Cond inner = disjunction();
            ts.expect(")", "to close '('");
            return inner;
        }
        Token first = ts.expectIdent("task:local, a global or '('");
        String task = null;
        String name = first.text();
        if (ts.accept(":")) {
            task = name;
            name = ts.expectIdent("a local of task " + task).text();
        }
        Token op = ts.peek();
        if (!(op.is("=") || op.is("==") || op.is("!=") || op.is("<") || op.is("<=") || op.is(">") || op.is(">="))) {
            throw ts.expected("'=', '==', '!=', '<', '<=', '>' or '>='");
        }
        ts.next();
        boolean neg = ts.accept("-");
        Token v = ts.peek();
        if (v.kind() != Token.Kind.NUMBER) {
            throw ts.expected("a number");
        }
        ts.next();
        long value = ts.numberValue(v);
        return new Cond.Atom(first.pos(), task, name, op.text(), neg ? -value : value);
    }

    private ScenarioFile.Expectation expectation() {
        Token m = ts.next();
        if (ts.accept("pass")) {
            ts.expect(";", "after 'must pass'");
            return new ScenarioFile.Expectation(m.pos(), null);
        }
        if (!ts.accept("fail")) {
            throw ts.expected("'pass' or 'fail' after 'must'");
        }
        ts.expect("with", "after 'must fail' (must fail with \"SIGNATURE\";)");
        String sig = ts.expectString("the failure's signature, a \"string\"");
        if (sig.isBlank()) {
            throw ts.error(m.pos(), "an empty signature after 'must fail with'");
        }
        ts.expect(";", "after the signature");
        return new ScenarioFile.Expectation(m.pos(), sig);
    }
}
