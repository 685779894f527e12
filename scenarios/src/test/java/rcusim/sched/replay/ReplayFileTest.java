package rcusim.sched.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.rcu.RcuFault;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.builtin.RcuFaults;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

class ReplayFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scenario TORTURE = Catalog.builtin().find("torture").orElseThrow();

    @TempDir
    static Path dir;

    /** torture with an injected fault fails on seed 1; recorded once for every test. */
    private static ScenarioRun failing;
    private static ReplayFile recording;
    private static Path file;

    @BeforeAll
    static void record() throws IOException {
        failing = ScenarioRun.run(TORTURE.withInjection(RcuFaults.of(RcuFault.INIT_QSMASK_ZERO)), 1, false);
        recording = ReplayFile.of(failing, "random", 1);
        file = dir.resolve("torture.replay.json");
        recording.write(file);
    }

    @Test
    void aRecordingHoldsTheRunAndReadsBackEqual() {
        assertEquals(ReplayFile.FORMAT_VERSION, recording.version());
        assertEquals(BuildInfo.current().buildId(), recording.build());
        assertEquals("torture", recording.scenario());
        assertEquals("init-qsmask-zero", recording.injection());
        assertEquals(1, recording.seed());
        assertEquals("random", recording.strategy());
        assertEquals(Signature.of(failing.result().failure()), recording.signature());
        assertEquals(failing.result().failure().getMessage(), recording.failure());
        assertEquals(failing.result().decisions().size(), recording.decisions().count());
        assertEquals(failing.result().steps(), recording.decisions().steps());
        assertEquals(recording, ReplayFile.read(file, Catalog.builtin()));
    }

    @Test
    void aPassingRunHasNoFailure() throws IOException {
        ReplayFile passed = ReplayFile.of(ScenarioRun.run(Catalog.builtin().find("hotplug-storm").orElseThrow(), 3,
                false), "pct:3", 99);
        assertNull(passed.signature());
        assertNull(passed.failure());
        Path p = dir.resolve("passed.json");
        passed.write(p);
        assertEquals(passed, ReplayFile.read(p, Catalog.builtin()));
        assertEquals("pct:3", ReplayFile.read(p, Catalog.builtin()).strategy());
        assertEquals(99, ReplayFile.read(p, Catalog.builtin()).strategySeed());
    }

    @Test
    void theFileReadsAsDocumented() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        assertEquals("rcusim replay", root.get("format").asText());
        assertEquals(1, root.get("version").asInt());
        assertEquals(ScenarioHash.of(TORTURE.withInjection(RcuFaults.of(RcuFault.INIT_QSMASK_ZERO))), root.at("/scenario/hash").asText());
        assertEquals(recording.signature().toString(), root.at("/failure/signature").asText());
        assertEquals("int32be-zlib-base64", root.at("/decisions/encoding").asText());
        List<String> fields = new ArrayList<>();
        root.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("format", "version", "build", "scenario", "strategy", "failure", "decisions"), fields);
    }

    @Test
    void aTruncatedFileIsBadInputNamingTheFileAndThePlace() throws IOException {
        String text = Files.readString(file);
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, text.substring(0, text.length() / 2));
        BadFileException e = assertThrows(BadFileException.class, () -> ReplayFile.read(cut, Catalog.builtin()));
        assertEquals(cut.toString(), e.file());
        assertTrue(e.line() > 1, e.getMessage());
        assertTrue(e.detail().startsWith("the file ends in the middle of its JSON (truncated?)"), e.getMessage());
    }

    @Test
    void otherFilesAreNotReplayFiles() throws IOException {
        assertEquals("the file is empty; expected a replay file (JSON)", badText("").detail());
        assertTrue(badText("{\"a\": ").detail().startsWith("the file ends in the middle"), badText("{\"a\": ").detail());
        assertTrue(badText("C SB\n{ x=0; }").detail().startsWith("not valid JSON: "));
        assertEquals("not an rcusim replay file (no \"format\": \"rcusim replay\")", badText("{\"a\": 1}").detail());
        assertEquals("not an rcusim replay file (no \"format\": \"rcusim replay\")", badText("[1, 2]").detail());
        assertTrue(badText(Files.readString(file) + "{}").detail().startsWith("not valid JSON: "), "a second document");
        BadFileException missing = assertThrows(BadFileException.class, () -> ReplayFile.read(dir.resolve("nope.json"), Catalog.builtin()));
        assertEquals("no such file", missing.detail());
    }

    @Test
    void aNewerFormatVersionIsRefused() throws IOException {
        assertEquals("replay format version 2; this rcusim reads version 1 (the file comes from a newer rcusim)",
                badEdit(root -> root.put("version", 2)).detail());
        assertEquals("version: expected a whole number, found \"1\"", badEdit(root -> root.put("version", "1")).detail());
    }

    @Test
    void missingAndMistypedFieldsAreNamed() throws IOException {
        assertEquals("missing field scenario.seed", badEdit(root -> ((ObjectNode) root.get("scenario")).remove("seed")).detail());
        assertEquals("missing field decisions", badEdit(root -> root.remove("decisions")).detail());
        assertEquals("missing field failure", badEdit(root -> root.remove("failure")).detail());
        assertEquals("strategy.name: expected a string, found number",
                badEdit(root -> ((ObjectNode) root.get("strategy")).put("name", 3)).detail());
        assertEquals("failure.signature: not a failure signature (KIND: summary): 'oops'",
                badEdit(root -> ((ObjectNode) root.get("failure")).put("signature", "oops")).detail());
    }

    @Test
    void damagedDecisionsAreNamed() throws IOException {
        int count = recording.decisions().count();
        String other = PackedInts.encode(new int[count / 2]);
        assertEquals("decisions.chosen: holds " + count / 2 + " values, expected " + count,
                badEdit(root -> ((ObjectNode) root.get("decisions")).put("chosen", other)).detail());
        assertTrue(badEdit(root -> ((ObjectNode) root.get("decisions")).put("offered", "!!"))
                .detail().startsWith("decisions.offered: not base64"));
        int[] chosen = recording.decisions().chosen();
        int[] offered = recording.decisions().offered();
        chosen[7] = offered[7];
        String outOfRange = PackedInts.encode(chosen);
        assertEquals("decisions: decision 7 chose option " + offered[7] + " of " + offered[7]
                + ", which no run can do (damaged file?)",
                badEdit(root -> ((ObjectNode) root.get("decisions")).put("chosen", outOfRange)).detail());
    }

    @Test
    void anUnknownScenarioOrFaultIsRefused() throws IOException {
        assertTrue(badEdit(root -> ((ObjectNode) root.get("scenario")).put("name", "tree99")).detail()
                .startsWith("scenario tree99 is not in this build of rcusim (its scenarios: gp-2cpu, gp-2cpu-span, gp-3cpu, hotplug-storm, "));
        assertEquals("scenario torture has no fault named no-such-fault in this build of rcusim",
                badEdit(root -> ((ObjectNode) root.get("scenario")).put("injection", "no-such-fault")).detail());
    }

    /** The scenario's definition changed after the recording: its description, here. */
    @Test
    void aChangedScenarioIsRefusedWithBothHashes() {
        Scenario injected = TORTURE.withInjection(RcuFaults.of(RcuFault.INIT_QSMASK_ZERO));
        Scenario changed = new Redescribed(injected, injected.description() + ", now with a twist");
        BadFileException e = assertThrows(BadFileException.class,
                () -> ReplayFile.read(file, Catalog.of(changed)));
        assertEquals(file.toString(), e.file());
        assertEquals("scenario torture has changed since the recording (hash " + ScenarioHash.of(injected)
                + ", now " + ScenarioHash.of(changed) + "): its configuration is the same, so its description changed",
                e.detail());
    }

    /** Another configuration of the same scenario (RCU's, the workload's, the machine's) is named. */
    @Test
    void aChangedConfigurationIsRefusedNamingWhatChanged() {
        Scenario injected = TORTURE.withInjection(RcuFaults.of(RcuFault.INIT_QSMASK_ZERO));
        java.util.Map<String, Object> parts = new java.util.HashMap<>(injected.configuration());
        parts.put("rcu", ((rcusim.rcu.RcuConfig) parts.get("rcu")).withFanout(3, 3));
        parts.put("torture", ((rcusim.rcu.torture.TortureConfig) parts.get("torture")).withReaders(5));
        Scenario changed = new Reconfigured(injected, parts, injected.config());
        BadFileException e = assertThrows(BadFileException.class, () -> ReplayFile.read(file, Catalog.of(changed)));
        assertEquals("scenario torture has changed since the recording (hash " + ScenarioHash.of(injected) + ", now "
                + ScenarioHash.of(changed) + "): rcu.fanout: 2 when recorded, 3 now; rcu.fanoutLeaf: 2 when recorded,"
                + " 3 now; torture.readers: 3 when recorded, 5 now", e.detail());

        Scenario moreCpus = new Reconfigured(injected, injected.configuration(),
                new MachineConfig(8, injected.config().model(), injected.config().staleWindow(),
                        injected.config().stepLimit(), injected.config().kernel().withHz(250),
                        injected.config().vcpuFreezeEvery()));
        BadFileException m = assertThrows(BadFileException.class, () -> ReplayFile.read(file, Catalog.of(moreCpus)));
        assertTrue(m.detail().endsWith("): machine.cpus: 4 when recorded, 8 now; machine.kernel.hz: 1000 when"
                + " recorded, 250 now"), m.detail());
    }

    /** The file keeps the configuration it was recorded with, flattened to dotted keys. */
    @Test
    void theFileKeepsTheConfiguration() throws IOException {
        JsonNode c = JSON.readTree(file.toFile()).at("/scenario/configuration");
        assertEquals("4", c.get("machine.cpus").asText());
        assertEquals("2", c.get("rcu.fanout").asText());
        assertEquals("[1, 2, 3]", c.get("torture.onoffCpus").asText());
        assertEquals("init-qsmask-zero", c.get("rcu.mutation").asText());
    }

    @Test
    void theHashSeesEveryPartOfTheDefinition() {
        String base = ScenarioHash.of(TORTURE);
        assertEquals(base, ScenarioHash.of(Catalog.builtin().find("torture").orElseThrow()), "stable");
        assertTrue(base.matches("[0-9a-f]{16}"), base);
        assertTrue(!base.equals(ScenarioHash.of(TORTURE.withInjection(RcuFaults.of(RcuFault.INIT_QSMASK_ZERO)))));
        assertTrue(!base.equals(ScenarioHash.of(new Redescribed(TORTURE, TORTURE.description() + "."))));
        assertTrue(!base.equals(ScenarioHash.of(Catalog.builtin().find("tree02").orElseThrow())));
    }

    private static BadFileException badText(String text) throws IOException {
        Path p = Files.writeString(dir.resolve("bad.json"), text);
        BadFileException e = assertThrows(BadFileException.class, () -> ReplayFile.read(p, Catalog.builtin()));
        assertEquals(p.toString(), e.file());
        return e;
    }

    private static BadFileException badEdit(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        return badText(JSON.writeValueAsString(root));
    }

    /** A scenario with another configuration, as a later edit of its definition would give. */
    record Reconfigured(Scenario base, java.util.Map<String, Object> configuration, MachineConfig config)
            implements Scenario {
        @Override
        public String name() {
            return base.name();
        }

        @Override
        public String description() {
            return base.description();
        }

        @Override
        public void load(Simulation m, long seed) {
            base.load(m, seed);
        }

        @Override
        public Fault injection() {
            return base.injection();
        }

        @Override
        public List<Fault> injections() {
            return base.injections();
        }

        @Override
        public Scenario withInjection(Fault fault) {
            return this;
        }
    }

    /** A scenario whose description changed, as a later edit of its definition would. */
    record Redescribed(Scenario base, String description) implements Scenario {
        @Override
        public java.util.Map<String, Object> configuration() {
            return base.configuration();
        }

        @Override
        public String name() {
            return base.name();
        }

        @Override
        public MachineConfig config() {
            return base.config();
        }

        @Override
        public void load(Simulation m, long seed) {
            base.load(m, seed);
        }

        @Override
        public List<Fault> injections() {
            return base.injections();
        }

        @Override
        public Scenario withInjection(Fault fault) {
            return new Redescribed(base.withInjection(fault), description);
        }

        @Override
        public Fault injection() {
            return base.injection();
        }
    }
}
