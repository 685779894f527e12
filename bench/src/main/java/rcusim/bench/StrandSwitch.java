package rcusim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import rcusim.machine.strand.ContinuationStrands;
import rcusim.machine.strand.Strand;
import rcusim.machine.strand.StrandFactory;
import rcusim.machine.strand.ThreadStrands;

/**
 * (a) The bare cost of one strand switch: a strand body that loops {@code park()} forever, and
 * one {@link Strand#resume()} per operation (the owner hands control to the body, the body
 * parks and hands it back). This is the floor under every simulated machine step.
 *
 * <p>{@code continuation} parks right in the body (shallowest stack); {@code continuationDeep}
 * parks under {@value #DEPTH} extra frames, roughly what simulated code has between its body
 * and the park (body, kernel call, post, factory park). {@code thread} is the portable
 * fallback, a platform-thread hand-off.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Xss4m"})
public class StrandSwitch {
    static final int DEPTH = 8;

    /** One strand of a substrate, parked inside its endless loop. */
    public abstract static class Looping {
        StrandFactory factory;
        Strand strand;

        abstract StrandFactory factory();

        int depth() {
            return 0;
        }

        @Setup(Level.Trial)
        public void start() {
            factory = factory();
            StrandFactory f = factory;
            int depth = depth();
            strand = f.create("loop", () -> descend(f, depth));
            if (strand.resume()) {
                throw new IllegalStateException("the looping strand finished");
            }
        }

        private static void descend(StrandFactory f, int depth) {
            if (depth > 0) {
                descend(f, depth - 1);
                return;
            }
            while (true) {
                f.park();
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            strand.discard();
        }
    }

    @State(Scope.Thread)
    public static class Cont extends Looping {
        @Override
        StrandFactory factory() {
            if (!ContinuationStrands.isAvailable()) {
                throw new IllegalStateException(ContinuationStrands.unavailableReason());
            }
            return new ContinuationStrands();
        }
    }

    @State(Scope.Thread)
    public static class DeepCont extends Cont {
        @Override
        int depth() {
            return DEPTH;
        }
    }

    @State(Scope.Thread)
    public static class Threads extends Looping {
        @Override
        StrandFactory factory() {
            return new ThreadStrands();
        }
    }

    @Benchmark
    public boolean continuation(Cont s) {
        return s.strand.resume();
    }

    @Benchmark
    public boolean continuationDeep(DeepCont s) {
        return s.strand.resume();
    }

    @Benchmark
    public boolean thread(Threads s) {
        return s.strand.resume();
    }
}
