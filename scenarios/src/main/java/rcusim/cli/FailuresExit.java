package rcusim.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --failures-exit}: the exit code of a campaign that found failures. 1 by default; 0 for
 * batch schedulers that retry or fail a task that exits non-zero (a Kubernetes Job's pod), where
 * the failures are results, kept in summary.json and the replay files like any other.
 */
final class FailuresExit {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--failures-exit", paramLabel = "0|1", defaultValue = "1",
            description = "exit code when failures were found (default: ${DEFAULT-VALUE}); 0 for batch"
                    + " schedulers that retry a task exiting non-zero")
    void set(int code) {
        if (code != ExitCodes.PASS && code != ExitCodes.FAILURE_FOUND) {
            throw new BadOptionValue(command.commandLine(), "--failures-exit must be 0 or 1, not " + code);
        }
        this.code = code;
    }

    private int code = ExitCodes.FAILURE_FOUND;

    /** The exit code of a campaign that found failures, or passed. */
    int of(boolean failed) {
        return failed ? code : ExitCodes.PASS;
    }
}
