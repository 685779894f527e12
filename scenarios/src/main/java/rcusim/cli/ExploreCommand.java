package rcusim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.SearchBound;
import rcusim.sched.Strategies;
import rcusim.sched.explore.Campaign;
import rcusim.sched.explore.CampaignConfig;
import rcusim.sched.explore.CampaignIdentity;
import rcusim.sched.explore.CampaignSummaryFile;
import rcusim.sched.explore.CampaignResult;
import rcusim.sched.explore.ExhaustiveSearch;
import rcusim.sched.explore.Exploration;
import rcusim.sched.explore.Search;
import rcusim.sched.explore.Shard;
import rcusim.sched.replay.BuildInfo;
import rcusim.sched.scenario.Scenario;

/**
 * {@code rcusim explore SCENARIO}: a campaign of many runs on all cores, with a progress line,
 * unique failures by signature, coverage, and results that do not depend on the number of jobs.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        header = "Runs a scenario many times under a strategy and reports unique failures.", sortOptions = false,
        description = {
            "Explores a scenario's schedules: runs it many times under a strategy, on --jobs workers, and reports",
            "unique failures (each with the command that replays it), coverage and distinct interleavings.",
            "Run i's seed derives from (--seed, i) only, so results do not depend on --jobs or --shard.",
            "Strategies: random, pct:D (PCT with depth D), pct:D:K (K expected scheduling steps), portfolio;",
            "exhaustive:P or exhaustive:P:D: every execution with at most P preemptions and D (default 1) other",
            "deviations (early drains, early interrupts, stale reads, other placements), fewest first, on one thread;",
            "--runs and --time cap it, and the report says whether the search was complete."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no failure (for exhaustive: none within the bound)", "1:a failure was found",
            "2:usage error (unknown scenario, strategy or fault; bad --runs, --time, --jobs, --shard)",
            "3:bad configuration or --out: a configuration the kernel would reject; --out not a writable"
                    + " directory, or holding another campaign's results (see --force, --resume)",
            "130:interrupted by SIGINT (143: SIGTERM); the summary is printed and written first"})
public final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", defaultValue = "torture",
            description = "the scenario (see `rcusim list`; default: ${DEFAULT-VALUE}), or an rcutorture configuration: rcutorture/TREE04 or a path to one")
    String name;

    static final class Budget {
        @Option(names = "--runs", paramLabel = "N", description = "runs in the whole campaign (default: 1000)")
        Long runs;

        @Option(names = "--time", paramLabel = "D", description = "stop starting runs after D (e.g. 30s, 5m)")
        String time;
    }

    @ArgGroup(exclusive = true)
    Budget budget = new Budget();

    @Option(names = "--strategy", paramLabel = "S", defaultValue = "random", description = "strategy (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--jobs", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer jobs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "master seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--inject", paramLabel = "NAME", description = "inject a fault (see `rcusim list mutations`)")
    String inject;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    FailuresExit failuresExit = new FailuresExit();

    @Mixin
    KcsanOption kcsanOption = new KcsanOption();

    @Mixin
    MemoryModelOption memoryModelOption = new MemoryModelOption();

    @Option(names = "--shard", paramLabel = "i/N", description = "run only shard i of N (runs whose index is i mod N)")
    String shard;

    @Option(names = "--out", paramLabel = "DIR",
            description = "keep summary.json and one replay file per unique failure here, written as the campaign goes")
    Path out;

    static final class OutMode {
        @Option(names = "--force", description = "with --out: remove an earlier campaign's results there first")
        boolean force;

        @Option(names = "--resume", description = "with --out: continue the campaign whose summary.json is there"
                + " (same scenario, seed, strategy), skipping the runs it finished")
        boolean resume;
    }

    @ArgGroup(exclusive = true)
    OutMode outMode = new OutMode();

    static final class StopMode {
        @Option(names = "--stop-on-first", description = "stop at the first failure")
        boolean stopOnFirst;

        @Option(names = "--keep-going", description = "run the whole budget (the default)")
        boolean keepGoing;
    }

    @ArgGroup(exclusive = true)
    StopMode stop = new StopMode();

    private final Catalog catalog;

    public ExploreCommand() {
        this(Scenarios.standard());
    }

    public ExploreCommand(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Scenario> chosen = kcsanOption.apply(memoryModelOption.apply(ScenarioChoice.resolve("explore", catalog, name, inject,
                configOptions.overrides(), spec.commandLine()), spec.commandLine()), spec.commandLine());
        if (chosen.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Scenario scenario = chosen.get();
        if (Strategies.isExhaustive(strategy)) {
            return exhaustive(scenario);
        }
        Shard sh;
        try {
            Strategies.parse(strategy);
            sh = shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new BadOptionValue(spec.commandLine(), e.getMessage());
        }
        long runs = budget.runs != null ? budget.runs : budget.time == null ? 1000 : -1;
        long millis = timeBudget();
        if (budget.runs != null && budget.runs < 1) {
            throw new BadOptionValue(spec.commandLine(), "--runs must be at least 1, not " + budget.runs);
        }
        int workers = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new BadOptionValue(spec.commandLine(), "--jobs must be at least 1, not " + workers);
        }
        Campaign campaign = new Campaign(new CampaignConfig(scenario, strategy, seed, runs, millis, workers, sh,
                stop.stopOnFirst));
        outDirectory().ifPresent(earlier -> resume(campaign, earlier, sh));
        return explore(campaign);
    }

    /** --time in milliseconds (-1 without it); a usage error unless a positive duration. */
    private long timeBudget() {
        if (budget.time == null) {
            return -1;
        }
        long millis;
        try {
            millis = parseDuration(budget.time);
        } catch (IllegalArgumentException e) {
            throw new BadOptionValue(spec.commandLine(), e.getMessage());
        }
        if (millis <= 0) {
            throw new BadOptionValue(spec.commandLine(), "--time must be a positive duration such as 30s, not '"
                    + budget.time + "'");
        }
        return millis;
    }

    /** Checks --out before any work; the earlier summary with --resume. */
    private Optional<CampaignSummaryFile.Read> outDirectory() {
        if (out == null) {
            if (outMode.force || outMode.resume) {
                throw new BadOptionValue(spec.commandLine(), (outMode.force ? "--force" : "--resume")
                        + " needs --out DIR");
            }
            return Optional.empty();
        }
        return OutDirectory.prepare(out, outMode.force, outMode.resume);
    }

    private void resume(Campaign campaign, CampaignSummaryFile.Read earlier, Shard sh) {
        Path summary = out.resolve("summary.json");
        String diff = CampaignIdentity.of(campaign.config()).difference(earlier.identity(), "this command",
                "summary.json");
        if (diff.isEmpty() && !earlier.shard().equals(sh.toString())) {
            diff = "shard " + earlier.shard() + " in summary.json, " + sh + " in this command";
        }
        if (!diff.isEmpty()) {
            throw new BadInputException(summary.toString(), "--resume: another campaign's summary: " + diff);
        }
        campaign.resume(earlier);
    }

    private int exhaustive(Scenario scenario) throws IOException {
        SearchBound bound;
        try {
            bound = Strategies.exhaustive(strategy);
        } catch (IllegalArgumentException e) {
            throw new BadOptionValue(spec.commandLine(), e.getMessage());
        }
        long millis = timeBudget();
        if (outMode.resume) {
            throw new BadOptionValue(spec.commandLine(), "--resume: an exhaustive search cannot be resumed;"
                    + " run it again (it is deterministic)");
        }
        if (shard != null) {
            throw new BadOptionValue(spec.commandLine(), "--shard: an exhaustive search runs whole, on one machine");
        }
        if (budget.runs != null && budget.runs < 1) {
            throw new BadOptionValue(spec.commandLine(), "--runs must be at least 1, not " + budget.runs);
        }
        outDirectory();
        long max = budget.runs != null ? budget.runs : Long.MAX_VALUE;
        return explore(new ExhaustiveSearch(scenario, strategy.trim(), bound, seed, max, millis, stop.stopOnFirst));
    }

    private int explore(Search search) throws IOException {
        CampaignResult result = new Exploration(search, spec.commandLine().getOut(), out,
                BuildInfo.current().versionLine()).run(Progress.forTerminal(spec.commandLine().getErr()));
        return failuresExit.of(!result.failures.isEmpty());
    }

    /** "30s", "5m", "1h", or plain seconds. */
    static long parseDuration(String d) {
        String t = d.trim().toLowerCase(java.util.Locale.ROOT);
        long mult = 1000;
        if (t.endsWith("ms")) {
            mult = 1;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mult = 60_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            mult = 3_600_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(t) * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--time must be a duration such as 30s or 5m, not '" + d + "'");
        }
    }
}
