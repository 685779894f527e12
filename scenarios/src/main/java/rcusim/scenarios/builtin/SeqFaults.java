package rcusim.scenarios.builtin;

import java.util.List;
import rcusim.kernel.seqlock.SeqFault;
import rcusim.sched.scenario.Fault;

/** The sequence-lock faults as the scenarios offer them for injection. */
final class SeqFaults {
    /** The barrier faults of a seqcount's readers and writers. */
    static final List<SeqFault> BARRIERS = List.of(SeqFault.BEGIN_NO_RMB, SeqFault.RETRY_NO_RMB,
            SeqFault.WRITE_BEGIN_NO_WMB, SeqFault.WRITE_END_NO_WMB);

    private SeqFaults() {
    }

    static Fault of(SeqFault f) {
        return new Fault(f.spelling(), f.description());
    }

    static List<Fault> of(List<SeqFault> faults) {
        return faults.stream().map(SeqFaults::of).toList();
    }

    /**
     * The sequence-lock fault a scenario fault stands for (null for null).
     *
     * @throws IllegalArgumentException if it is none of them
     */
    static SeqFault toSeq(Fault f) {
        if (f == null) {
            return null;
        }
        return SeqFault.named(f.name()).filter(s -> of(s).equals(f))
                .orElseThrow(() -> new IllegalArgumentException("not a sequence-lock fault: " + f.name()));
    }
}
