package rcusim.sched.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * A schedule read from its own file ({@code --schedule FILE}) and the runs that follow it.
 *
 * @param text the file's name and text, as a replay file keeps them
 * @param schedule the parsed schedule
 */
public record ScheduleFile(ReplayFile.ScheduleText text, Schedule schedule) {
    /**
     * @throws ScheduleException when the file cannot be read or parsed (file:line:col)
     */
    public static ScheduleFile read(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScheduleException(file.toString(), 0, 0, "cannot read the schedule: " + e.getMessage());
        }
        return of(new ReplayFile.ScheduleText(file.toString(), 1, content));
    }

    /** A schedule given as text (a replay file's, or a scenario file's block). */
    public static ScheduleFile of(ReplayFile.ScheduleText text) {
        return new ScheduleFile(text, ScheduleParser.parse(text.text(), text.file(), text.firstLine()));
    }

    /**
     * One run of the scenario following the schedule, then its tail strategy seeded with seed
     * (also the scenario's own seed). Traced when tracing is asked or a step waits for a trace event.
     *
     * @throws ScheduleStuckException when a step cannot be taken, or the run passed before the
     *     schedule was done
     */
    public ScenarioRun run(Scenario scenario, long seed, boolean tracing) {
        ScheduleDecider d = new ScheduleDecider(schedule, seed);
        ScenarioRun r;
        try {
            r = ScenarioRun.run(scenario, seed, d, tracing || schedule.needsTracing());
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ScheduleStuckException stuck) {
                    throw stuck;
                }
            }
            throw e;
        }
        d.checkFinished(r.result());
        return r;
    }
}
