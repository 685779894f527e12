package rcusim.sched.explore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import rcusim.sched.replay.Signature;
import rcusim.sched.replay.ReplayFile;

/**
 * Saves a search's failures as replay files, one per signature, named by the failure's kind and
 * a hash of its signature ({@code failure-warn-3fa2c1d0.json}): a name known as soon as the
 * failure is, the same whichever worker finds it first and in every shard, so a campaign can
 * write each file as it goes. Each file is written whole ({@link rcusim.sched.replay.AtomicFile}).
 */
public final class FailureArchive {
    private FailureArchive() {
    }

    public static void write(Path dir, CampaignResult result) throws IOException {
        Files.createDirectories(dir);
        for (CampaignResult.Failure f : result.failures.values()) {
            if (f.run == null || f.replayFile != null && f.recordedRunIndex == f.firstRunIndex) {
                continue; // written while the campaign ran, or by an earlier session of a resumed one
            }
            Path file = fileFor(dir, f.signature);
            ReplayFile.of(f.run, f.firstStrategy, f.firstStrategySeed).write(file);
            f.replayFile = file.toString();
        }
    }

    /** The replay file of a failure with this signature in dir. */
    public static Path fileFor(Path dir, Signature signature) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(signature.toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(String.format(Locale.ROOT, "failure-%s-%s.json", signature.kindInFileName(),
                    HexFormat.of().formatHex(h, 0, 4)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether a file name is one this archive writes (for --force, which removes them). */
    public static boolean isArchiveFile(String name) {
        return name.startsWith("failure-") && name.endsWith(".json");
    }
}
