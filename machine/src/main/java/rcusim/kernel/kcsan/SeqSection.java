package rcusim.kernel.kcsan;

import java.util.ArrayList;
import java.util.List;

/**
 * A seqcount read section of one context: races on its plain reads wait here until it ends;
 * a section its retry check discards drops them (its reads were never used), one that
 * succeeds reports them.
 */
final class SeqSection {
    boolean open = true;
    boolean retried;
    final List<String> pending = new ArrayList<>(1);
}
