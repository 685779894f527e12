package rcusim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.sched.explore.CampaignReport;
import rcusim.sched.explore.CampaignResult;
import rcusim.sched.explore.CampaignSummaryFile;
import rcusim.sched.explore.Shard;

/** {@code rcusim merge DIR...}: combines the summaries of a campaign's shards into one report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combines the summary.json of each shard's --out DIR of one campaign into one report.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no failure in any shard", "1:a failure was found", "3:a directory holds no valid summary,"
            + " the shards are of different campaigns, a shard is given twice, or (without --partial) shards are"
            + " missing"})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "--out directories of the shards")
    List<Path> dirs;

    @Option(names = "--partial", description = "merge even when shards are missing (the report says which)")
    boolean partial;

    @Mixin
    FailuresExit failuresExit = new FailuresExit();

    @Override
    public Integer call() {
        CampaignResult total = new CampaignResult();
        CampaignSummaryFile.Read first = null;
        Path firstFile = null;
        Map<Integer, Path> shards = new TreeMap<>();
        int count = -1;
        for (Path d : dirs) {
            Path f = Files.isDirectory(d) ? d.resolve("summary.json") : d;
            CampaignSummaryFile.Read r = CampaignSummaryFile.read(f);
            Shard shard;
            try {
                shard = Shard.parse(r.shard());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(f.toString(), "shard: " + e.getMessage());
            }
            if (first == null) {
                first = r;
                firstFile = f;
                count = shard.count();
            } else {
                String diff = first.identity().difference(r.identity(), firstFile.toString(), "this summary");
                if (diff.isEmpty() && shard.count() != count) {
                    diff = "shard count " + shard.count() + " in this summary, " + count + " in " + firstFile;
                }
                if (!diff.isEmpty()) {
                    throw new BadInputException(f.toString(), "a shard of another campaign: " + diff);
                }
            }
            Path again = shards.putIfAbsent(shard.index(), f);
            if (again != null) {
                throw new BadInputException(f.toString(), "shard " + shard + " is already merged, from " + again
                        + "; each shard counts once");
            }
            CampaignSummaryFile.merge(total, r.result());
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!shards.containsKey(i)) {
                missing.add(i + "/" + count);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!missing.isEmpty() && !partial) {
            throw new BadInputException(null, "rcusim merge: shard" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " missing (of " + count + "); --partial merges what is here");
        }
        out.printf("merged %d shard%s of %s (strategy %s, master seed %d)%s%n", dirs.size(), dirs.size() == 1 ? "" : "s",
                first.scenario(), first.strategy(), first.masterSeed(),
                missing.isEmpty() ? "" : "; PARTIAL: missing shard" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing));
        new CampaignReport(out).summary(total);
        return failuresExit.of(!total.failures.isEmpty());
    }
}
