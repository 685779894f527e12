package rcusim.sched.explore;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One search from banner to report: prints the banner, runs the search, keeps the failures'
 * replay files and the search's summary in a directory when given one (as it goes, see {@link
 * Search#writeAsYouGo}), and prints the summary with a replay command per failure.
 *
 * <p>SIGINT and SIGTERM: the JVM runs its shutdown hooks and then halts, whatever the other
 * threads are doing. The hook here stops the search and holds the halt until the files are
 * written and the report printed. It is registered before anything runs and removed only after
 * the report is out: the earlier code waited only for the search to return (the files and the
 * report came after, and the halt cut them off), then removed the hook as soon as the search
 * returned, so a signal while the files were being written found no hook and the JVM exited at
 * once, with nothing printed and a file half-written.
 */
public final class Exploration {
    /** How long a signal waits for the runs in flight, the files and the report before the JVM halts anyway. */
    private static final long SIGNAL_WAIT_MILLIS = 120_000;

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
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            search.stop();
            try {
                reported.await(SIGNAL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rcusim-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            CampaignReport report = new CampaignReport(out);
            report.banner(search, build);
            if (outDir != null) {
                Files.createDirectories(outDir);
                search.writeAsYouGo(outDir);
            }
            CampaignResult result;
            try (status) {
                result = search.run(status);
            }
            if (outDir != null) {
                FailureArchive.write(outDir, result);
                search.writeSummary(outDir, result);
            }
            report.summary(result);
            out.flush();
            return result;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already (a signal): everything above is out, the hook returns now
            }
        }
    }
}
