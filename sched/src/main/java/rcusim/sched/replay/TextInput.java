package rcusim.sched.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an input file that must be UTF-8 text (JSON here), saying plainly what is wrong when it
 * is not: no such file, a directory, empty ({@code /dev/null}), binary (a NUL byte, or bytes that
 * are not UTF-8: "not a text file" rather than the decoder's "Input length = 3"). Reads special
 * files such as {@code /dev/null} or a pipe like any other.
 */
public final class TextInput {
    /** Larger inputs are refused rather than read whole (a replay file is a few MB at most). */
    public static final long MAX_BYTES = 1L << 30;

    private TextInput() {
    }

    /**
     * @param expected what the file should be, for messages ("a replay file (JSON)")
     * @throws BadFileException naming the file and what is wrong
     */
    public static String read(Path file, String expected) {
        if (Files.isDirectory(file)) {
            throw new BadFileException(file.toString(), "is a directory; expected " + expected);
        }
        byte[] bytes;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new BadFileException(file.toString(), "too large (" + Files.size(file) + " bytes); expected "
                        + expected);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadFileException(file.toString(), "no such file");
        } catch (AccessDeniedException e) {
            throw new BadFileException(file.toString(), "cannot read: permission denied");
        } catch (IOException e) {
            throw new BadFileException(file.toString(), "cannot read: " + AtomicFile.reason(e));
        }
        if (bytes.length == 0) {
            throw new BadFileException(file.toString(), "the file is empty; expected " + expected);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new BadFileException(file.toString(), "not a text file (a NUL byte at offset " + i
                        + "); expected " + expected);
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadFileException(file.toString(), "not a text file (not UTF-8); expected " + expected);
        }
    }
}
