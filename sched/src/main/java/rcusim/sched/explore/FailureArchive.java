package rcusim.sched.explore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import rcusim.sched.replay.ReplayFile;

/**
 * Saves a search's failures as replay files, one per signature in signature order:
 * {@code failure-1-warn.json}, {@code failure-2-rcu.json}, ... (the number, then the failure's
 * kind), and notes each file in its failure for the report.
 */
public final class FailureArchive {
    private FailureArchive() {
    }

    public static void write(Path dir, CampaignResult result) throws IOException {
        Files.createDirectories(dir);
        int n = 0;
        for (CampaignResult.Failure f : result.failures.values()) {
            n++;
            Path file = dir.resolve(String.format(Locale.ROOT, "failure-%d-%s.json", n, f.signature.kindInFileName()));
            ReplayFile.of(f.run, f.firstStrategy, f.firstStrategySeed).write(file);
            f.replayFile = file.toString();
        }
    }
}
