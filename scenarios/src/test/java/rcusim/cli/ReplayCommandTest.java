package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rcusim.rcu.RcuFault;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.builtin.RcuFaults;
import rcusim.sched.replay.BuildInfo;
import rcusim.sched.replay.RecordedDecisions;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.replay.ReplayOutcome;
import rcusim.sched.replay.Replayer;
import rcusim.sched.replay.Signature;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

class ReplayCommandTest {
    private static final Pattern DIVERGED = Pattern.compile("replay diverged at decision (\\d+): ");

    @TempDir
    static Path dir;

    /** torture with an injected fault, seed 1: a WARN after about 3000 decisions. */
    private static Scenario scenario;
    private static ScenarioRun failing;
    private static ReplayFile recording;
    private static Path file;


    @BeforeAll
    static void record() throws IOException {
        scenario = Catalog.builtin().find("torture").orElseThrow().withInjection(RcuFaults.of(RcuFault.INIT_QSMASK_ZERO));
        failing = ScenarioRun.run(scenario, 1, false);
        recording = ReplayFile.of(failing, "random", 1);
        file = dir.resolve("torture.replay.json");
        recording.write(file);
    }


    /** {@code rcusim replay ...} over the test catalog (args start after "replay"). */
    private static Outcome replayTestCatalog(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        CommandLine replay = new CommandLine(new ReplayCommand(TestScenarios.CATALOG));
        replay.setOut(cl.getOut());
        replay.setErr(cl.getErr());
        replay.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
        int code = Main.execute(replay, args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Path write(String name, ReplayFile f) throws IOException {
        Path p = dir.resolve(name);
        f.write(p);
        return p;
    }

    /** The recording with one decision's arrays edited. */
    private static ReplayFile edited(int index, int offered, int chosen, int fingerprint) {
        RecordedDecisions d = recording.decisions();
        int[] o = d.offered();
        int[] c = d.chosen();
        int[] f = d.fingerprints();
        o[index] = offered;
        c[index] = chosen;
        f[index] = fingerprint;
        return recording.withDecisions(new RecordedDecisions(o, c, f, d.steps()));
    }

    private static int divergedAt(Outcome o) {
        Matcher m = DIVERGED.matcher(o.err());
        assertTrue(m.find(), o.err());
        return Integer.parseInt(m.group(1));
    }

    @Test
    void replayReproducesTheRecordedFailure() {
        Outcome o = Outcome.rcusim("replay", file.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith("rcusim replay " + file + "\n  scenario   torture: preemptible Tree RCU"), o.out());
        assertTrue(o.out().contains("\n  run        seed 1, injected fault init-qsmask-zero\n"), o.out());
        assertTrue(o.out().contains("\n  strategy   random, seed 1\n"), o.out());
        assertTrue(o.out().contains("\n  decisions  " + recording.decisions().count() + " (" + failing.result().steps()
                + " steps)\n"), o.out());
        assertTrue(o.out().contains("\n  build      " + BuildInfo.current().buildId() + " (this build)\n"), o.out());
        assertTrue(o.out().contains("\n" + failing.result().describe()), o.out());
        assertTrue(o.out().endsWith("\nreproduced: the same failure, " + Signature.of(failing.result().failure()) + "\n"),
                o.out());
        assertEquals("", o.err());
    }

    /**
     * A changed choice is caught where the run starts to offer other options than recorded,
     * usually at the next decision. (A choice between steps that commute can also lead to the
     * same options all the way and the same failure: that replays, it does not diverge.)
     */
    @Test
    void aChangedChoiceDivergesWhereTheRunStartsToDiffer() throws IOException {
        RecordedDecisions d = recording.decisions();
        int i = 1000;
        ReplayFile changed;
        while (true) {
            changed = edited(i, d.offered()[i], (d.chosen()[i] + 1) % d.offered()[i], d.fingerprints()[i]);
            if (Replayer.replay(changed, scenario, false).verdict() == ReplayOutcome.Verdict.DIVERGED) {
                break;
            }
            i++;
            assertTrue(i < 1100, "no changed choice in decisions 1000-1099 changes the run");
        }
        Path p = write("chosen.json", changed);
        Outcome o = Outcome.rcusim("replay", p.toString());
        assertEquals(ExitCodes.REPLAY_DIVERGED, o.code(), o.out() + o.err());
        assertTrue(divergedAt(o) > i, o.err());
        assertTrue(o.err().startsWith("rcusim replay: " + p + ": replay diverged at decision "), o.err());
        assertTrue(o.out().contains("\nnot reproduced: replay diverged at decision "), o.out());
    }

    @Test
    void aTamperedFingerprintDivergesAtThatDecision() throws IOException {
        int i = 1234;
        RecordedDecisions d = recording.decisions();
        Path p = write("fingerprint.json", edited(i, d.offered()[i], d.chosen()[i], d.fingerprints()[i] ^ 1));
        Outcome o = Outcome.rcusim("replay", p.toString());
        assertEquals(ExitCodes.REPLAY_DIVERGED, o.code(), o.out() + o.err());
        assertEquals(i, divergedAt(o));
        assertTrue(o.err().contains("are not the ones recorded"), o.err());
    }

    @Test
    void aChangedOptionCountDivergesAtThatDecision() throws IOException {
        int i = 77;
        RecordedDecisions d = recording.decisions();
        Path p = write("offered.json", edited(i, d.offered()[i] + 1, d.chosen()[i], d.fingerprints()[i]));
        Outcome o = Outcome.rcusim("replay", p.toString());
        assertEquals(ExitCodes.REPLAY_DIVERGED, o.code());
        assertEquals(i, divergedAt(o));
        assertTrue(o.err().contains("recorded " + (d.offered()[i] + 1) + " options, now " + d.offered()[i]
                + " are offered"), o.err());
    }

    @Test
    void aShortenedRecordingDivergesWhereItEnds() throws IOException {
        RecordedDecisions d = recording.decisions();
        int n = d.count() - 10;
        Path p = write("short.json", recording.withDecisions(new RecordedDecisions(Arrays.copyOf(d.offered(), n),
                Arrays.copyOf(d.chosen(), n), Arrays.copyOf(d.fingerprints(), n), d.steps())));
        Outcome o = Outcome.rcusim("replay", p.toString());
        assertEquals(ExitCodes.REPLAY_DIVERGED, o.code());
        assertEquals(n, divergedAt(o));
        assertTrue(o.err().contains("the run asks for more decisions than the " + n + " recorded"), o.err());
    }

    @Test
    void anotherFailureSignatureIsADivergence() throws IOException {
        ReplayFile other = new ReplayFile(recording.version(), recording.build(), recording.scenario(),
                recording.scenarioHash(), recording.injection(), recording.seed(), recording.strategy(),
                recording.strategySeed(), new Signature(rcusim.machine.SimFailure.Kind.BUG, "something else"), "something else",
                recording.decisions(), recording.options(), recording.configuration());
        Outcome o = Outcome.rcusim("replay", write("signature.json", other).toString());
        assertEquals(ExitCodes.REPLAY_DIVERGED, o.code());
        assertEquals(failing.result().decisionIndex(), divergedAt(o));
        assertTrue(o.err().contains("the recording failed with BUG: something else; the replay failed with "
                + recording.signature()), o.err());
        assertTrue(o.out().contains("\n" + failing.result().describe()), "the replay's report is shown: " + o.out());
    }

    @Test
    void aPassingRecordingPassesAgain() throws IOException {
        Scenario quiet = TestScenarios.CATALOG.find("quiet").orElseThrow();
        Path p = write("quiet.json", ReplayFile.of(ScenarioRun.run(quiet, 4, false), "random", 4));
        Outcome o = replayTestCatalog(p.toString());
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("\n  recorded   passed\n"), o.out());
        assertTrue(o.out().endsWith("\nreproduced: passed, as recorded\n"), o.out());
    }

    @Test
    void aTruncatedFileIsBadInput() throws IOException {
        String text = Files.readString(file);
        Path p = dir.resolve("truncated.json");
        Files.writeString(p, text.substring(0, text.length() - 40));
        Outcome o = Outcome.rcusim("replay", p.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().matches("(?s)\\Q" + p + "\\E:\\d+:\\d+: the file ends in the middle of its JSON \\(truncated\\?\\): .*"),
                o.err());
        assertEquals("", o.out());
    }

    @Test
    void aChangedScenarioIsBadInput() throws IOException {
        String text = Files.readString(file).replace(recording.scenarioHash(), "0123456789abcdef");
        Path p = Files.writeString(dir.resolve("hash.json"), text);
        Outcome o = Outcome.rcusim("replay", p.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertEquals(p + ": scenario torture has changed since the recording (hash 0123456789abcdef, now "
                + recording.scenarioHash() + "): its configuration is the same, so its description changed\n", o.err());
    }

    /** A recording of another version of the scenario (here: another RCU fanout) is refused naming the change. */
    @Test
    void aFileFromAnotherScenarioConfigurationIsBadInputNamingTheChange() throws IOException {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode scenarioNode =
                (com.fasterxml.jackson.databind.node.ObjectNode) root.get("scenario");
        scenarioNode.put("hash", "0123456789abcdef");
        ((com.fasterxml.jackson.databind.node.ObjectNode) scenarioNode.get("configuration")).put("rcu.fanout", "3")
                .put("torture.updates", "20");
        Path p = dir.resolve("other-version.json");
        json.writeValue(p.toFile(), root);
        for (String command : new String[] {"replay", "shrink"}) {
            Outcome o = Outcome.rcusim(command, p.toString());
            assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
            assertEquals(p + ": scenario torture has changed since the recording (hash 0123456789abcdef, now "
                    + recording.scenarioHash() + "): rcu.fanout: 3 when recorded, 2 now; torture.updates: 20 when"
                    + " recorded, 12 now\n", o.err());
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) scenarioNode.get("configuration")).put("rcu.fanout", 3);
        json.writeValue(p.toFile(), root);
        Outcome damaged = Outcome.rcusim("replay", p.toString());
        assertEquals(ExitCodes.BAD_INPUT, damaged.code());
        assertEquals(p + ": scenario.configuration.rcu.fanout: expected a string, found number\n", damaged.err());
    }

    @Test
    void shrinkNeedsAtLeastOneRun() {
        Outcome o = Outcome.rcusim("shrink", file.toString(), "--max-runs", "0");
        assertEquals(ExitCodes.USAGE, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("--max-runs must be at least 1"), o.err());
    }

    @Test
    void aMissingFileIsBadInput() {
        Outcome o = Outcome.rcusim("replay", dir.resolve("none.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code());
        assertEquals(dir.resolve("none.json") + ": no such file\n", o.err());
    }

    @Test
    void aFileIsRequired() {
        Outcome o = Outcome.rcusim("replay");
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.err().contains("Missing required parameter: 'FILE'"), o.err());
    }

    @Test
    void replayIsASubcommand() {
        Outcome o = Outcome.rcusim("--help");
        assertTrue(o.out().contains("  replay "), o.out());
    }

    @Test
    void tracesOfTheReplayAreWritten() throws IOException {
        Path trace = dir.resolve("r.trace");
        Path ftrace = dir.resolve("r.ftrace");
        Path perfetto = dir.resolve("r.perfetto.json");
        Outcome o = Outcome.rcusim("replay", file.toString(), "--trace", trace.toString(), "--ftrace", ftrace.toString(),
                "--perfetto", perfetto.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(Files.readString(trace).startsWith("# ./rcusim replay " + file + "\n# FAILED at decision "));
        assertTrue(Files.readString(ftrace).startsWith("# tracer: nop\n"));
        assertTrue(Files.readString(ftrace).contains(": sched_switch: "));

        JsonNode events = new ObjectMapper().readTree(perfetto.toFile()).get("traceEvents");
        assertTrue(events.isArray() && events.size() > 10, "events: " + events.size());
        Set<Integer> cpusWithSlices = new TreeSet<>();
        for (JsonNode e : events) {
            if (e.get("ph").asText().equals("X") && e.get("pid").asInt() == 1) {
                cpusWithSlices.add(e.get("tid").asInt());
            }
        }
        assertTrue(cpusWithSlices.size() >= 3, "slices on CPUs " + cpusWithSlices);
    }

    /** A divergence still writes the traces, up to the decision that diverged. */
    @Test
    void aDivergedReplayStillWritesItsTraceSoFar() throws IOException {
        int i = 500;
        RecordedDecisions d = recording.decisions();
        Path p = write("diverged-trace.json", edited(i, d.offered()[i], d.chosen()[i], ~d.fingerprints()[i]));
        Path trace = dir.resolve("diverged.trace");
        Outcome o = Outcome.rcusim("replay", p.toString(), "--trace", trace.toString());
        assertEquals(ExitCodes.REPLAY_DIVERGED, o.code());
        String text = Files.readString(trace);
        assertTrue(text.startsWith("# ./rcusim replay " + p + "\n# replay diverged at decision 500: "), text);
        assertTrue(text.lines().count() > 100, "the trace up to the divergence");
    }

    @Test
    void anUnwritableOutputIsAUsageErrorBeforeTheRun() {
        Outcome o = Outcome.rcusim("replay", file.toString(), "--perfetto", dir.resolve("no/such/dir/p.json").toString());
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.err().contains("--perfetto: cannot write "), o.err());
        assertEquals("", o.out());
    }
}
