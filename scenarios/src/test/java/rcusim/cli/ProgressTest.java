package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void quietWithoutATerminal() {
        StringWriter sw = new StringWriter();
        try (Progress p = new Progress(new PrintWriter(sw), false, 0)) {
            p.update(() -> "42 runs");
        }
        assertEquals("", sw.toString());
    }

    @Test
    void liveRedrawsOneLineAndClearsIt() {
        StringWriter sw = new StringWriter();
        try (Progress p = new Progress(new PrintWriter(sw), true, 0)) {
            p.update(() -> "1 run");
            p.update(() -> "2 runs");
        }
        assertEquals("\r\u001b[K1 run\r\u001b[K2 runs\r\u001b[K", sw.toString());
    }

    @Test
    void testsDoNotRunOnATerminal() {
        // Surefire pipes the test JVM's output, so the CLI must see no terminal: no ANSI in tests.
        assertFalse(Terminal.isInteractive());
        assertTrue(Terminal.ansi() == picocli.CommandLine.Help.Ansi.OFF || System.getProperty("picocli.ansi") != null);
    }
}
