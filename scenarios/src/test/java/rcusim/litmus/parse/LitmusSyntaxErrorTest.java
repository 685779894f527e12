package rcusim.litmus.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Broken input is reported at the exact place, saying what was expected and what was found. */
class LitmusSyntaxErrorTest {

    /** A well-formed test around the body of P0; P0 starts on line 3, its body on line 5. */
    private static String withBody(String body) {
        return "C t\n{}\nP0(int *x, int *y)\n{\n" + body + "}\nexists (x=1)\n";
    }

    private static void assertError(String text, int line, int column, String detail) {
        LitmusSyntaxException e = assertThrows(LitmusSyntaxException.class,
                () -> LitmusParser.parse("bad.litmus", text));
        assertEquals(detail, e.detail());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals("bad.litmus:" + line + ":" + column + ": " + detail, e.getMessage());
    }

    private static void assertFileError(String resource, int line, int column, String detail) throws IOException {
        String text;
        try (InputStream in = LitmusSyntaxErrorTest.class.getResourceAsStream("/litmus-parse/" + resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LitmusSyntaxException e = assertThrows(LitmusSyntaxException.class, () -> LitmusParser.parse(resource, text));
        assertEquals(resource + ":" + line + ":" + column + ": " + detail, e.getMessage());
    }

    @Test
    void missingSemicolon() throws IOException {
        assertFileError("missing-semicolon.litmus", 10, 2, "expected ';' after statement, found 'r1'");
    }

    @Test
    void unbalancedBrace() throws IOException {
        assertFileError("unbalanced-brace.litmus", 14, 1,
                "expected '}' to close the body of P0 opened at 6:1, found 'P1'");
    }

    @Test
    void unterminatedComment() throws IOException {
        assertFileError("unterminated-comment.litmus", 11, 21, "unterminated comment: '/*' has no matching '*/'");
    }

    @Test
    void badExists() throws IOException {
        assertFileError("bad-exists.litmus", 12, 19,
                "expected a condition (such as x=1, 0:r1=1, '(', '~', 'true' or 'false'), found ')'");
    }

    @Test
    void missingProcessBody() throws IOException {
        assertFileError("missing-body.litmus", 7, 1, "expected '{' to open the body of P0, found 'P1'");
    }

    @Test
    void garbageCharacter() throws IOException {
        assertFileError("garbage-token.litmus", 7, 20, "unexpected character '@'");
    }

    @Test
    void headerProblems() {
        assertError("X86 SB\n{}\n", 1, 1, "expected 'C' and the test name on the first line (only C litmus"
                + " tests are supported), found 'X86'");
        assertError("C\n{}\n", 1, 2, "expected the test name after 'C'");
        assertError("", 1, 1, "expected 'C' and the test name on the first line (only C litmus tests are"
                + " supported), found end of file");
        assertError("C t\n", 2, 1, "expected '{' to open the initial state, found end of file");
        assertError("C t\n\nP0(int *x) { }\nexists (x=1)\n", 3, 1, "expected '{' to open the initial state, found 'P0'");
        assertError("C t\n(* Result: Never\n{}\n", 2, 1, "unterminated comment: '(*' has no matching '*)'");
    }

    @Test
    void initialStateProblems() {
        assertError("C t\n{ x=0 y=1; }\n", 2, 7, "expected ';' or '}' after an initial-state entry, found 'y'");
        assertError("C t\n{ x=; }\n", 2, 5, "expected an initial value (an integer, a location, '&' location"
                + " or ATOMIC_INIT(n)), found ';'");
        assertError("C t\n{ x=0;\n", 3, 1, "expected '}' to close the initial state opened at 2:1, found end of file");
        assertError("C t\n{ atomic_t a = ATOMIC_INIT(1; }\n", 2, 29, "expected ')' to close 'ATOMIC_INIT(', found ';'");
        assertError("C t\n{ 0:=1; }\n", 2, 5, "expected a register name after '0:', found '='");
    }

    @Test
    void processHeaderProblems() {
        assertError("C t\n{}\nP0(x)\n{\n}\nexists (x=1)\n", 3, 4, "expected a type before parameter 'x' (such as 'int *x')");
        assertError("C t\n{}\nP0(int *x\n{\n}\nexists (x=1)\n", 4, 1,
                "expected ')' to close the parameter list of P0, found '{'");
        assertError("C t\n{}\nP0(int *x) { }\nP0(int *y) { }\nexists (x=1)\n", 4, 1, "duplicate process P0");
        assertError("C t\n{}\nexists (x=1)\n", 3, 1,
                "expected a process such as 'P0(int *x)' after the initial state, found 'exists'");
        assertError("C t\n{}\nP0(int *x) { }\nQ1(int *x) { }\nexists (x=1)\n", 4, 1, "expected a process (P1(...))"
                + " or the final condition ('exists', '~exists', 'forall', 'locations' or 'filter'), found 'Q1'");
    }

    @Test
    void statementProblems() {
        assertError(withBody("\tWRITE_ONCE(*x, 1;\n"), 5, 18,
                "expected ')' to close the arguments of 'WRITE_ONCE' opened at 5:12, found ';'");
        assertError(withBody("\tint r0\n\tr0 = 1;\n"), 6, 2, "expected ';' after declaration, found 'r0'");
        assertError(withBody("\t1 = READ_ONCE(*x);\n"), 5, 2,
                "the left side of '=' must be a variable or a dereference such as '*x'");
        assertError(withBody("\twhile (1) smp_mb();\n"), 5, 2,
                "'while' is not supported: litmus processes have no loops or jumps");
        assertError(withBody("\tsmp_mb();\n\telse smp_mb();\n"), 6, 2, "'else' without a matching 'if'");
        assertError(withBody("\tif r0 smp_mb();\n"), 5, 5, "expected '(' after 'if', found 'r0'");
        assertError(withBody("\tr0 = READ_ONCE(*x) +;\n"), 5, 22, "expected an expression, found ';'");
        // The body's '}' closes the inner block, so the body is what is left open.
        assertError(withBody("\t{ smp_mb();\n"), 7, 1, "expected '}' to close the body of P0 opened at 4:1, found 'exists'");
        assertError("C t\n{}\nP0(int *x)\n{\n\t{ smp_mb();\n", 6, 1,
                "expected '}' to close the block opened at 5:2, found end of file");
        assertError(withBody("\tr0 = 08;\n"), 5, 7, "invalid integer literal '08'");
        assertError(withBody("\tr0 = 12ab;\n"), 5, 7, "malformed number '12ab'");
    }

    @Test
    void finalConditionProblems() {
        String procs = "C t\n{}\nP0(int *x) { }\n";
        assertError(procs + "exists (0:r0=1 /\\ x=1\n", 5, 1,
                "expected ')' to close '(' opened at 4:8, found end of file");
        assertError(procs + "exists (0:r0 1)\n", 4, 14, "expected '=', '==' or '!=' after '0:r0', found '1'");
        assertError(procs + "exists (x=1) foo\n", 4, 14, "expected end of file after the final condition, found 'foo'");
        assertError(procs + "locations [x; 0:r1]\n", 5, 1,
                "expected the final condition: 'exists', '~exists' or 'forall', found end of file");
        assertError(procs + "locations [x y]\nexists (x=1)\n", 4, 14, "expected ';' or ']' in 'locations [...]', found 'y'");
        assertError(procs + "exists (x=1 && 0:r0=2)\n", 4, 13, "conditions write '/\\', not C's '&&'");
        assertError(procs + "exists (!x=1)\n", 4, 9, "conditions write '~', not C's '!'");
        assertError(procs + "exists (0 = 1)\n", 4, 11,
                "expected ':' and a register name after process index 0 (as in 0:r0), found '='");
        assertError(procs + "exists (x=)\n", 4, 11,
                "expected a value after '=' (an integer, a location or a register such as 0:r1), found ')'");
        assertError(procs + "exists (x=1) (* never closed\n", 4, 14, "unterminated comment: '(*' has no matching '*)'");
    }
}
