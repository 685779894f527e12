package rcusim.sched.explore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One search from banner to report: prints the banner, runs the search (Ctrl-C stops it and
 * waits for the report), saves the failures' replay files and the search's summary when given a
 * directory, and prints the summary with a replay command per failure.
 */
public final class Exploration {
    /** How long a Ctrl-C waits for the runs in flight, the files and the report. */
    private static final long CTRL_C_WAIT_MILLIS = 30_000;

    private final Search search;
    private final PrintWriter out;
    private final Path outDir;
    private final String build;

    /**
     * @param out where the banner and report go
     * @param outDir where replay files (and a campaign's summary.json) go, or null
     * @param build the build's version line, for the banner
     */
    public Exploration(Search search, PrintWriter out, Path outDir, String build) {
        this.search = search;
        this.out = out;
        this.outDir = outDir;
        this.build = build;
    }

    public CampaignResult run(StatusLine status) throws IOException {
        CampaignReport report = new CampaignReport(out);
        report.banner(search, build);
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            search.stop();
            try {
                reported.await(CTRL_C_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rcusim-ctrl-c");
        CampaignResult result;
        try (status) {
            Runtime.getRuntime().addShutdownHook(hook);
            result = search.run(status);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already (Ctrl-C): the files and report below still come out
            }
        }
        try {
            if (outDir != null) {
                FailureArchive.write(outDir, result);
                search.writeSummary(outDir, result);
            }
            report.summary(result);
        } finally {
            reported.countDown();
        }
        return result;
    }
}
