package rcusim.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;
import rcusim.sched.ReplayDivergedException;
import rcusim.sched.replay.BadFileException;

/**
 * Entry point of {@code rcusim}. Maps outcomes to {@link ExitCodes}: picocli parameter errors
 * give 2 with the usage, {@link BadFileException} (and the front end's {@link BadInputException}) gives 3 with {@code file:line:col: message},
 * a replay divergence gives 4, and anything else that escapes is a tool bug: 70, a one-line
 * message and the stack trace.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Charset cs = stdoutCharset();
        // stdout is buffered (traces can be large) and flushed per line only for a person;
        // stderr is flushed per line so that messages and progress show at once.
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), cs), 1 << 16),
                Terminal.isInteractive());
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), cs), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs rcusim in-process and returns its exit code; never throws, never exits. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return execute(commandLine(out, err), args);
        } catch (Throwable t) {
            return internalError(err, t);
        }
    }

    /** Executes a command line from {@link #commandLine}, mapping even Errors to exit codes. */
    public static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            return internalError(cl.getErr(), t);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
        }
    }

    /** The configured command line (for tests and tools that add or drive subcommands). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RcusimCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.ansi()));
        cl.setExecutionExceptionHandler(new ExceptionHandler(err));
        CommandLine.IParameterExceptionHandler picocliDefault = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            if (ex instanceof BadOptionValue) {
                // a value the command checked itself: one line naming the option, and where the
                // usage is (the whole usage would bury the message)
                String name = ex.getCommandLine().getCommandSpec().qualifiedName();
                ex.getCommandLine().getErr().println(name + ": " + ex.getMessage() + " (see " + name + " --help)");
                return ExitCodes.USAGE;
            }
            return picocliDefault.handleParseException(ex, args);
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** Maps what a subcommand threw to an exit code; writes to the root's stderr. */
    private static final class ExceptionHandler implements IExecutionExceptionHandler {
        private final PrintWriter err;

        ExceptionHandler(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof BadFileException bad) {
                    err.println(bad.getMessage());
                    return ExitCodes.BAD_INPUT;
                }
                if (t instanceof ReplayDivergedException diverged) {
                    err.println("rcusim: " + diverged.getMessage());
                    return ExitCodes.REPLAY_DIVERGED;
                }
                if (t instanceof CommandLine.ParameterException pe) {
                    // Thrown by a subcommand's own validation: a usage error like picocli's.
                    err.println(pe.getMessage());
                    pe.getCommandLine().usage(err);
                    return ExitCodes.USAGE;
                }
            }
            return internalError(err, ex);
        }
    }

    private static int internalError(PrintWriter err, Throwable t) {
        String what = t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
        err.println("rcusim: internal error: " + what + " (please report, with the stack trace below)");
        t.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }

    private static Charset stdoutCharset() {
        String enc = System.getProperty("stdout.encoding");
        try {
            return enc != null ? Charset.forName(enc) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
