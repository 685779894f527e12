package rcusim.litmus.axiom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.parse.LitmusParser;
import rcusim.litmus.parse.LitmusSyntaxException;

/**
 * A slice of litmus/corpus (every 20th test, 51 tests the engine was not tuned on one by one):
 * herd7's verdict and herd7's data-race flag on each.
 */
class AxiomaticCorpusSampleTest {
    static final int STRIDE = 20;

    @Test
    void everyTwentiethCorpusTestGetsHerdsVerdictAndFlags() throws Exception {
        List<AxiomaticExpectations.Expected> all = AxiomaticExpectations.of("corpus");
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < all.size(); i += STRIDE) {
            AxiomaticExpectations.Expected e = all.get(i);
            LitmusResult r;
            try {
                r = new AxiomaticRunner().run(LitmusParser.parse(e.file()));
            } catch (LitmusSyntaxException ex) {
                bad.add(e.file().getFileName() + ": " + ex.getMessage());
                continue;
            }
            checked++;
            if (!r.complete() || !r.verdict().toString().equals(e.verdict())) {
                bad.add(e.file().getFileName() + ": " + (r.complete() ? r.verdict() : "INCOMPLETE") + ", herd7 "
                        + e.verdict());
            }
            List<String> herdRace = e.flags().stream().filter(f -> f.equals("data-race")).toList();
            if (!herdRace.equals(r.flags())) {
                bad.add(e.file().getFileName() + ": flags " + r.flags() + ", herd7 " + e.flags());
            }
        }
        assertEquals(List.of(), bad);
        assertEquals((all.size() + STRIDE - 1) / STRIDE, checked);
    }
}
