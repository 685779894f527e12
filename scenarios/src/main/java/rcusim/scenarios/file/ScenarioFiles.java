package rcusim.scenarios.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import rcusim.litmus.parse.LitmusSyntaxException;
import rcusim.sched.replay.BadFileException;
import rcusim.scenarios.file.ast.ScenarioFile;
import rcusim.scenarios.file.exec.CompiledFile;
import rcusim.scenarios.file.parse.ScenarioParser;

/** Reads, parses and compiles scenario files. */
public final class ScenarioFiles {
    /** Files larger than this are refused before reading (a scenario is a page or two of C). */
    static final long MAX_BYTES = 4 << 20;

    private ScenarioFiles() {
    }

    /**
     * The scenario in the file at path, named by the path as given.
     *
     * @throws ScenarioFileException when it cannot be read, parsed or compiled
     */
    public static FileScenario load(Path path) {
        String name = path.toString();
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new ScenarioFileException(name, 0, 0, "too large for a scenario file (" + Files.size(path)
                        + " bytes; at most " + MAX_BYTES + ")", null);
            }
            return compile(name, name, decode(name, Files.readAllBytes(path)));
        } catch (IOException e) {
            throw new ScenarioFileException(name, 0, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A scenario of the shipped catalog, a resource, named by its stem. */
    static FileScenario loadResource(String stem, String resource) {
        try (InputStream in = ScenarioFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource " + resource + " is missing from the build");
            }
            return compile(stem, "catalog/" + stem + ".scn", decode(resource, in.readAllBytes()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read catalog resource " + resource, e);
        }
    }

    /**
     * Parses and compiles text; file names it in messages, name is the scenario's name.
     *
     * @throws ScenarioFileException naming file:line:col
     */
    public static FileScenario compile(String name, String file, String text) {
        try {
            ScenarioFile parsed = ScenarioParser.parse(file, text);
            return new FileScenario(name, CompiledFile.compile(parsed));
        } catch (LitmusSyntaxException e) {
            throw new ScenarioFileException(e.file(), e.line(), e.column(), e.detail(), e);
        } catch (ScenarioFileException e) {
            throw e;
        } catch (BadFileException e) {
            // a header in rcutorture's form, read by the rcutorture configurations' parser
            throw new ScenarioFileException(e.file(), e.line(), e.col(), e.detail(), e);
        }
    }

    private static String decode(String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioFileException(file, 0, 0, "not a text file (not UTF-8); expected a scenario file in kernel C", e);
        }
    }
}
