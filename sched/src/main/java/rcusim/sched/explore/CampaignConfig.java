package rcusim.sched.explore;

import rcusim.sched.scenario.Scenario;

/**
 * What a campaign runs.
 *
 * @param runs runs in the whole campaign (all shards together), or -1 for "until the time budget"
 * @param timeBudgetMillis stop starting runs after this long, or -1 for none
 * @param jobs worker threads, each running whole simulations
 */
public record CampaignConfig(Scenario scenario, String strategy, long masterSeed, long runs, long timeBudgetMillis,
        int jobs, Shard shard, boolean stopOnFirst) {
    public CampaignConfig {
        if (runs < 0 && timeBudgetMillis < 0) {
            throw new IllegalArgumentException("a campaign needs --runs or --time");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
    }

    /** How many of the campaign's runs fall in this shard (-1: unbounded). */
    long runsInShard() {
        if (runs < 0) {
            return -1;
        }
        return runs / shard.count() + (shard.index() < runs % shard.count() ? 1 : 0);
    }
}
