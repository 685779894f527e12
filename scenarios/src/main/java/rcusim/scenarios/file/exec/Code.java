package rcusim.scenarios.file.exec;

/** The compiled forms: closures built once per file and run on every simulation. */
final class Code {
    /** Statement completions. */
    static final int NORMAL = 0;
    static final int BREAK = 1;
    static final int CONTINUE = 2;
    static final int RETURN = 3;

    private Code() {
    }

    /** A compiled expression. */
    @FunctionalInterface
    interface Ex {
        long eval(Frame f);
    }

    /** A compiled statement; returns how it completed. */
    @FunctionalInterface
    interface St {
        int exec(Frame f);
    }

    /** Where an assignment stores: a local slot or a memory address. */
    interface Place {
        long load(Frame f);

        void store(Frame f, long v);
    }
}
