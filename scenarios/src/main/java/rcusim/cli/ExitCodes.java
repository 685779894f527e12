package rcusim.cli;

/** The exit codes of {@code rcusim}, the same for every subcommand, as command-line tools conventionally use them. */
public final class ExitCodes {
    /** The run or exploration finished and every check passed. */
    public static final int PASS = 0;
    /** A checker reported a failure (a bug was found); the report says where. */
    public static final int FAILURE_FOUND = 1;
    /** The command line was wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /** An input file (scenario, litmus test, recording) is malformed; the message says where. */
    public static final int BAD_INPUT = 3;
    /** A replay asked for a decision that differs from the recording. */
    public static final int REPLAY_DIVERGED = 4;
    /** A search stopped before it finished (a litmus test INCOMPLETE: state cap, memory, timeout). */
    public static final int INCOMPLETE = 5;
    /** Interrupted by Ctrl-C (SIGINT), as shells report it: 128 + 2. */
    public static final int INTERRUPTED = 130;
    /** A bug in rcusim itself (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
