package rcusim.scenarios.file.exec;

import java.util.List;
import rcusim.kernel.Kernel;

/**
 * A compiled function of a file. Calls resolve to this object at compile time; its body is
 * set once compiled, so functions may call each other in any order.
 */
final class Function {
    final String name;
    final CType returnType;
    final List<CType> params;
    Code.St body;
    int locals;

    Function(String name, CType returnType, List<CType> params) {
        this.name = name;
        this.returnType = returnType;
        this.params = params;
    }

    /** Runs the function on kernel k (a task's, a callback's or a handler's) with these arguments. */
    long invoke(RunState rs, Kernel k, int task, long... args) {
        Frame f = new Frame(rs, k, locals, task);
        System.arraycopy(args, 0, f.locals, 0, args.length);
        body.exec(f);
        return f.ret;
    }

    long invoke1(RunState rs, Kernel k, int task, long arg) {
        Frame f = new Frame(rs, k, locals, task);
        if (!params.isEmpty()) {
            f.locals[0] = arg;
        }
        body.exec(f);
        return f.ret;
    }
}
