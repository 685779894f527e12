package rcusim.litmus.axiom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.parse.LitmusParser;
import rcusim.litmus.parse.LitmusSyntaxException;

/**
 * The whole of litmus/corpus (1,001 tests, minutes): no Never observed and no Always violated
 * (unsound), at least 98% complete, at least 90% of the 501 Sometimes reached, herd7's
 * data-race flag on every complete test.
 */
@Tag("slow")
class AxiomaticCorpusSlowTest {
    @Test
    void wholeCorpus() throws Exception {
        List<AxiomaticExpectations.Expected> all = AxiomaticExpectations.of("corpus");
        List<String> unsound = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        int complete = 0;
        int sometimes = 0;
        int reached = 0;
        for (AxiomaticExpectations.Expected e : all) {
            LitmusResult r;
            try {
                r = new AxiomaticRunner().run(LitmusParser.parse(e.file()));
            } catch (LitmusSyntaxException ex) {
                continue; // counted as not complete
            }
            if (e.verdict().equals("Sometimes")) {
                sometimes++;
                reached += r.observed() > 0 ? 1 : 0;
            }
            if (e.verdict().equals("Never") && r.observed() > 0
                    || e.verdict().equals("Always") && r.observed() < r.executions()) {
                unsound.add(e.file().getFileName().toString());
            }
            if (r.complete()) {
                complete++;
                if (!e.flags().stream().filter(f -> f.equals("data-race")).toList().equals(r.flags())) {
                    flags.add(e.file().getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), unsound);
        assertEquals(List.of(), flags);
        assertTrue(complete * 100 >= 98 * all.size(), complete + " of " + all.size() + " complete");
        assertTrue(reached * 100 >= 90 * sometimes, reached + " of " + sometimes + " Sometimes reached");
    }
}
