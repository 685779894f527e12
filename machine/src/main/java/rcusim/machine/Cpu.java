package rcusim.machine;

import java.util.function.LongPredicate;
import rcusim.machine.strand.Strand;

/** One simulated CPU: the code it runs and the operation it has posted and waits to perform. */
final class Cpu {
    final int id;
    Strand strand;
    String name;
    boolean done = true;

    // the posted operation
    int op;
    int loc;
    long a;
    long b;
    Ordering ordering;
    RmwOp rmw;
    LongPredicate condition;
    boolean acquire;

    /** Which of the readable values the decider picked for a posted load. */
    int choice;

    Cpu(int id) {
        this.id = id;
    }
}
