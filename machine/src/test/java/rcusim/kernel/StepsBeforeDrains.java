package rcusim.kernel;

import java.util.function.Consumer;
import rcusim.machine.StepFootprint;
import rcusim.machine.StepObserver;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/**
 * A decider for footprint tests: takes a CPU step whenever one is offered, so the stores sit
 * in the buffer before any drains, and hands every step's footprint to a consumer.
 */
final class StepsBeforeDrains implements StepObserver {
    private final Consumer<StepFootprint> stepped;

    StepsBeforeDrains(Consumer<StepFootprint> stepped) {
        this.stepped = stepped;
    }

    @Override
    public int choose(Options o) {
        for (int i = 0; i < o.size(); i++) {
            if (o.kind(i) == OptionKind.STEP) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public void stepped(StepFootprint s) {
        stepped.accept(s);
    }

    @Override
    public void pending(StepFootprint next) {
    }
}
