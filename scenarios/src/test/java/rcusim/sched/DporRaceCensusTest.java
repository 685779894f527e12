package rcusim.sched;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rcusim.sched.scenario.ScenarioRun;

@Tag("slow")
class DporRaceCensusTest {
    @Test
    void census() {
        var sc = rcusim.scenarios.builtin.Catalog.builtin().find(System.getProperty("census.scenario", "gp-2cpu")).get();
        Map<String, Long> byObject = new TreeMap<>();
        DporExplorer x = new DporExplorer(null, false).withRaceProbe((a, b) -> {
            String key = shared(a, b);
            byObject.merge(key, 1L, Long::sum);
        });
        var r = x.explore(d -> ScenarioRun.run(sc, 1, d, false).result(), Long.getLong("census.runs", 3000), new BoundedExhaustive.Monitor() {
        });
        System.out.println("executions " + r.executions() + " blocked " + r.sleepBlocked());
        byObject.entrySet().stream().sorted((p, q) -> Long.compare(q.getValue(), p.getValue())).limit(25)
                .forEach(e -> System.out.println(e.getValue() + " " + e.getKey()));
    }

    private static String shared(Footprint a, Footprint b) {
        StringBuilder sb = new StringBuilder();
        for (int o : a.writes()) {
            if (contains(b.reads(), o) || contains(b.writes(), o)) sb.append(name(o)).append(' ');
        }
        for (int o : a.reads()) {
            if (contains(b.writes(), o) && !contains(a.writes(), o)) sb.append(name(o)).append(' ');
        }
        return sb.toString();
    }

    private static boolean contains(int[] a, int o) {
        return java.util.Arrays.binarySearch(a, o) >= 0;
    }

    private static String name(int o) {
        if (o >= 0) return "loc" + o;
        if (o == -1) return "GLOBAL";
        if (o == -2) return "VIEWS";
        if (o == -3) return "POINTERS";
        int c = (-o - 4) / 3;
        return new String[] {"CONTEXT", "BUFFER", "VIEWS"}[(-o - 4) % 3] + c;
    }
}
