package rcusim.kernel.kcsan;

import java.util.List;

/**
 * Where an access was made: the simulated function (the first frame outside the machine, the
 * kernel facade and the detector) and a few frames of its Java stack. A marked access is named
 * by its operation alone ({@code [READ_ONCE]}): walking the stack at every marked access would
 * cost more than the detector's whole budget, and the title must not depend on which side of
 * a race came first.
 *
 * @param function what a report's title names
 * @param frames the stack, innermost first; empty when not recorded
 */
record Site(String function, List<String> frames) {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final int DEPTH = 8;

    /** The caller's site, from the stack. */
    static Site here() {
        List<StackWalker.StackFrame> fs = WALKER.walk(s -> s.dropWhile(Site::infrastructure)
                .takeWhile(f -> !f.getClassName().startsWith("rcusim.machine.")
                        && !f.getClassName().equals("rcusim.kernel.KernelEnvironment"))
                .limit(DEPTH).toList());
        if (fs.isEmpty()) {
            return new Site("(unknown)", List.of());
        }
        return new Site(functionOf(fs.get(0).getMethodName()),
                fs.stream().map(f -> functionOf(f.getMethodName()) + " (" + simpleName(f.getClassName()) + ".java:"
                        + f.getLineNumber() + ")").toList());
    }

    /** A site the code names itself (a scenario file's file:line). */
    static Site named(String where) {
        return new Site(where, List.of(where));
    }

    private static final java.util.concurrent.ConcurrentMap<String, Site> MARKED = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** A marked access's site: its operation (one shared object per operation). */
    static Site marked(String op) {
        return MARKED.computeIfAbsent(op, o -> new Site("[" + o + "]", List.of()));
    }

    private static boolean infrastructure(StackWalker.StackFrame f) {
        String c = f.getClassName();
        return c.startsWith("rcusim.machine.") || c.equals(Kcsan.class.getName()) || c.equals(Site.class.getName())
                || c.equals("rcusim.kernel.Kernel")
                || c.startsWith("java.") || c.startsWith("jdk.");
    }

    /** lambda$reader$3 is code of reader(). */
    static String functionOf(String method) {
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', 7);
            return end > 7 ? method.substring(7, end) : method;
        }
        return method;
    }

    private static String simpleName(String cls) {
        String s = cls.substring(cls.lastIndexOf('.') + 1);
        int d = s.indexOf('$');
        return d > 0 ? s.substring(0, d) : s;
    }
}
