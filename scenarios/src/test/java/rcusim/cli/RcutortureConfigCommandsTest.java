package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rcutorture configurations on the command line: run, explore, list, and bad input (exit 3, nothing run). */
class RcutortureConfigCommandsTest {
    @TempDir
    Path dir;

    @Test
    void runACatalogConfigurationWithItsWarnings() {
        Outcome o = Outcome.rcusim("run", "rcutorture/TREE04");
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith("rcusim run rcutorture/TREE04: rcutorture TREE04: non-preemptible Tree RCU"), o.out());
        assertTrue(o.out().contains("8 CPUs, memory model weak, HZ 1000, preemption none"), o.out());
        assertTrue(o.err().contains("rcusim: warning: catalog/rcutorture/TREE04.boot:1: rcutorture.torture_type=rcu_bh:"),
                o.err());
    }

    @Test
    void exploreAConfigurationFileByPath() throws Exception {
        Files.writeString(dir.resolve("SMALL"), "CONFIG_NR_CPUS=3\nCONFIG_PREEMPT=y\nCONFIG_RCU_FANOUT_LEAF=2\n");
        Files.writeString(dir.resolve("SMALL.boot"), "rcutorture.nreaders=2\n");
        Outcome o = Outcome.rcusim("explore", dir.resolve("SMALL").toString(), "--runs", "2", "--jobs", "1");
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("2 runs: 2 passed, 0 failed"), o.out());
    }

    @Test
    void aRefusedConfigurationIsExit3NamingTheOptionAndRunsNothing() throws Exception {
        Path f = dir.resolve("BOOSTED");
        Files.writeString(f, "CONFIG_NR_CPUS=4\nCONFIG_PREEMPT=y\nCONFIG_RCU_BOOST=y\n");
        Outcome o = Outcome.rcusim("run", f.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().startsWith(f + ":3:1: CONFIG_RCU_BOOST=y: RCU priority boosting"), o.err());
        assertEquals("", o.out());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void aMalformedLineIsExit3AtItsLineAndColumn() throws Exception {
        Path f = dir.resolve("BROKEN");
        Files.writeString(f, "CONFIG_NR_CPUS=4\nCONFIG_PREEMPT y\n");
        Outcome o = Outcome.rcusim("explore", f.toString(), "--runs", "1");
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().startsWith(f + ":2:1: expected CONFIG_NAME=VALUE"), o.err());
        assertEquals("", o.out());
    }

    @Test
    void listShowsTheCatalogWithWhatIsRefused() {
        Outcome o = Outcome.rcusim("list");
        assertEquals(ExitCodes.PASS, o.code(), o.err());
        assertTrue(o.out().contains("rcutorture configurations (catalog/rcutorture"), o.out());
        assertTrue(o.out().matches("(?s).*\n  rcutorture/TREE08 +16 CPUs  rcutorture TREE08: preemptible Tree RCU.*"), o.out());
        assertTrue(o.out().contains("refused  (options rcusim lacks: CONFIG_RCU_BOOST=y, CONFIG_RCU_KTHREAD_PRIO=2,"
                + " rcutree.kthread_prio=2)"), o.out());
    }
}
