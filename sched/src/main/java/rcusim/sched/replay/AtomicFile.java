package rcusim.sched.replay;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that appears whole or not at all: written to a temporary name in the target's own
 * directory ({@code .NAME.PID.tmp}), forced to disk, then renamed over the target in one step.
 * A kill at any moment leaves the old file or the new one, never half of one; at worst a stray
 * {@code .tmp} beside it. Opening it creates the temporary file, so that an unwritable place is
 * found before any work is done (the commands open their outputs first).
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final Writer writer;
    private boolean committed;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        // close() only flushes: a library that closes what it wrote to (Jackson) must not close
        // the file before commit() has forced and renamed it
        this.writer = new FilterWriter(new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
                StandardCharsets.UTF_8), 1 << 16)) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /**
     * Opens a temporary file beside target.
     *
     * @throws BadFileException naming target when it is a directory or its directory cannot be written
     */
    public static AtomicFile open(Path target) {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new BadFileException(target.toString(), "is a directory; expected a file name");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadFileException(target.toString(), "its directory " + dir + " does not exist");
        }
        Path temp = dir.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new AtomicFile(target, temp, ch);
        } catch (IOException e) {
            throw new BadFileException(target.toString(), reason(e));
        }
    }

    /** Writes the whole file in one go: open, body, commit. */
    public static void write(Path target, WriterBody body) throws IOException {
        try (AtomicFile f = open(target)) {
            body.writeTo(f.writer());
            f.commit();
        }
    }

    /** What a file's content is written by. */
    @FunctionalInterface
    public interface WriterBody {
        void writeTo(Writer out) throws IOException;
    }

    public Writer writer() {
        return writer;
    }

    public Path target() {
        return target;
    }

    /** Flushes, forces to disk, and renames the temporary file over the target. */
    public void commit() throws IOException {
        writer.flush();
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Without {@link #commit()}: drops the temporary file and leaves the target as it was. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to keep
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a stray .tmp file; harmless
        }
    }

    /** A short reason for an I/O failure, without the exception's class name. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
