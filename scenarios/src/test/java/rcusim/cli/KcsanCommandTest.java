package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --kcsan on run, explore and replay: races are findings with a replay that reproduces them. */
class KcsanCommandTest {
    @Test
    void aRaceIsAFindingWithItsReproduceCommand() {
        Outcome clean = Outcome.rcusim("run", "race-plain-rw");
        assertEquals(ExitCodes.PASS, clean.code(), clean.out() + clean.err());
        Outcome o = Outcome.rcusim("run", "race-plain-rw", "--inject", "plain-rw");
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("DATA_RACE: BUG: KCSAN: data-race in plainRw / plainRw"), o.out());
        assertTrue(o.out().contains("value changed: 0x0 -> 0x1"), o.out());
        assertTrue(o.out().contains("reproduce: ./rcusim run race-plain-rw --seed 1 --inject plain-rw"), o.out());
    }

    @Test
    void theDetectorIsOffUnlessAskedForAndTheReplayFileCarriesIt(@TempDir Path dir) throws Exception {
        // publish-subscribe.scn's plain accesses are ordered (rcu_assign_pointer/rcu_dereference,
        // synchronize_rcu); hotplug-storm's are marked: off or on, they pass
        Outcome off = Outcome.rcusim("run", "hotplug-storm");
        assertEquals(ExitCodes.PASS, off.code(), off.out() + off.err());
        assertTrue(!off.out().contains("data-race detector on"), off.out());
        Outcome clean = Outcome.rcusim("run", "publish-subscribe", "--kcsan", "--runs", "3");
        assertEquals(ExitCodes.PASS, clean.code(), clean.out() + clean.err());
        Path replay = dir.resolve("race.json");
        Outcome race = Outcome.rcusim("run", "race-lock-one-side", "--inject", "lock-one-side", "--kcsan=value-change-only", "--seed", "3",
                "--replay-out", replay.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, race.code(), race.out() + race.err());
        assertTrue(race.out().contains("--kcsan=value-change-only"), race.out());
        String file = Files.readString(replay);
        assertTrue(file.contains("\"options\" : \"--kcsan=value-change-only\""), file);
        Outcome again = Outcome.rcusim("replay", replay.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("BUG: KCSAN: data-race in increment / increment"), again.out());
    }

    @Test
    void exploreWithTheDetectorCountsEachPairOfSitesOnce() {
        Outcome o = Outcome.rcusim("explore", "race-plain-counter", "--inject", "plain-counter", "--runs", "10");
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("(1 unique)"), o.out());
        assertTrue(o.out().contains("FAILURE DATA_RACE: BUG: KCSAN: data-race in increment / increment"), o.out());
    }

    @Test
    void anUnknownKcsanOptionIsAUsageErrorNamingIt() {
        Outcome o = Outcome.rcusim("run", "race-plain-rw", "--kcsan=report-everything");
        assertEquals(ExitCodes.USAGE, o.code(), o.out() + o.err()); // as every bad option value
        assertTrue(o.err().contains("unknown KCSAN option 'report-everything'"), o.err());
        assertTrue(o.out().isEmpty(), o.out());
    }
}
