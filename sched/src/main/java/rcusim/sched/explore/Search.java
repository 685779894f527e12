package rcusim.sched.explore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import rcusim.sched.scenario.Scenario;

/**
 * A search for failing schedules of one scenario: a {@link Campaign} of seeded runs or an
 * {@link ExhaustiveSearch} within a bound. Both give a {@link CampaignResult} (failures keyed by
 * signature), which {@link CampaignReport} prints and {@link FailureArchive} saves; {@link
 * Exploration} runs either from start to report.
 */
public interface Search {
    Scenario scenario();

    /** The banner's lines about what runs within which budget, below the machine's line. */
    List<String> plan();

    /**
     * Runs to the end of the budget, the first failure when asked to stop there, or {@link
     * #stop()}; each failure in the result holds its first run, recorded in full for its replay
     * file and report.
     */
    CampaignResult run(StatusLine status);

    /** Asks the search to stop after the runs in flight (Ctrl-C); the result says it was interrupted. */
    void stop();

    /** Writes what the search keeps besides the replay files into dir (a campaign's summary.json). */
    default void writeSummary(Path dir, CampaignResult result) throws IOException {
    }

    /** Asks the search to keep dir current while it runs (replay files as found, a summary at intervals). */
    default void writeAsYouGo(Path dir) {
    }
}
