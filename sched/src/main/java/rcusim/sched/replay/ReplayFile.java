package rcusim.sched.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SortedMap;
import rcusim.machine.RunResult;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.KcsanScenario;
import rcusim.sched.scenario.MemoryModelScenario;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioCatalog;
import rcusim.sched.scenario.ScenarioRun;

/**
 * A recorded run, as saved to and read from a replay file (JSON; the layout is in
 * {@link ReplayFileWriter}). It names the run ({@code scenario}, its {@code injection} and run
 * {@code seed}) and holds every decision taken, so that the run can be repeated exactly and
 * checked at every decision; the rest says where it came from and what it found.
 *
 * @param version the file format's version, {@link #FORMAT_VERSION} when written by this build
 * @param build the {@link BuildInfo#buildId()} of the build that recorded it
 * @param scenario the scenario's name in the catalog
 * @param scenarioHash {@link ScenarioHash} of the scenario (injection included) when recorded
 * @param injection the injected fault, or null
 * @param seed the run's seed, which the scenario's own pseudo-random choices come from
 * @param strategy the strategy that made the decisions, e.g. {@code random} or {@code pct:3}
 * @param strategySeed that strategy's seed
 * @param signature the failure's signature, or null when the run passed
 * @param failure the failure's full message, or null when the run passed
 * @param decisions every decision of the run
 * @param options the scenario's configuration options ({@link ConfigOverrides#commandLine()}),
 *     or null when it ran as defined
 * @param configuration the scenario's configuration when recorded ({@link ScenarioHash#configuration}),
 *     so that a changed scenario is refused naming what changed; null in files without it
 * @param schedule the schedule the run followed ({@code rcusim run --schedule}), or null: a
 *     replay runs it again, as it raised interrupts that are not decisions
 */
