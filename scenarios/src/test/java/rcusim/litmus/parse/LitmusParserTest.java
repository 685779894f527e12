package rcusim.litmus.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.litmus.ast.AddressValue;
import rcusim.litmus.ast.AstPrinter;
import rcusim.litmus.ast.CType;
import rcusim.litmus.ast.Cond;
import rcusim.litmus.ast.Declarator;
import rcusim.litmus.ast.Expr;
import rcusim.litmus.ast.InitEntry;
import rcusim.litmus.ast.IntValue;
import rcusim.litmus.ast.LitmusProcess;
import rcusim.litmus.ast.LitmusTest;
import rcusim.litmus.ast.LocValue;
import rcusim.litmus.ast.Param;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.ast.Quantifier;
import rcusim.litmus.ast.RegValue;
import rcusim.litmus.ast.Stmt;

/** The parser builds the right tree: shared tests plus snippets for forms the corpus lacks. */
class LitmusParserTest {

    private static LitmusTest shared(String folder, String name) throws IOException {
        return LitmusParser.parse(SharedLitmus.file(folder, name));
    }

    private static LitmusTest parse(String text) {
        return LitmusParser.parse("snippet.litmus", text);
    }

    /** The statements of process {@code index}. */
    private static List<Stmt> body(LitmusTest t, int index) {
        return t.process(index).orElseThrow().body().stmts();
    }

    private static List<String> atoms(Cond c) {
        return c.atoms().stream().map(AstPrinter::cond).toList();
    }

    private static Expr expr(String text) {
        LitmusTest t = parse("C e\n{}\nP0(int *x)\n{\n\tr = " + text + ";\n}\nexists (x=0)\n");
        return ((Stmt.Assign) body(t, 0).get(0)).value();
    }

    @Test
    void storeBuffering() throws IOException {
        LitmusTest t = shared("lkmm", "SB+poonceonces.litmus");
        assertEquals("SB+poonceonces", t.name());
        assertEquals("Sometimes", t.expectedResult().orElseThrow());
        assertTrue(t.init().isEmpty());
        assertEquals(2, t.processes().size());
        LitmusProcess p0 = t.processes().get(0);
        assertEquals(0, p0.index());
        assertEquals(new Pos(13, 1), p0.pos());
        assertEquals(List.of(new Param(new Pos(13, 4), new CType("int", 1), "x"),
                new Param(new Pos(13, 12), new CType("int", 1), "y")), p0.params());
        List<Stmt> s = p0.body().stmts();
        assertEquals(3, s.size());
        Declarator r0 = ((Stmt.Decl) s.get(0)).declarators().get(0);
        assertEquals("r0", r0.name());
        assertEquals(CType.of("int"), r0.type());
        assertNull(r0.init());
        Expr.Call write = (Expr.Call) ((Stmt.ExprStmt) s.get(1)).expr();
        assertEquals("WRITE_ONCE", write.function());
        assertEquals(new Pos(17, 2), write.pos());
        assertInstanceOf(Expr.Deref.class, write.args().get(0));
        assertEquals(new Expr.IntLit(new Pos(17, 17), 1), write.args().get(1));
        Stmt.Assign read = (Stmt.Assign) s.get(2);
        assertEquals("r0", ((Expr.Name) read.target()).name());
        assertEquals("READ_ONCE(*y)", AstPrinter.expr(read.value()));
        assertEquals(Quantifier.EXISTS, t.quantifier());
        assertInstanceOf(Cond.And.class, t.condition());
        assertEquals(List.of("0:r0=0", "1:r0=0"), atoms(t.condition()));
        Cond.Atom a = t.condition().atoms().get(0);
        assertEquals(new RegValue(new Pos(29, 9), 0, "r0"), a.lhs());
        assertEquals(Cond.CmpOp.EQ, a.op());
        assertEquals(new IntValue(new Pos(29, 14), 0), a.rhs());
        assertNull(t.filter());
        assertTrue(t.locations().isEmpty());
    }

    @Test
    void pointerInitialStateAndAddressInCondition() throws IOException {
        LitmusTest t = shared("lkmm", "MP+onceassign+derefonce.litmus");
        InitEntry.LocationInit p = (InitEntry.LocationInit) t.init().get(0);
        assertEquals("p", p.location());
        assertNull(p.type());
        assertEquals("y", ((AddressValue) p.value()).location());
        assertEquals(new CType("int", 2), t.processes().get(1).params().get(1).type());
        Declarator r0 = ((Stmt.Decl) body(t, 1).get(0)).declarators().get(0);
        assertEquals(new CType("int", 1), r0.type());
        Cond.Atom first = t.condition().atoms().get(0);
        assertEquals(new RegValue(first.lhs().pos(), 1, "r0"), first.lhs());
        assertEquals("x", ((AddressValue) first.rhs()).location());
    }

