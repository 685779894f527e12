package rcusim.scenarios.kconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.sched.replay.BadFileException;

/** The Kconfig fragment and boot-line formats as kvm.sh reads them. */
class KconfigFormatTest {
    @Test
    void laterLinesWinAndTheScenarioFollowsCfcommon() {
        KconfigFragment common = KconfigFragment.parse("CFcommon", 1, "CONFIG_RCU_TORTURE_TEST=y\nCONFIG_NR_CPUS=4\n");
        KconfigFragment own = KconfigFragment.parse("T", 1, "# a comment\n\nCONFIG_NR_CPUS=8\nCONFIG_SMP=y\nCONFIG_NR_CPUS=6\n");
        KconfigFragment merged = common.then(own);
        assertEquals(List.of("CONFIG_RCU_TORTURE_TEST=y", "CONFIG_SMP=y", "CONFIG_NR_CPUS=6"), merged.texts());
        assertEquals(new Origin("T", 5, 1), merged.get("NR_CPUS").origin());
    }

    @Test
    void notSetLinesAreNAndCheckLinesAreKeptApart() {
        KconfigFragment f = KconfigFragment.parse("T", 1, "# CONFIG_HOTPLUG_CPU is not set\n#CHECK#CONFIG_PREEMPT_RCU=y\n");
        assertEquals("n", f.get("HOTPLUG_CPU").value());
        assertNull(f.get("PREEMPT_RCU"));
        assertEquals(1, f.checks().size());
        assertEquals("PREEMPT_RCU", f.checks().iterator().next().name());
        assertEquals(8, f.checks().iterator().next().origin().col());
    }

    @Test
    void aLineThatIsNoSettingIsAnErrorAtItsLineAndColumn() {
        BadFileException e = assertThrows(BadFileException.class,
                () -> KconfigFragment.parse("T", 1, "CONFIG_SMP=y\n  NR_CPUS=8\n"));
        assertTrue(e.getMessage().startsWith("T:2:3: expected CONFIG_NAME=VALUE"), e.getMessage());
        BadFileException empty = assertThrows(BadFileException.class,
                () -> KconfigFragment.parse("T", 10, "CONFIG_NR_CPUS=\n"));
        assertTrue(empty.getMessage().startsWith("T:10:16: CONFIG_NR_CPUS=: expected a value"), empty.getMessage());
    }

    @Test
    void aBadValueIsNamedAtTheValue() {
        KconfigFragment f = KconfigFragment.parse("T", 1, "CONFIG_NR_CPUS=eight\nCONFIG_SMP=maybe\n");
        BadFileException n = assertThrows(BadFileException.class, () -> f.get("NR_CPUS").intValue());
        assertTrue(n.getMessage().startsWith("T:1:16: CONFIG_NR_CPUS=eight: expected a number"), n.getMessage());
        BadFileException b = assertThrows(BadFileException.class, () -> f.get("SMP").bool());
        assertTrue(b.getMessage().startsWith("T:2:12: CONFIG_SMP=maybe: expected y or n"), b.getMessage());
    }

    @Test
    void bootLinesDropCommentsJoinLinesAndTakeTheLastValue() {
        BootParams b = BootParams.parse("T.boot", 1,
                "rcutorture.nreaders=2 maxcpus=8\n# rcutorture.nreaders=9\n  rcu_nocbs=0-3 rcu_nocb_poll\nrcutorture.nreaders=4\n");
        assertEquals(4, b.get("rcutorture.nreaders").intValue());
        assertEquals(new Origin("T.boot", 4, 1), b.get("rcutorture.nreaders").origin());
        assertEquals(new Origin("T.boot", 3, 3), b.get("rcu_nocbs").origin());
        assertNull(b.get("rcu_nocb_poll").value());
        assertEquals(List.of("maxcpus", "rcu_nocbs", "rcu_nocb_poll", "rcutorture.nreaders"),
                b.params().stream().map(BootParam::name).toList());
        BootParams later = b.then(BootParams.parse("cmdline", 1, "maxcpus=4"));
        assertEquals(4, later.get("maxcpus").intValue());
    }

    @Test
    void aBootParameterWithoutAName() {
        BadFileException e = assertThrows(BadFileException.class, () -> BootParams.parse("T.boot", 1, "maxcpus=8 =3"));
        assertTrue(e.getMessage().startsWith("T.boot:1:11: boot parameter '=3'"), e.getMessage());
    }
}
