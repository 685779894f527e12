package rcusim.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rcusim.sched.explore.CampaignSummaryFile;
import rcusim.sched.explore.FailureArchive;
import rcusim.sched.replay.AtomicFile;

/**
 * An {@code --out DIR} checked before any work: a directory (made if missing) that this user can
 * write, and not one holding another campaign's results unless asked: {@code --force} removes
 * them first, {@code --resume} reads the summary to continue from. Every refusal is a
 * {@link BadInputException} naming DIR (exit 3).
 */
final class OutDirectory {
    private OutDirectory() {
    }

    /** Makes dir if needed and proves it writable (a temporary file, removed). */
    static void checkWritable(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir.toString(), option + ": not a directory (a file of that name exists)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), option + ": cannot create the directory: "
                    + AtomicFile.reason(e));
        }
        try (AtomicFile probe = AtomicFile.open(dir.resolve(".rcusim-write-test"))) {
            // opened and dropped: the directory takes new files
        } catch (rcusim.sched.replay.BadFileException e) {
            throw new BadInputException(dir.toString(), option + ": cannot write in this directory: " + e.detail());
        }
    }

    /**
     * Opens an output file (written whole when committed) before the work that fills it; a path
     * that cannot be written is a usage error naming the option, as before this check moved here.
     */
    static AtomicFile openFile(Path file, String option, picocli.CommandLine cl) {
        try {
            return AtomicFile.open(file);
        } catch (rcusim.sched.replay.BadFileException e) {
            throw new BadOptionValue(cl, option + ": cannot write " + file + ": " + e.detail());
        }
    }

    /**
     * Prepares dir for a campaign: refuses one that holds results unless force (they are removed)
     * or resume (the earlier summary is returned).
     */
    static Optional<CampaignSummaryFile.Read> prepare(Path dir, boolean force, boolean resume) {
        checkWritable(dir, "--out");
        List<Path> results = results(dir);
        Path summary = dir.resolve("summary.json");
        if (resume) {
            if (!Files.exists(summary)) {
                throw new BadInputException(dir.toString(), "--resume: no summary.json here, nothing to resume");
            }
            return Optional.of(CampaignSummaryFile.read(summary));
        }
        if (results.isEmpty()) {
            return Optional.empty();
        }
        if (!force) {
            throw new BadInputException(dir.toString(), "--out: holds the results of an earlier campaign ("
                    + results.size() + " file" + (results.size() == 1 ? "" : "s") + ", e.g. "
                    + results.get(0).getFileName() + "); --force replaces them, --resume continues that campaign");
        }
        for (Path p : results) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new BadInputException(p.toString(), "--force: cannot remove: " + AtomicFile.reason(e));
            }
        }
        return Optional.empty();
    }

    /** summary.json, replay files and their shrunk versions, and stray temporary files of ours. */
    private static List<Path> results(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.equals("summary.json") || FailureArchive.isArchiveFile(n) || n.endsWith(".shrunk.json")
                        || n.startsWith(".") && n.endsWith(".tmp")) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), "--out: cannot list the directory: " + AtomicFile.reason(e));
        }
        out.sort(null);
        return out;
    }
}