    @Test
    void typedPointerInitAndCast() throws IOException {
        LitmusTest t = shared("extra", "C-WWC+o+o-data-o+o-addr-o.litmus");
        assertEquals(4, t.init().size());
        InitEntry.LocationInit x = (InitEntry.LocationInit) t.init().get(2);
        assertEquals(new CType("int", 1), x.type());
        assertEquals("x", x.location());
        assertEquals("a", ((AddressValue) x.value()).location());
        InitEntry.LocationInit a = (InitEntry.LocationInit) t.init().get(0);
        assertEquals(CType.of("int"), a.type());
        assertEquals(0, ((IntValue) a.value()).value());
        Stmt.Assign cast = (Stmt.Assign) body(t, 2).get(1);
        Expr.Cast c = (Expr.Cast) cast.value();
        assertEquals(new CType("int", 2), c.type());
        assertEquals("READ_ONCE", ((Expr.Call) c.operand()).function());
        assertEquals(List.of("1:r1=x", "2:r2=x", "x=x"), atoms(t.condition()));
        Cond.Atom xx = t.condition().atoms().get(2);
        assertInstanceOf(LocValue.class, xx.lhs());
        assertInstanceOf(AddressValue.class, xx.rhs());
    }

    @Test
    void listWithUndeclaredRegistersLocationsAndOr() throws IOException {
        LitmusTest t = shared("extra", "C-RomanPenyaev-list-rcu-rr.litmus");
        InitEntry.LocationInit z = (InitEntry.LocationInit) t.init().get(0);
        assertEquals(new CType("int", 1), z.type());
        assertEquals(1, ((IntValue) z.value()).value());
        assertEquals(8, t.locations().size());
        assertEquals(new RegValue(t.locations().get(0).pos(), 0, "r1"), t.locations().get(0));
        assertEquals(new LocValue(t.locations().get(3).pos(), "c"), t.locations().get(3));
        Cond.Or or = (Cond.Or) t.condition();
        assertEquals(4, or.terms().size());
        Stmt.If ifc = (Stmt.If) body(t, 0).get(3);
        assertEquals("r1 == x", AstPrinter.expr(ifc.cond()));
        assertEquals(2, ((Stmt.Block) ifc.then()).stmts().size());
        assertNull(ifc.otherwise());
    }

    @Test
    void atomicDeclarationAndThreeArgumentPrimitive() throws IOException {
        LitmusTest t = shared("extra", "add_unless_mb.litmus");
        InitEntry.LocationInit z = (InitEntry.LocationInit) t.init().get(0);
        assertEquals(CType.of("atomic_t"), z.type());
        assertNull(z.value());
        assertEquals(List.of(new LocValue(t.locations().get(0).pos(), "z")), t.locations());
        Expr.Call call = (Expr.Call) ((Stmt.Assign) body(t, 0).get(2)).value();
        assertEquals("atomic_add_unless", call.function());
        assertEquals(3, call.args().size());
        assertEquals(new CType("atomic_t", 1), t.processes().get(0).params().get(2).type());
    }

    @Test
    void negations() throws IOException {
        Cond not = shared("extra", "spinlock-is-locked-self.litmus").condition();
        assertInstanceOf(Cond.And.class, ((Cond.Not) not).operand());
        Cond.And and = (Cond.And) shared("extra", "C-cmpxchg.litmus").condition();
        Cond.Not tilde = (Cond.Not) and.terms().get(1);
        assertEquals("x=2", AstPrinter.cond(tilde.operand()));
    }

    @Test
    void plainAccessesAndIfWithoutBraces() throws IOException {
        LitmusTest t = shared("lkmm", "dep+plain.litmus");
        List<Stmt> s = body(t, 0);
        Declarator a = ((Stmt.Decl) s.get(0)).declarators().get(0);
        assertEquals("READ_ONCE(*x)", AstPrinter.expr(a.init()));
        Stmt.Assign store = (Stmt.Assign) s.get(1);
        assertEquals(new Expr.Deref(new Pos(19, 2), new Expr.Name(new Pos(19, 3), "z1")), store.target());
        assertEquals(new Expr.Name(new Pos(19, 8), "a"), store.value());
        Stmt.Assign copy = (Stmt.Assign) s.get(2);
        assertInstanceOf(Expr.Deref.class, copy.value());
        Stmt.If ifs = (Stmt.If) s.get(3);
        assertEquals(Expr.BinaryOp.EQ, ((Expr.Binary) ifs.cond()).op());
        assertInstanceOf(Stmt.ExprStmt.class, ifs.then());
    }