public record ReplayFile(int version, String build, String scenario, String scenarioHash, String injection,
        long seed, String strategy, long strategySeed, Signature signature, String failure,
        RecordedDecisions decisions, String options, SortedMap<String, String> configuration,
        ScheduleText schedule) {
    public static final int FORMAT_VERSION = 1;

    /**
     * A schedule as its file gave it: the name messages use, the file's line of the text's
     * first line, and the text.
     */
    public record ScheduleText(String file, int firstLine, String text) {
        public ScheduleText {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(text, "text");
        }
    }

    /** A recording without a schedule. */
    public ReplayFile(int version, String build, String scenario, String scenarioHash, String injection,
            long seed, String strategy, long strategySeed, Signature signature, String failure,
            RecordedDecisions decisions, String options, SortedMap<String, String> configuration) {
        this(version, build, scenario, scenarioHash, injection, seed, strategy, strategySeed, signature, failure,
                decisions, options, configuration, null);
    }

    public ReplayFile {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(scenarioHash, "scenarioHash");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(decisions, "decisions");
        if ((signature == null) != (failure == null)) {
            throw new IllegalArgumentException("a failure needs both its signature and its message");
        }
    }

    /** A recording of a scenario run as defined (no configuration options). */
    public ReplayFile(int version, String build, String scenario, String scenarioHash, String injection,
            long seed, String strategy, long strategySeed, Signature signature, String failure,
            RecordedDecisions decisions) {
        this(version, build, scenario, scenarioHash, injection, seed, strategy, strategySeed, signature, failure,
                decisions, null, null);
    }

    /** The recording of a run that was made by the given strategy. */
    public static ReplayFile of(ScenarioRun run, String strategy, long strategySeed) {
        return of(run, strategy, strategySeed, null);
    }

    /** The recording of a run that followed a schedule (null: none) and then the given strategy. */
    public static ReplayFile of(ScenarioRun run, String strategy, long strategySeed, ScheduleText schedule) {
        Scenario s = run.scenario();
        RunResult r = run.result();
        return new ReplayFile(FORMAT_VERSION, BuildInfo.current().buildId(), s.name(), ScenarioHash.of(s),
                s.injection() == null ? null : s.injection().name(), run.seed(), strategy, strategySeed,
                r.passed() ? null : Signature.of(r.failure()),
                r.passed() ? null : Objects.requireNonNullElse(r.failure().getMessage(), ""),
                RecordedDecisions.of(r.decisions()), s.optionsText().isEmpty() ? null : s.optionsText(),
                ScenarioHash.configuration(s), schedule);
    }

    /** The same recording with other decisions: an edited (shrunk, or for tests tampered) stream. */
    public ReplayFile withDecisions(RecordedDecisions d) {
        return new ReplayFile(version, build, scenario, scenarioHash, injection, seed, strategy, strategySeed,
                signature, failure, d, options, configuration, schedule);
    }

    public boolean failed() {
        return signature != null;
    }

    /** Writes this recording to file, replacing what is there. */
    public void write(Path file) throws IOException {
        ReplayFileWriter.write(this, file);
    }

    /**
     * Reads a recording and checks that it can be replayed here: a readable, complete file of a
     * format version this build reads, of a scenario the catalog has, unchanged since.
     *
     * @throws BadFileException naming the file and what is wrong with it
     */
    public static ReplayFile read(Path file, ScenarioCatalog catalog) {
        ReplayFile f = new ReplayFileReader(file).read();
        try {
            f.scenarioIn(catalog);
        } catch (BadFileException e) {
            throw new BadFileException(file.toString(), 0, 0, e.detail(), e);
        }
        return f;
    }

    /**
     * The recorded scenario as the catalog defines it now, with the recorded fault injected.
     *
     * @throws BadFileException (naming no file) when the catalog lacks the scenario or the
     *     fault, or the scenario's definition has changed since the recording
     */
    public Scenario scenarioIn(ScenarioCatalog catalog) {
        Scenario s = catalog.find(scenario).orElseThrow(() -> new BadFileException(null,
                "scenario " + scenario + " is not in this build of rcusim (its scenarios: "
                        + String.join(", ", catalog.names()) + ")"));
        if (injection != null) {
            s = s.withInjection(s.injectable(injection).orElseThrow(() -> new BadFileException(null,
                    "scenario " + scenario + " has no fault named " + injection + " in this build of rcusim")));
        }
        if (options != null) {
            try {
                MemoryModelScenario.Split memory = MemoryModelScenario.split(options);
                KcsanScenario.Split split = KcsanScenario.split(memory.rest());
                if (!split.rest().isBlank()) {
                    s = s.withOverrides(ConfigOverrides.parse(split.rest()));
                }
                if (memory.model() != null) {
                    s = MemoryModelScenario.of(s, memory.model());
                }
                if (split.kcsan() != null) {
                    s = KcsanScenario.of(s, split.kcsan());
                }
            } catch (IllegalArgumentException e) {
                throw new BadFileException(null, "scenario " + scenario + " with " + options + ": " + e.getMessage());
            }
        }
        String now = ScenarioHash.of(s);
        // The hash covers the configuration of the scenario as defined now, not the copy in the
        // file: a key edited in the file (hash untouched) matched the hash and was ignored. The
        // file's configuration is what the recording claims, so it must match too.
        if (now.equals(scenarioHash) && configuration != null) {
            String diff = ScenarioHash.differences(configuration, ScenarioHash.configuration(s), 6);
            if (!diff.isEmpty()) {
                throw new BadFileException(null, "scenario.configuration does not match scenario " + scenario
                        + " (hash " + scenarioHash + "): " + diff + " (was the file edited?)");
            }
        }
        if (!now.equals(scenarioHash)) {
            String what = "";
            if (configuration != null) {
                String diff = ScenarioHash.differences(configuration, ScenarioHash.configuration(s), 6);
                what = diff.isEmpty() ? ": its configuration is the same, so its description changed" : ": " + diff;
            }
            throw new BadFileException(null, "scenario " + scenario + " has changed since the recording (hash "
                    + scenarioHash + ", now " + now + ")" + what);
        }
        return s;
    }
}
