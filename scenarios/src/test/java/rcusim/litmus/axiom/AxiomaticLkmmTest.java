package rcusim.litmus.axiom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.parse.LitmusParser;

/**
 * The axiomatic engine gives herd7's verdict on every test of litmus/lkmm, litmus/extra and
 * litmus/own: all 30 Sometimes of the 79 shared tests reached, no Never observed.
 */
class AxiomaticLkmmTest {
    private static LitmusResult run(Path f) throws Exception {
        return new AxiomaticRunner().run(LitmusParser.parse(f));
    }

    private static List<String> disagreements(String folder, int[] sometimes) throws Exception {
        List<String> bad = new ArrayList<>();
        for (AxiomaticExpectations.Expected e : AxiomaticExpectations.of(folder)) {
            LitmusResult r = run(e.file());
            assertTrue(r.complete(), e.file() + " did not finish: " + r.stopped());
            if (!r.verdict().toString().equals(e.verdict())) {
                bad.add(e.file().getFileName() + ": " + r.verdict() + ", herd7 " + e.verdict());
            }
            if (e.verdict().equals("Sometimes")) {
                sometimes[0]++;
                if (r.observed() > 0) {
                    sometimes[1]++;
                }
            }
        }
        return bad;
    }

    @Test
    void everySharedTestGetsHerdsVerdict() throws Exception {
        int[] sometimes = new int[2];
        List<String> bad = new ArrayList<>(disagreements("lkmm", sometimes));
        bad.addAll(disagreements("extra", sometimes));
        assertEquals(List.of(), bad);
        assertEquals(30, sometimes[0]);
        assertEquals(30, sometimes[1], "Sometimes reached");
    }

    @Test
    void everyOwnTestGetsHerdsVerdict() throws Exception {
        assertEquals(List.of(), disagreements("own", new int[2]));
    }

    @Test
    void loadBufferingIsAllowedAndItsDependentFormForbidden() throws Exception {
        // the machine cannot reach LB; LKMM allows it without dependencies, forbids it with them
        LitmusResult lb = run(rcusim.litmus.parse.SharedLitmus.file("lkmm", "LB+poonceonces.litmus"));
        assertTrue(lb.observed() > 0);
        LitmusResult dep = run(rcusim.litmus.parse.SharedLitmus.file("extra", "C-LB+o-data-o+o-data-o+o-data-o.litmus"));
        assertEquals(0, dep.observed());
    }
}
