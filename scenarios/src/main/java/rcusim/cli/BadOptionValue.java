package rcusim.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * An option's value that the command itself found wrong ({@code --runs -1}, {@code --time 0},
 * {@code --shard 0/0}): a usage error (exit 2) reported in one line that names the option,
 * without the whole usage that picocli prints for its own parse errors.
 */
public class BadOptionValue extends ParameterException {
    private static final long serialVersionUID = 1L;

    public BadOptionValue(CommandLine cl, String message) {
        super(cl, message);
    }
}
