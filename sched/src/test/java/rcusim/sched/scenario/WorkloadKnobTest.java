package rcusim.sched.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The workload knobs keep their command-line and replay-file spelling. */
class WorkloadKnobTest {
    @Test
    void namesAreTheOptionsOfToday() {
        assertEquals(List.of("stall-timeout", "writer-stall", "readers", "reader-loops", "updates", "onoff-cycles",
                "fakewriters", "hog", "barrier", "stutter", "onoff-holdoff", "onoff-interval", "gp-preinit-delay", "gp-init-delay",
                "gp-cleanup-delay", "vcpu-freeze-every"), Stream.of(WorkloadKnob.values()).map(WorkloadKnob::optionName).toList());
        assertEquals(List.of(WorkloadKnob.STALL_TIMEOUT, WorkloadKnob.WRITER_STALL),
                Stream.of(WorkloadKnob.values()).filter(WorkloadKnob::stricter).toList());
        assertEquals(Optional.of(WorkloadKnob.READER_LOOPS), WorkloadKnob.byName("--reader-loops"));
        assertEquals(Optional.of(WorkloadKnob.READER_LOOPS), WorkloadKnob.byName("reader-loops"));
        assertEquals(Optional.empty(), WorkloadKnob.byName("--cpus"));
    }

    @Test
    void overridesReadAndWriteKnobsByName() {
        ConfigOverrides o = ConfigOverrides.parse("--barrier 0 --writer-stall 40");
        assertEquals(40, o.workload().get(WorkloadKnob.WRITER_STALL));
        assertEquals("--writer-stall 40 --barrier 0", o.commandLine());
        assertEquals("--writer-stall 40 --hog 1 --barrier 0", o.with(WorkloadKnob.HOG, 1).commandLine()); // knob order
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigOverrides.parse("--writers 2"));
        assertEquals("configuration options '--writers 2': unknown option --writers", e.getMessage());
    }
}
