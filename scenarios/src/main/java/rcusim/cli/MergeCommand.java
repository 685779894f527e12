package rcusim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.sched.explore.CampaignReport;
import rcusim.sched.explore.CampaignResult;
import rcusim.sched.explore.CampaignSummaryFile;

/** {@code rcusim merge DIR...}: combines the summaries of a campaign's shards into one report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combines the summary.json of each shard's --out DIR of one campaign into one report.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no failure in any shard", "1:a failure was found", "3:a directory holds no valid summary,"
            + " or the shards are of different campaigns"})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "--out directories of the shards")
    List<Path> dirs;

    @Override
    public Integer call() {
        CampaignResult total = new CampaignResult();
        CampaignSummaryFile.Read first = null;
        for (Path d : dirs) {
            Path f = Files.isDirectory(d) ? d.resolve("summary.json") : d;
            CampaignSummaryFile.Read r = CampaignSummaryFile.read(f);
            if (first == null) {
                first = r;
            } else if (!first.scenario().equals(r.scenario()) || first.masterSeed() != r.masterSeed()
                    || !first.strategy().equals(r.strategy())
                    || !java.util.Objects.equals(first.injection(), r.injection())
                    || !first.options().equals(r.options())) {
                throw new BadInputException(f.toString(), "shard of another campaign (" + r.scenario() + ", seed " + r.masterSeed()
                        + ", " + r.strategy() + "), expected " + first.scenario() + ", seed " + first.masterSeed() + ", "
                        + first.strategy());
            }
            CampaignSummaryFile.merge(total, r.result());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("merged %d shard%s of %s (strategy %s, master seed %d)%n", dirs.size(), dirs.size() == 1 ? "" : "s",
                first.scenario(), first.strategy(), first.masterSeed());
        new CampaignReport(out).summary(total);
        return total.failures.isEmpty() ? ExitCodes.PASS : ExitCodes.FAILURE_FOUND;
    }
}
