package rcusim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code rcusim} command. To add a subcommand, write a picocli {@code @Command}
 * class implementing {@code Callable<Integer>} (returning an {@link ExitCodes} value; throw
 * {@link BadInputException} for malformed input) and list it in {@code subcommands} below.
 */
@Command(
        name = "rcusim",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "%n",
        header = "A deterministic simulator of a multi-CPU Linux-like kernel with Tree RCU.",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        description = "Runs scripted scenarios and litmus tests, explores schedules at random or "
                + "exhaustively, and replays a failing run exactly from its recording.",
        parameterListHeading = "%nParameters:%n",
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:passed",
            "1:a failure was found",
            "2:usage error",
            "3:bad input file",
            "4:replay diverged from its recording",
            "70:internal error in rcusim (please report)"
        },
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        subcommands = {
            HelpCommand.class,
            rcusim.litmus.cli.LitmusCommand.class,
            RunCommand.class,
            GpRateCommand.class,
            ThroughputCommand.class,
            ListCommand.class,
            ExploreCommand.class,
            MergeCommand.class,
            ReplayCommand.class,
            ShrinkCommand.class,
            CheckCommand.class,
            // Add subcommands here, one class per line.
        })
public final class RcusimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code rcusim} without a subcommand: show the usage on stderr, a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
