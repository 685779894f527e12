package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --memory-model on run and explore: the scenario runs on that model, and replay files carry it. */
class MemoryModelCommandTest {
    @Test
    void aScenarioRunsOnTheModelAskedForAndItsReplayFileCarriesIt(@TempDir Path dir) throws Exception {
        Outcome weak = Outcome.rcusim("run", "race-plain-rw");
        assertTrue(weak.out().contains("memory model weak"), weak.out());
        Path replay = dir.resolve("race.json");
        Outcome o = Outcome.rcusim("run", "race-plain-rw", "--inject", "plain-rw", "--memory-model", "power",
                "--replay-out", replay.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("memory model power"), o.out());
        assertTrue(o.out().contains("reproduce: ./rcusim run race-plain-rw --seed 1 --inject plain-rw --memory-model power"),
                o.out());
        String file = Files.readString(replay);
        assertTrue(file.contains("\"options\" : \"--memory-model power\""), file);
        assertTrue(file.contains("\"memory_model\" : \"power\""), file);
        Outcome again = Outcome.rcusim("replay", replay.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("BUG: KCSAN: data-race"), again.out());
    }

    @Test
    void exploreRunsTortureOnThePowerModel() {
        Outcome o = Outcome.rcusim("explore", "torture", "--runs", "2", "--memory-model", "power");
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("memory model power"), o.out());
        assertTrue(o.out().contains("2 runs: 2 passed"), o.out());
    }

    @Test
    void anUnknownModelIsAUsageErrorNamingTheOption() {
        Outcome o = Outcome.rcusim("run", "race-plain-rw", "--memory-model", "alpha");
        assertEquals(ExitCodes.USAGE, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("--memory-model: unknown memory model 'alpha' (expected sc, tso, weak or power)"),
                o.err());
    }

    @Test
    void aScenarioFileChoosesItsModelInItsMachineBlock() {
        Outcome o = Outcome.rcusim("run", "publish-subscribe", "--memory-model", "power");
        assertEquals(ExitCodes.USAGE, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("memory_model"), o.err());
    }
}