    @Test
    void negativeInitialiserAndBracedIf() throws IOException {
        LitmusTest t = shared("extra", "MP+relacq.litmus");
        Declarator r1 = ((Stmt.Decl) body(t, 1).get(1)).declarators().get(0);
        assertEquals(-1, ((Expr.IntLit) r1.init()).value());
        Stmt.If ifs = (Stmt.If) body(t, 1).get(3);
        assertEquals(Expr.BinaryOp.NE, ((Expr.Binary) ifs.cond()).op());
    }

    @Test
    void locationsListWithRegisters() throws IOException {
        LitmusTest t = shared("lkmm", "SB+rfionceonce-poonceonces.litmus");
        assertEquals("[0:r1, 1:r3, x, y]", t.locations().toString());
        assertEquals(List.of("0:r2=0", "1:r4=0"), atoms(t.condition()));
    }

    @Test
    void initialStateForms() {
        LitmusTest t = parse("""
                C init-forms
                {
                    x=0; x1=y1; int *p = &u; int *q=y; int u = 0; int v; spinlock_t r;
                    atomic_t a = ATOMIC_INIT(2); intptr_t w = -3;
                    1:r2=b; int 0:r1 = z; int * 1:r3; 0:r4=&x; P2:r5=7; unsigned long big = 0x10
                }
                P0(int *x) { WRITE_ONCE(*x, 1); }
                exists (x=1)
                """);
        List<String> printed = t.init().stream().map(AstPrinter::initEntry).toList();
        assertEquals(List.of("x = 0;", "x1 = y1;", "int *p = u;", "int *q = y;", "int u = 0;", "int v;",
                "spinlock_t r;", "atomic_t a = 2;", "intptr_t w = -3;", "1:r2 = b;", "int 0:r1 = z;",
                "int *1:r3;", "0:r4 = x;", "2:r5 = 7;", "unsigned long big = 16;"), printed);
        InitEntry.RegisterInit r2 = (InitEntry.RegisterInit) t.init().get(9);
        assertEquals(1, r2.proc());
        assertEquals("r2", r2.register());
        assertNull(r2.type());
        assertEquals("b", ((AddressValue) r2.value()).location());
        InitEntry.RegisterInit r3 = (InitEntry.RegisterInit) t.init().get(11);
        assertEquals(new CType("int", 1), r3.type());
        assertNull(r3.value());
        assertEquals(new Pos(3, 5), t.init().get(0).pos());
    }

    @Test
    void finalClauseForms() {
        String procs = "C q\n{}\nP0(int *x) { int r1; r1 = READ_ONCE(*x); }\n";
        LitmusTest a = parse(procs + "filter (0:r1=1 \\/ x!=2)\n~exists (0:r1=-1)\n");
        assertEquals(Quantifier.NOT_EXISTS, a.quantifier());
        assertEquals(List.of("0:r1=1", "x!=2"), atoms(a.filter()));
        assertEquals(Cond.CmpOp.NE, a.filter().atoms().get(1).op());
        assertEquals(-1, ((IntValue) a.condition().atoms().get(0).rhs()).value());

        LitmusTest b = parse(procs + "locations [x;]\nforall 0:r1=0:r4 \\/ not 0:r1==x /\\ true");
        assertEquals(Quantifier.FORALL, b.quantifier());
        Cond.Or or = (Cond.Or) b.condition();
        Cond.Atom regReg = (Cond.Atom) or.terms().get(0);
        assertEquals(new RegValue(regReg.rhs().pos(), 0, "r4"), regReg.rhs());
        Cond.And and = (Cond.And) or.terms().get(1);
        assertInstanceOf(Cond.Not.class, and.terms().get(0));
        assertEquals(new Cond.Const(and.terms().get(1).pos(), true), and.terms().get(1));

        LitmusTest c = parse(procs + "exists x=1 /\\ ~(0:r1=0 \\/ [x]=2) (* trailing *) // and more\n");
        assertEquals("x=1 /\\ ~(0:r1=0 \\/ x=2)", AstPrinter.cond(c.condition()));
    }

