package rcusim.scenarios.kconfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.machine.Preemption;
import rcusim.sched.scenario.Scenario;
import rcusim.sched.scenario.ScenarioRun;

/**
 * Each rcutorture configuration of catalog/rcutorture (the kernel's files): the ones rcusim
 * runs, with what they run as, and one seed of each passing; the ones it refuses, with the
 * options named.
 */
class RcutortureCatalogTest {
    @TempDir
    Path dir;

    private static RcutortureConfig config(String name) {
        return RcutortureCatalog.config("rcutorture/" + name).orElseThrow();
    }

    private static List<String> refusedOptions(String name) {
        return assertThrows(RefusedConfigException.class, () -> config(name)).options();
    }

    private static boolean warns(RcutortureConfig c, String text) {
        return c.warnings().stream().anyMatch(w -> w.contains(text));
    }

    /** One run of the scenario as given passes (the torture checker's failures would fail it). */
    private static void runsAndPasses(RcutortureConfig c) {
        Scenario s = c.scenario();
        ScenarioRun r = ScenarioRun.run(s, 1, false);
        assertTrue(r.passed(), c.name() + ": " + r.result());
    }

    @Test
    void theCatalogListsEveryFile() {
        assertEquals(List.of("rcutorture/TREE01", "rcutorture/TREE02", "rcutorture/TREE03", "rcutorture/TREE04",
                "rcutorture/TREE05", "rcutorture/TREE06", "rcutorture/TREE07", "rcutorture/TREE08", "rcutorture/SRCU-N",
                "rcutorture/TASKS01"), RcutortureCatalog.names());
    }

    @Test
    void tree01() {
        RcutortureConfig c = config("TREE01");
        assertEquals(8, c.cpus()); // maxcpus=8, no CONFIG_NR_CPUS
        assertEquals(Preemption.FULL, c.preemption());
        assertTrue(c.rcu().preemptible());
        assertEquals(List.of(0), c.rcu().nocbCpus());
        assertEquals(7, c.torture().onoffCpus().length);
        assertTrue(warns(c, "rcutorture.torture_type=rcu_bh"), c.warnings().toString());
        assertEquals(new rcusim.rcu.RcuGpDelays(3, 3, 3), c.rcu().gpDelays(), "TREE01.boot's rcutree.gp_*_delay=3");
        assertFalse(warns(c, "rcutree.gp_preinit_delay"), c.warnings().toString());
        runsAndPasses(c);
    }

    @Test
    void tree02() {
        RcutortureConfig c = config("TREE02");
        assertEquals(8, c.cpus());
        assertTrue(c.rcu().preemptible());
        assertEquals(3, c.rcu().fanout());
        assertEquals(3, c.rcu().fanoutLeaf());
        assertEquals(0, c.torture().onoffCpus().length);
        assertTrue(warns(c, "rcutorture.fwd_progress=2"), c.warnings().toString());
        runsAndPasses(c);
    }

    @Test
    void tree03IsRefusedForBoostingAndKthreadPriority() {
        assertEquals(List.of("CONFIG_RCU_BOOST=y", "CONFIG_RCU_KTHREAD_PRIO=2", "rcutree.kthread_prio=2"),
                refusedOptions("TREE03"));
    }

    @Test
    void tree04() {
        RcutortureConfig c = config("TREE04");
        assertEquals(8, c.cpus());
        assertEquals(Preemption.NONE, c.preemption());
        assertEquals(4, c.rcu().fanout());
        assertEquals(4, c.rcu().fanoutLeaf()); // rcutree.rcu_fanout_leaf=4 over CONFIG_RCU_FANOUT_LEAF=3
        assertTrue(warns(c, "CONFIG_NO_HZ_FULL=y with no nohz_full= CPUs"), c.warnings().toString());
        runsAndPasses(c);
    }

    @Test
    void tree05() {
        RcutortureConfig c = config("TREE05");
        assertEquals(Preemption.NONE, c.preemption());
        assertEquals(6, c.rcu().fanoutLeaf());
        assertTrue(c.rcu().nocbCpus().isEmpty()); // RCU_NOCB_CPU_NONE
        assertArrayEquals(IntStream.range(1, 8).toArray(), c.torture().onoffCpus());
        runsAndPasses(c);
    }

    @Test
    void tree06() {
        RcutortureConfig c = config("TREE06");
        assertEquals(Preemption.NONE, c.preemption());
        assertEquals(0, c.torture().onoffCpus().length);
        assertTrue(warns(c, "CONFIG_DEBUG_OBJECTS_RCU_HEAD=y"), c.warnings().toString());
        assertTrue(warns(c, "rcupdate.rcu_self_test_sched=1"), c.warnings().toString());
        runsAndPasses(c);
    }

    @Test
    void tree07IsRefusedForNohzFull() {
        assertEquals(List.of("CONFIG_NO_HZ_FULL_SYSIDLE=y", "nohz_full=2-9"), refusedOptions("TREE07"));
    }

    @Test
    void tree08() {
        RcutortureConfig c = config("TREE08");
        assertEquals(16, c.cpus());
        assertTrue(c.rcu().preemptible());
        assertEquals(16, c.rcu().nocbCpus().size()); // RCU_NOCB_CPU_ALL, with rcu_nocbs=0-7
        assertTrue(warns(c, "rcutree.rcu_fanout_exact=1: for 16 CPUs the exact tree is the balanced one"),
                c.warnings().toString());
        runsAndPasses(c);
    }

    @Test
    void srcuNIsRefusedNamingTheFlavour() {
        assertEquals(List.of("rcutorture.torture_type=srcu"), refusedOptions("SRCU-N"));
    }

    @Test
    void tasks01IsRefusedNamingTheFlavour() {
        assertEquals(List.of("CONFIG_TASKS_RCU=y", "rcutorture.torture_type=tasks"), refusedOptions("TASKS01"));
    }

    /** The checker is live on a configuration read from files: an injected fault fails the first run. */
    @Test
    void anInjectedFaultFailsTree04() {
        Scenario s = config("TREE04").scenario();
        Scenario broken = s.withInjection(s.injectable("sync-returns-at-once").orElseThrow());
        assertFalse(ScenarioRun.run(broken, 1, false).passed());
    }

    /** A path on disk reads NAME.boot and CFcommon beside it; later lines of CFcommon lose to the file's. */
    @Test
    void aPathReadsTheBootFileAndCfcommonBesideIt() throws Exception {
        Files.writeString(dir.resolve("CFcommon"), "CONFIG_RCU_TORTURE_TEST=y\nCONFIG_NR_CPUS=2\n");
        Files.writeString(dir.resolve("MINE"), "CONFIG_NR_CPUS=4\nCONFIG_PREEMPT=y\n");
        Files.writeString(dir.resolve("MINE.boot"), "rcutorture.nreaders=2\n");
        RcutortureConfig c = RcutortureCatalog.config(dir.resolve("MINE").toString()).orElseThrow();
        assertEquals(4, c.cpus());
        assertEquals(2, c.torture().readers());
        assertTrue(RcutortureCatalog.config(dir.resolve("NONE").toString()).isEmpty());
        assertTrue(RcutortureCatalog.config("rcutorture/NOPE").isEmpty());
    }
}
