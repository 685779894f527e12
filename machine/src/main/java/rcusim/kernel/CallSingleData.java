package rcusim.kernel;

import java.util.function.Consumer;

/** One smp_call_function_single() request (call_single_data_t). */
final class CallSingleData {
    final Consumer<Kernel> func;
    final int fromCpu;
    boolean done;

    CallSingleData(Consumer<Kernel> func, int fromCpu) {
        this.func = func;
        this.fromCpu = fromCpu;
    }
}