    @Test
    void bodyForms() {
        LitmusTest t = parse("""
                C body-forms
                {}
                P0(intptr_t *u0, struct srcu_struct *ss, volatile int *x, int **p, spinlock_t *s)
                {
                    int r0, *r1 = &x;
                    intptr_t r2 = READ_ONCE(*u0);
                    int idx;
                    ;
                    idx = srcu_read_lock(ss);
                    r2 = READ_ONCE(*(intptr_t **)r2);
                    r0 = (r1 == r2) ? -r0 : !r0;
                    r0 += 2;
                    r0++;
                    if (r0 > 1 && r2 != 0) { spin_lock(s); } else if (r0) smp_mb(); else { }
                    { *x = r0 % 3 - ~r0; }
                    r0 = r0 + 2 * r2 << 1 | 4 ^ 5 & 6;
                    srcu_read_unlock(ss, idx);
                }
                exists (0:r0=1)
                """);
        LitmusProcess p = t.processes().get(0);
        assertEquals(List.of("intptr_t *", "struct srcu_struct *", "int *", "int **", "spinlock_t *"),
                p.params().stream().map(q -> q.type().toString()).toList());
        List<Stmt> s = p.body().stmts();
        List<Declarator> first = ((Stmt.Decl) s.get(0)).declarators();
        assertEquals(CType.of("int"), first.get(0).type());
        assertEquals(new CType("int", 1), first.get(1).type());
        assertInstanceOf(Expr.AddrOf.class, first.get(1).init());
        assertInstanceOf(Stmt.Empty.class, s.get(3));
        Expr.Call chase = (Expr.Call) ((Stmt.Assign) s.get(5)).value();
        Expr.Deref d = (Expr.Deref) chase.args().get(0);
        assertEquals(new CType("intptr_t", 2), ((Expr.Cast) d.pointer()).type());
        assertEquals("(r1 == r2) ? -r0 : !r0", AstPrinter.expr(((Stmt.Assign) s.get(6)).value()));
        assertEquals("r0 = r0 + 2;", AstPrinter.stmt(s.get(7)));
        assertEquals("r0 = r0 + 1;", AstPrinter.stmt(s.get(8)));
        Stmt.If ifs = (Stmt.If) s.get(9);
        assertEquals(Expr.BinaryOp.AND, ((Expr.Binary) ifs.cond()).op());
        Stmt.If elseIf = (Stmt.If) ifs.otherwise();
        assertInstanceOf(Stmt.Block.class, elseIf.otherwise());
        assertEquals("*x = (r0 % 3) - ~r0;", AstPrinter.stmt(((Stmt.Block) s.get(10)).stmts().get(0)));
        assertEquals("r0 = ((r0 + (2 * r2)) << 1) | (4 ^ (5 & 6));", AstPrinter.stmt(s.get(11)));
    }

    @Test
    void generatedTestHeader() {
        LitmusTest t = parse("""
                C LB+poonceonces
                "PodRWOnceOnce RfeOnceOnce PodRWOnceOnce RfeOnceOnce"
                Cycle=RfeOnceOnce PodRWOnceOnce RfeOnceOnce PodRWOnceOnce
                Prefetch=0:x=F,0:y=W,1:y=F,1:x=W
                Com=Rf Rf
                (* Result: Never *)
                {
                }
                P0(int *x) { WRITE_ONCE(*x, 1); }
                exists (x=1)
                """);
        assertEquals("PodRWOnceOnce RfeOnceOnce PodRWOnceOnce RfeOnceOnce", t.doc());
        assertEquals(List.of("Cycle", "Prefetch", "Com"), List.copyOf(t.info().keySet()));
        assertEquals("0:x=F,0:y=W,1:y=F,1:x=W", t.info().get("Prefetch"));
        assertEquals("Result: Never", t.comment());
        assertEquals("Never", t.expectedResult().orElseThrow());
    }

    @Test
    void cParenthesisedDerefIsNotAComment() {
        LitmusTest t = parse("C paren\n{}\nP0(int *x)\n{\n\tint r;\n\tr = (*x) + 1;\n}\nexists (0:r=1)\n");
        assertEquals("r = *x + 1;", AstPrinter.stmt(body(t, 0).get(1)));
    }

    @Test
    void windowsLineEndingsAndByteOrderMarkKeepPositions() {
        String unix = "C crlf\n{ x=1; }\nP0(int *x)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n}\nexists (0:r0=1)\n";
        LitmusTest a = parse(unix);
        LitmusTest b = parse("\uFEFF" + unix.replace("\n", "\r\n"));
        assertEquals(AstPrinter.print(a), AstPrinter.print(b));
        assertEquals(a.condition(), b.condition());
        assertEquals(a.processes(), b.processes());
    }
}
