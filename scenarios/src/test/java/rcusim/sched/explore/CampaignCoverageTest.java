package rcusim.sched.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.machine.CoverageEvent;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;
import rcusim.rcu.RcuCoverage;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.scenario.Scenario;

/** A campaign's coverage lists every event the scenario declares, with 0 for those no run reached. */
class CampaignCoverageTest {
    enum Event implements CoverageEvent {
        REACHED("test: reached by every run"),
        UNREACHED("test: reached by no run");

        private final String text;

        Event(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }

    /** One task that reaches {@link Event#REACHED}; both events declared. */
    record Declaring() implements Scenario {
        @Override
        public String name() {
            return "declaring";
        }

        @Override
        public String description() {
            return "reaches one of its two declared coverage events";
        }

        @Override
        public MachineConfig config() {
            return MachineConfig.of(1, MemoryModel.WEAK);
        }

        @Override
        public void load(Simulation m, long seed) {
            m.spawn(0, "t", k -> k.coverage(Event.REACHED));
        }

        @Override
        public List<Event> coverageEvents() {
            return List.of(Event.values());
        }
    }

    private static CampaignResult run(Scenario s, long runs, Shard shard) {
        CampaignConfig c = new CampaignConfig(s, "random", 1, runs, -1, 1, shard, false);
        return new Campaign(c).run();
    }

    private static String summary(CampaignResult r) {
        StringWriter out = new StringWriter();
        new CampaignReport(new PrintWriter(out, true)).summary(r);
        return out.toString();
    }

    @Test
    void anUnreachedDeclaredEventPrintsAsZero() {
        CampaignResult r = run(new Declaring(), 3, Shard.ALL);
        assertEquals(Map.of(Event.REACHED.text(), 3L, Event.UNREACHED.text(), 0L), r.coverage);
        String report = summary(r);
        assertTrue(report.contains("\n         3  test: reached by every run\n"), report);
        assertTrue(report.contains("\n         0  test: reached by no run\n"), report);
    }

    /** summary.json keeps the zeros, so rcusim merge prints them too. */
    @Test
    void mergedShardsKeepTheUnreachedEvent(@TempDir Path dir) throws Exception {
        CampaignResult merged = new CampaignResult();
        for (int i = 0; i < 2; i++) {
            Shard shard = new Shard(i, 2);
            CampaignConfig c = new CampaignConfig(new Declaring(), "random", 1, 4, -1, 1, shard, false);
            Path f = dir.resolve("s" + i + ".json");
            CampaignSummaryFile.write(f, c, new Campaign(c).run());
            CampaignSummaryFile.merge(merged, CampaignSummaryFile.read(f).result());
        }
        assertEquals(Map.of(Event.REACHED.text(), 4L, Event.UNREACHED.text(), 0L), merged.coverage);
        assertTrue(summary(merged).contains("\n         0  test: reached by no run\n"), summary(merged));
    }

    /** Tree RCU's scenarios declare its events: a short torture campaign shows the stall warning it never hit. */
    @Test
    void tortureDeclaresTreeRcuEvents() {
        CampaignResult r = run(Catalog.builtin().find("torture").orElseThrow(), 2, Shard.ALL);
        assertEquals(0L, r.coverage.get(RcuCoverage.STALL.text()), r.coverage.toString());
        assertTrue(summary(r).contains("\n         0  " + RcuCoverage.STALL.text() + "\n"), summary(r));
    }
}
