package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/: the Kubernetes Jobs' arguments are command lines the CLI takes, the shards and the
 * merge agree on the count, and the Slurm scripts are valid bash. (The Slurm route itself runs
 * in deploy/slurm/run-local.sh, which needs root and Slurm's daemons.)
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode job(String file) throws Exception {
        Path p = DEPLOY.resolve("kubernetes").resolve(file);
        assumeTrue(Files.isRegularFile(p), "runs in the source tree");
        return YAML.readTree(p.toFile());
    }

    private static List<String> args(JsonNode job, String index) {
        List<String> args = new ArrayList<>();
        job.at("/spec/template/spec/containers/0/args")
                .forEach(a -> args.add(a.asText().replace("$(JOB_COMPLETION_INDEX)", index)));
        return args;
    }

    /** Parses without running: a wrong option or value throws. */
    private static void assertParses(List<String> args) {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        cl.parseArgs(args.toArray(String[]::new));
    }

    @Test
    void theIndexedJobRunsOneShardPerIndexAndTheMergeTakesThemAll() throws Exception {
        JsonNode explore = job("explore-job.yaml");
        assertEquals("Indexed", explore.at("/spec/completionMode").asText());
        int completions = explore.at("/spec/completions").asInt();
        List<String> shard = args(explore, "3");
        assertParses(shard);
        assertEquals("3/" + completions, shard.get(shard.indexOf("--shard") + 1));
        assertEquals("0", shard.get(shard.indexOf("--failures-exit") + 1));

        List<String> merge = args(job("merge-job.yaml"), "unused");
        assertParses(merge);
        for (int i = 0; i < completions; i++) {
            assertTrue(merge.contains("/results/shard-" + i), "merge lacks shard " + i + ": " + merge);
        }
        assertEquals(completions, merge.stream().filter(a -> a.startsWith("/results/shard-")).count());
    }

    @Test
    void theSlurmScriptsAreValidBash() throws Exception {
        for (String s : List.of("explore-array.sbatch", "merge.sbatch", "run-local.sh")) {
            Path script = DEPLOY.resolve("slurm").resolve(s);
            assumeTrue(Files.isRegularFile(script), "runs in the source tree");
            Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), s + ": " + out);
        }
    }
}
