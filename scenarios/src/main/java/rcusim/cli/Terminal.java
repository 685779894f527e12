package rcusim.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import picocli.CommandLine.Help.Ansi;

/**
 * Whether output goes to a person at a terminal. Colours and live progress only then: never
 * when piped, redirected, under CI, with {@code NO_COLOR} set or {@code TERM=dumb}.
 */
public final class Terminal {
    private static final boolean INTERACTIVE = detect();
    private static final boolean STDERR_TERMINAL = detectStderr();

    private Terminal() {
    }

    public static boolean isInteractive() {
        return INTERACTIVE;
    }

    /**
     * Whether stderr is a terminal, for progress bars: they stay on screen when stdout is
     * redirected to a file, and out of logs when stderr is. On Linux this reads what
     * /proc/self/fd/2 is; elsewhere it falls back to {@link #isInteractive()}.
     */
    public static boolean stderrIsTerminal() {
        return STDERR_TERMINAL;
    }

    private static boolean detectStderr() {
        if ("dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
            return false;
        }
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.exists(fd2, LinkOption.NOFOLLOW_LINKS)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or not allowed to look: fall back
        }
        return INTERACTIVE;
    }

    /** ANSI for picocli's help: on only at an interactive terminal (picocli.ansi may force it). */
    public static Ansi ansi() {
        String forced = System.getProperty("picocli.ansi");
        if (forced != null) {
            return Boolean.parseBoolean(forced) || "tty".equalsIgnoreCase(forced) ? Ansi.ON : Ansi.OFF;
        }
        return INTERACTIVE && System.getenv("NO_COLOR") == null ? Ansi.ON : Ansi.OFF;
    }

    private static boolean detect() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
            return false;
        }
        // From JDK 22 System.console() exists even when redirected; isTerminal() tells.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console means stdin and stdout are a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
